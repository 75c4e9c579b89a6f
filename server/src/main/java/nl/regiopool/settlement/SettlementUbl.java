package nl.regiopool.settlement;

import com.helger.commons.error.list.ErrorList;
import com.helger.ubl21.UBL21Marshaller;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.AddressType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.CountryType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.CustomerPartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.FinancialAccountType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.InvoiceLineType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.ItemType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.MonetaryTotalType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyIdentificationType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyLegalEntityType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyNameType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PaymentMeansType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PeriodType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PriceType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.SupplierPartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxCategoryType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxSchemeType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxSubtotalType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxTotalType;
import oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.CompanyIDType;
import oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.EndpointIDType;
import oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.IDType;
import oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.PaymentIDType;
import oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.TaxExemptionReasonType;
import oasis.names.specification.ubl.schema.xsd.invoice_21.InvoiceType;

/**
 * A statement as a UBL 2.1 invoice in the Dutch e-invoicing profile (SI-UBL 2.0, the NLCIUS of EN 16931): the
 * lender invoices the borrower, both named by KvK number (scheme 0106), payment by SEPA credit transfer to the
 * lender's IBAN, one invoice line per settlement line with its VAT category (E with the exemption reason, or S
 * at 21%). Written through ph-ubl, which validates the document against the UBL 2.1 schema.
 */
final class SettlementUbl {

    static final String CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0";
    static final String PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
    /** KvK number, in the ISO 6523 ICD list. */
    static final String KVK_SCHEME = "0106";
    private static final String EUR = "EUR";
    private static final int PAYMENT_TERM_DAYS = 30;

    private SettlementUbl() {
    }

    static String invoice(SettlementDao.StatementRow statement, List<SettlementDao.LineRow> lines,
                          List<SettlementDao.Party> parties) {
        InvoiceType invoice = build(statement, lines, parties);
        ErrorList errors = new ErrorList();
        String xml = UBL21Marshaller.invoice().setCollectErrors(errors).getAsString(invoice);
        if (xml == null || errors.containsAtLeastOneError()) {
            throw new IllegalStateException("statement " + statement.id() + " does not make a valid UBL 2.1 invoice: " + errors);
        }
        return xml;
    }

    static InvoiceType build(SettlementDao.StatementRow statement, List<SettlementDao.LineRow> lines,
                             List<SettlementDao.Party> parties) {
        Map<UUID, SettlementDao.Party> byId = parties.stream()
                .collect(Collectors.toMap(SettlementDao.Party::id, Function.identity()));
        YearMonth period = YearMonth.from(statement.period());
        LocalDate issued = period.atEndOfMonth();
        boolean exempt = statement.vatPercent() == 0;

        InvoiceType invoice = new InvoiceType();
        invoice.setCustomizationID(CUSTOMIZATION);
        invoice.setProfileID(PROFILE);
        invoice.setID("RP-" + period + "-" + statement.id());
        invoice.setIssueDate(issued);
        invoice.setDueDate(issued.plusDays(PAYMENT_TERM_DAYS));
        invoice.setInvoiceTypeCode("380");
        invoice.addNote(new oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.NoteType(
                "Regiopool settlement " + period + ": collegial lending of staff at cost"));
        invoice.setDocumentCurrencyCode(EUR);
        invoice.setBuyerReference(statement.id().toString());
        PeriodType invoicePeriod = new PeriodType();
        invoicePeriod.setStartDate(period.atDay(1));
        invoicePeriod.setEndDate(period.atEndOfMonth());
        invoice.addInvoicePeriod(invoicePeriod);

        SupplierPartyType supplier = new SupplierPartyType();
        supplier.setParty(party(byId.get(statement.lenderMemberId())));
        invoice.setAccountingSupplierParty(supplier);
        CustomerPartyType customer = new CustomerPartyType();
        customer.setParty(party(byId.get(statement.borrowerMemberId())));
        invoice.setAccountingCustomerParty(customer);

        PaymentMeansType payment = new PaymentMeansType();
        payment.setPaymentMeansCode("58");
        payment.addPaymentID(new PaymentIDType(invoice.getIDValue()));
        FinancialAccountType account = new FinancialAccountType();
        account.setID(byId.get(statement.lenderMemberId()).iban());
        payment.setPayeeFinancialAccount(account);
        invoice.addPaymentMeans(payment);

        TaxTotalType taxTotal = new TaxTotalType();
        taxTotal.setTaxAmount(euros(statement.vatCents())).setCurrencyID(EUR);
        TaxSubtotalType subtotal = new TaxSubtotalType();
        subtotal.setTaxableAmount(euros(statement.subtotalCents())).setCurrencyID(EUR);
        subtotal.setTaxAmount(euros(statement.vatCents())).setCurrencyID(EUR);
        subtotal.setTaxCategory(category(statement.vatPercent(), statement.vatExemptionGround()));
        taxTotal.addTaxSubtotal(subtotal);
        invoice.addTaxTotal(taxTotal);

        MonetaryTotalType total = new MonetaryTotalType();
        total.setLineExtensionAmount(euros(statement.subtotalCents())).setCurrencyID(EUR);
        total.setTaxExclusiveAmount(euros(statement.subtotalCents())).setCurrencyID(EUR);
        total.setTaxInclusiveAmount(euros(statement.totalCents())).setCurrencyID(EUR);
        total.setPayableAmount(euros(statement.totalCents())).setCurrencyID(EUR);
        invoice.setLegalMonetaryTotal(total);

        int number = 0;
        for (SettlementDao.LineRow line : lines) {
            InvoiceLineType invoiceLine = new InvoiceLineType();
            invoiceLine.setID(Integer.toString(++number));
            invoiceLine.setInvoicedQuantity(BigDecimal.ONE).setUnitCode("C62");
            long amount = line.baseCents() + line.surchargeCents();
            invoiceLine.setLineExtensionAmount(euros(amount)).setCurrencyID(EUR);
            ItemType item = new ItemType();
            item.setName((line.correctionOfPeriod() == null ? "Uitleen " : "Correctie " + period(line) + " uitleen ")
                    + line.workDate() + ", " + SettlementMath.hours(line.workedSeconds()).toPlainString() + " uur");
            item.addDescription(new oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.DescriptionType(
                    "placement " + line.placementId() + ", agreement " + line.agreementId() + ", base "
                            + euros(line.baseCents()).toPlainString() + ", surcharges "
                            + euros(line.surchargeCents()).toPlainString()));
            item.addClassifiedTaxCategory(category(statement.vatPercent(), exempt ? statement.vatExemptionGround() : null));
            invoiceLine.setItem(item);
            PriceType price = new PriceType();
            price.setPriceAmount(euros(amount)).setCurrencyID(EUR);
            invoiceLine.setPrice(price);
            invoice.addInvoiceLine(invoiceLine);
        }
        return invoice;
    }

    private static String period(SettlementDao.LineRow line) {
        return SettlementViews.period(line.correctionOfPeriod());
    }

    private static PartyType party(SettlementDao.Party member) {
        PartyType party = new PartyType();
        EndpointIDType endpoint = new EndpointIDType(member.kvkNumber());
        endpoint.setSchemeID(KVK_SCHEME);
        party.setEndpointID(endpoint);
        PartyIdentificationType identification = new PartyIdentificationType();
        IDType id = new IDType(member.kvkNumber());
        id.setSchemeID(KVK_SCHEME);
        identification.setID(id);
        party.addPartyIdentification(identification);
        PartyNameType name = new PartyNameType();
        name.setName(member.name());
        party.addPartyName(name);
        AddressType address = new AddressType();
        address.setPostalZone(member.postcode());
        CountryType country = new CountryType();
        country.setIdentificationCode("NL");
        address.setCountry(country);
        party.setPostalAddress(address);
        PartyLegalEntityType legal = new PartyLegalEntityType();
        legal.setRegistrationName(member.name());
        CompanyIDType kvk = new CompanyIDType(member.kvkNumber());
        kvk.setSchemeID(KVK_SCHEME);
        legal.setCompanyID(kvk);
        party.addPartyLegalEntity(legal);
        return party;
    }

    /** VAT category E (exempt, with the reason) or S (standard rate). */
    private static TaxCategoryType category(int percent, String exemptionGround) {
        TaxCategoryType category = new TaxCategoryType();
        category.setID(percent == 0 ? "E" : "S");
        category.setPercent(BigDecimal.valueOf(percent));
        if (exemptionGround != null) {
            category.addTaxExemptionReason(new TaxExemptionReasonType(exemptionGround));
        }
        TaxSchemeType scheme = new TaxSchemeType();
        scheme.setID("VAT");
        category.setTaxScheme(scheme);
        return category;
    }

    static BigDecimal euros(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
