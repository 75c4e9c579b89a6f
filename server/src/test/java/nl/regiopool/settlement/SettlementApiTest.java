package nl.regiopool.settlement;

import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.helger.commons.error.list.ErrorList;
import com.helger.ubl21.UBL21Marshaller;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.regiopool.RegiopoolConfiguration;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.ApiResponse;
import nl.regiopool.client.api.AuditApi;
import nl.regiopool.client.api.CaoRuleSetsApi;
import nl.regiopool.client.api.PlacementsApi;
import nl.regiopool.client.api.SettingsApi;
import nl.regiopool.client.api.SettlementsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.AuditEvent;
import nl.regiopool.client.model.CaoRuleSetCreate;
import nl.regiopool.client.model.CaoRuleSetVersionCreate;
import nl.regiopool.client.model.CloseSettlementRequest;
import nl.regiopool.client.model.CompletePlacementRequest;
import nl.regiopool.client.model.ConfirmPlacementRequest;
import nl.regiopool.client.model.CooperativeSettingsPatch;
import nl.regiopool.client.model.DayKind;
import nl.regiopool.client.model.DisputePlacementRequest;
import nl.regiopool.client.model.LoanAgreement;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.Placement;
import nl.regiopool.client.model.PlacementCreate;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.ResolveDisputeRequest;
import nl.regiopool.client.model.RuleParameterName;
import nl.regiopool.client.model.RuleParameterValue;
import nl.regiopool.client.model.Settlement;
import nl.regiopool.client.model.SettlementCreate;
import nl.regiopool.client.model.SettlementLine;
import nl.regiopool.client.model.SettlementPosition;
import nl.regiopool.client.model.SettlementStatement;
import nl.regiopool.client.model.SettlementStatus;
import nl.regiopool.client.model.SurchargeWindowValue;
import nl.regiopool.client.model.Worker;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.Http;
import nl.regiopool.testing.TestApp;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxCategoryType;
import oasis.names.specification.ubl.schema.xsd.invoice_21.InvoiceType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Month end through the SDK, every amount computed by hand. Tariffs are 31.50/h, the fee 3.00/h; rule set
 * CAO_MAAND pays 30% on weekdays after 20:00 and 100% on public holidays. Agreement "exempt" (De Linde lends
 * Sanne to Oost, no end date, indefinite contract, tariff at cost) is VAT-exempt; agreement "taxed" (Het Anker
 * lends Eva to Oost until the end of 2026) is not, so it carries 21%.
 */
class SettlementApiTest extends ApiTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private UUID tenant;
    private SettlementsApi admin;
    private Member linde;
    private Member anker;
    private Member oost;
    private Member stranger;
    private LoanAgreement exempt;
    private LoanAgreement taxed;

    @BeforeEach
    void aCooperativeWithTwoLendersAndABorrower() throws ApiException {
        tenant = newCooperative();
        admin = new SettlementsApi(TestApp.client(TestApp.adminToken(tenant)));
        SettingsApi settings = new SettingsApi(TestApp.client(TestApp.adminToken(tenant)));
        settings.updateSettings("*", new CooperativeSettingsPatch().serviceFeeCentsPerHour(300));
        CaoRuleSetsApi ruleSets = new CaoRuleSetsApi(TestApp.client(TestApp.adminToken(tenant)));
        ruleSets.createCaoRuleSet(new CaoRuleSetCreate().code("CAO_MAAND").name("Maandafsluiting")._extends("ATW"), null);
        ruleSets.addCaoRuleSetVersion("CAO_MAAND", new CaoRuleSetVersionCreate().validFrom(LocalDate.of(2026, 1, 1))
                .parameters(List.of(new RuleParameterValue().name(RuleParameterName.SURCHARGE_WINDOWS)
                        .source("Regionale cao 2026, art. 7").surchargeWindows(List.of(
                                new SurchargeWindowValue().days(List.of(DayKind.MONDAY, DayKind.TUESDAY,
                                                DayKind.WEDNESDAY, DayKind.THURSDAY, DayKind.FRIDAY))
                                        .from("20:00").to("00:00").percent(new BigDecimal("30")),
                                new SurchargeWindowValue().days(List.of(DayKind.PUBLIC_HOLIDAY))
                                        .from("00:00").to("00:00").percent(new BigDecimal("100")))))), null);
        linde = newMember(tenant, "Huisartsenpraktijk De Linde");
        anker = newMember(tenant, "Huisartsenpraktijk Het Anker");
        oost = newMember(tenant, "Gezondheidscentrum Oost");
        stranger = newMember(tenant, "Praktijk Elders");
        WorkersApi workers = new WorkersApi(TestApp.client(TestApp.adminToken(tenant)));
        Worker sanne = workers.createWorker(workerCreate(linde.getId(), "Sanne", "Bakker"), null);
        Worker eva = workers.createWorker(workerCreate(anker.getId(), "Eva", "Smit"), null);
        exempt = activeAgreement(tenant, linde.getId(), oost.getId(), sanne.getId(), QualificationRole.DOKTERSASSISTENT,
                LocalDate.of(2026, 1, 1), null, 16, "CAO_MAAND");
        taxed = activeAgreement(tenant, anker.getId(), oost.getId(), eva.getId(), QualificationRole.DOKTERSASSISTENT,
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 16, "CAO_MAAND");
        assertThat(exempt.getTerms().getVatExemption().getEligible()).isTrue();
        assertThat(taxed.getTerms().getVatExemption().getEligible()).isFalse();
    }

    @Test
    void aMonthEndIsSettledClosedAndCorrectedInTheNextMonth() throws Exception {
        // March: Wednesday 18-22 (2 h after 20:00), Thursday 09-17 with a break (disputed), Friday 19-23 (3 h after 20:00)
        Placement evening = worked(exempt, linde, day(2026, 3, 4), 18, 22, 0);
        Placement disputed = worked(taxed, anker, day(2026, 3, 5), 9, 17, 30);
        Placement late = worked(taxed, anker, day(2026, 3, 6), 19, 23, 0);
        as(anker).disputePlacement(disputed.getId(), "*", new DisputePlacementRequest().reason("Left at 15:00."), null);

        ApiResponse<Settlement> created = admin.createSettlementWithHttpInfo(new SettlementCreate().period("2026-03"), null);
        assertThat(created.getStatusCode()).isEqualTo(201);
        Settlement march = created.getData();
        assertThat(march.getStatus()).isEqualTo(SettlementStatus.DRAFT);
        assertThat(march.getFeeCentsPerHour()).isEqualTo(300);
        assertThat(march.getLineCount()).as("the disputed shift waits for its resolution").isEqualTo(2);

        List<SettlementLine> marchLines = admin.listSettlementLines(march.getId(), null, null, null, null, null).getData();
        SettlementLine eveningLine = lineOf(marchLines, evening);
        assertThat(eveningLine.getHours()).isEqualByComparingTo("4.00");
        assertThat(eveningLine.getBaseCents()).isEqualTo(12_600L);      // 4 h × 31.50
        assertThat(eveningLine.getSurchargeCents()).isEqualTo(1_890L);  // 2 h × 31.50 × 30%
        assertThat(eveningLine.getFeeCents()).isEqualTo(1_200L);        // 4 h × 3.00
        assertThat(eveningLine.getVatCents()).isZero();
        SettlementLine lateLine = lineOf(marchLines, late);
        assertThat(lateLine.getBaseCents()).isEqualTo(12_600L);
        assertThat(lateLine.getSurchargeCents()).isEqualTo(2_835L);     // 3 h × 31.50 × 30%
        assertThat(lateLine.getFeeCents()).isEqualTo(1_200L);
        assertThat(lateLine.getVatCents()).isEqualTo(3_241L);           // 154.35 × 21% = 32.4135
        assertThat(lateLine.getWorkDate()).isEqualTo(LocalDate.of(2026, 3, 6));

        SettlementStatement lindeToOost = statement(march, linde);
        assertThat(lindeToOost.getSubtotalCents()).isEqualTo(14_490L);
        assertThat(lindeToOost.getVatPercent()).isZero();
        assertThat(lindeToOost.getVatCents()).isZero();
        assertThat(lindeToOost.getTotalCents()).isEqualTo(14_490L);
        assertThat(lindeToOost.getVatExemptionGround()).contains("Besluit vrijstelling ter beschikking stellen van personeel");
        SettlementStatement ankerToOost = statement(march, anker);
        assertThat(ankerToOost.getSubtotalCents()).isEqualTo(15_435L);
        assertThat(ankerToOost.getVatPercent()).isEqualTo(21);
        assertThat(ankerToOost.getVatCents()).isEqualTo(3_241L);
        assertThat(ankerToOost.getTotalCents()).isEqualTo(18_676L);
        assertThat(ankerToOost.getVatExemptionGround()).isNull();
        assertThat(march.getPositions()).extracting(SettlementPosition::getMemberId, SettlementPosition::getReceivableCents,
                SettlementPosition::getPayableCents, SettlementPosition::getNetCents).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(linde.getId(), 14_490L, 0L, 14_490L),
                org.assertj.core.groups.Tuple.tuple(anker.getId(), 18_676L, 0L, 18_676L),
                org.assertj.core.groups.Tuple.tuple(oost.getId(), 0L, 35_566L, -35_566L),  // 144.90 + 186.76 + 24.00 fee
                org.assertj.core.groups.Tuple.tuple(null, 2_400L, 0L, 2_400L));
        assertThat(march.getPositions().stream().mapToLong(SettlementPosition::getNetCents).sum()).isZero();

        ApiResponse<Settlement> recomputed = admin.createSettlementWithHttpInfo(new SettlementCreate().period("2026-03"), null);
        assertThat(recomputed.getStatusCode()).isEqualTo(200);
        assertThat(recomputed.getData().getStatements()).isEqualTo(march.getStatements());
        assertThat(recomputed.getData().getPositions()).isEqualTo(march.getPositions());

        // the exports of the March statements
        assertCsv(march, ankerToOost, List.of(lateLine));
        InvoiceType taxedInvoice = validInvoice(march, ankerToOost);
        assertThat(taxedInvoice.getAccountingSupplierParty().getParty().getPartyLegalEntityAtIndex(0).getCompanyIDValue())
                .isEqualTo(anker.getKvkNumber());
        assertThat(taxedInvoice.getAccountingCustomerParty().getParty().getPartyLegalEntityAtIndex(0).getCompanyIDValue())
                .isEqualTo(oost.getKvkNumber());
        assertThat(taxedInvoice.getPaymentMeansAtIndex(0).getPayeeFinancialAccount().getIDValue()).isEqualTo(VALID_IBAN);
        assertThat(taxedInvoice.getLegalMonetaryTotal().getPayableAmountValue()).isEqualByComparingTo("186.76");
        TaxCategoryType standard = taxedInvoice.getInvoiceLineAtIndex(0).getItem().getClassifiedTaxCategoryAtIndex(0);
        assertThat(standard.getIDValue()).isEqualTo("S");
        assertThat(standard.getPercentValue()).isEqualByComparingTo("21");
        InvoiceType exemptInvoice = validInvoice(march, lindeToOost);
        TaxCategoryType exemptCategory = exemptInvoice.getInvoiceLineAtIndex(0).getItem().getClassifiedTaxCategoryAtIndex(0);
        assertThat(exemptCategory.getIDValue()).isEqualTo("E");
        assertThat(exemptCategory.getTaxExemptionReasonAtIndex(0).getValue()).contains("Stcrt. 2024-17448");
        assertThat(exemptInvoice.getTaxTotalAtIndex(0).getTaxAmountValue()).isEqualByComparingTo("0.00");

        // close March; from now on it cannot change, not even by the owner role with plain SQL
        Settlement closedMarch = admin.closeSettlement(march.getId(), "*", null, new CloseSettlementRequest().note("Maart akkoord"));
        assertThat(closedMarch.getStatus()).isEqualTo(SettlementStatus.CLOSED);
        assertThat(closedMarch.getStatements()).isEqualTo(march.getStatements());
        expectProblem(409, "SETTLEMENT_CLOSED", () -> admin.createSettlement(new SettlementCreate().period("2026-03"), null));
        expectProblem(409, "SETTLEMENT_CLOSED", () -> admin.closeSettlement(march.getId(), "*", null, null));
        expectProblem(409, "PERIOD_BEFORE_CLOSED", () -> admin.createSettlement(new SettlementCreate().period("2026-02"), null));
        assertOwnerCannotChange(march.getId());
        AuditEvent sealed = new AuditApi(TestApp.client(TestApp.adminToken(tenant)))
                .listAuditEvents("settlement", march.getId(), null, null, null, null, null).getData().stream()
                .filter(e -> e.getAction().equals("settlement.closed")).findFirst().orElseThrow();
        Map<?, ?> totals = (Map<?, ?>) ((Map<?, ?>) sealed.getAfter()).get("sealedTotals");
        assertThat(((Number) totals.get("totalCents")).longValue()).isEqualTo(33_166L);
        assertThat(((Number) totals.get("feeCents")).longValue()).isEqualTo(2_400L);
        assertThat(((Number) totals.get("lineCount")).longValue()).isEqualTo(2L);

        // the dispute is resolved after the close: 09-15 without a break; April also has Easter Monday 09-13
        PlacementsApi placements = new PlacementsApi(TestApp.client(TestApp.adminToken(tenant)));
        placements.resolvePlacementDispute(disputed.getId(), "*", new ResolveDisputeRequest()
                .actualStartsAt(at(day(2026, 3, 5), 9)).actualEndsAt(at(day(2026, 3, 5), 15)).breakMinutes(0), null);
        Placement easter = worked(exempt, linde, day(2026, 4, 6), 9, 13, 0);
        Settlement april = admin.createSettlement(new SettlementCreate().period("2026-04"), null);
        List<SettlementLine> aprilLines = admin.listSettlementLines(april.getId(), null, null, null, null, null).getData();
        SettlementLine holiday = lineOf(aprilLines, easter);
        assertThat(holiday.getBaseCents()).isEqualTo(12_600L);
        assertThat(holiday.getSurchargeCents()).isEqualTo(12_600L);     // 4 h × 31.50 × 100%
        assertThat(holiday.getFeeCents()).isEqualTo(1_200L);
        assertThat(holiday.getCorrectionOfPeriod()).isNull();
        SettlementLine correction = lineOf(aprilLines, disputed);
        assertThat(correction.getCorrectionOfPeriod()).isEqualTo("2026-03");
        assertThat(correction.getHours()).isEqualByComparingTo("6.00");
        assertThat(correction.getBaseCents()).isEqualTo(18_900L);       // 6 h × 31.50
        assertThat(correction.getSurchargeCents()).isZero();
        assertThat(correction.getFeeCents()).isEqualTo(1_800L);
        assertThat(correction.getVatCents()).isEqualTo(3_969L);         // 189.00 × 21%
        assertThat(statement(april, anker).getTotalCents()).isEqualTo(22_869L);
        assertThat(statement(april, linde).getTotalCents()).isEqualTo(25_200L);
        assertThat(april.getPositions()).extracting(SettlementPosition::getMemberId, SettlementPosition::getNetCents)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(linde.getId(), 25_200L),
                        org.assertj.core.groups.Tuple.tuple(anker.getId(), 22_869L),
                        org.assertj.core.groups.Tuple.tuple(oost.getId(), -51_069L),  // 252.00 + 228.69 + 12.00 + 18.00
                        org.assertj.core.groups.Tuple.tuple(null, 3_000L));
        assertThat(april.getPositions().stream().mapToLong(SettlementPosition::getNetCents).sum()).isZero();
        validInvoice(april, statement(april, anker));

        // June cannot close while May was never settled; April closes after March
        Settlement june = admin.createSettlement(new SettlementCreate().period("2026-06"), null);
        expectProblem(409, "PREVIOUS_PERIOD_OPEN", () -> admin.closeSettlement(june.getId(), "*", null, null));
        assertThat(admin.closeSettlement(april.getId(), "*", null, null).getStatus()).isEqualTo(SettlementStatus.CLOSED);
        assertThat(admin.listSettlements(null, SettlementStatus.CLOSED, null, null).getData())
                .extracting(Settlement::getPeriod).containsExactly("2026-03", "2026-04");
        assertThat(admin.listSettlements("2026-06", null, null, null).getData()).extracting(Settlement::getId)
                .containsExactly(june.getId());
        assertThat(new AuditApi(TestApp.client(TestApp.adminToken(tenant))).verifyAuditChain().getIntact()).isTrue();
    }

    @Test
    void membersSeeOnlyTheirOwnStatementsAndPosition() throws Exception {
        Placement evening = worked(exempt, linde, day(2026, 3, 4), 18, 22, 0);
        worked(taxed, anker, day(2026, 3, 6), 19, 23, 0);
        Settlement march = admin.createSettlement(new SettlementCreate().period("2026-03"), null);
        SettlementStatement ankerToOost = statement(march, anker);
        SettlementStatement lindeToOost = statement(march, linde);

        SettlementsApi lindeApi = settlementsAs(linde);
        Settlement seenByLinde = lindeApi.getSettlement(march.getId());
        assertThat(seenByLinde.getStatements()).extracting(SettlementStatement::getId).containsExactly(lindeToOost.getId());
        assertThat(seenByLinde.getPositions()).extracting(SettlementPosition::getMemberId).containsExactly(linde.getId());
        assertThat(seenByLinde.getLineCount()).isEqualTo(1);
        assertThat(lindeApi.listSettlementLines(march.getId(), null, null, null, null, null).getData())
                .extracting(SettlementLine::getPlacementId).containsExactly(evening.getId());
        assertThat(lindeApi.listSettlementStatements(march.getId(), null, null, null).getData()).hasSize(1);
        expectProblem(404, "NOT_FOUND", () -> lindeApi.getSettlementStatement(march.getId(), ankerToOost.getId()));
        assertThat(Http.send("GET", "/v1/settlements/" + march.getId() + "/statements/" + ankerToOost.getId(),
                TestApp.memberToken(tenant, linde.getId()), null, null, "Accept", "application/xml").statusCode())
                .isEqualTo(404);
        assertThat(lindeApi.getSettlementStatement(march.getId(), lindeToOost.getId()).getTotalCents()).isEqualTo(14_490L);

        Settlement seenByOost = settlementsAs(oost).getSettlement(march.getId());
        assertThat(seenByOost.getStatements()).hasSize(2);
        assertThat(seenByOost.getPositions()).extracting(SettlementPosition::getMemberId).containsExactly(oost.getId());

        Settlement seenByStranger = settlementsAs(stranger).getSettlement(march.getId());
        assertThat(seenByStranger.getStatements()).isEmpty();
        assertThat(seenByStranger.getPositions()).isEmpty();
        assertThat(seenByStranger.getLineCount()).isZero();

        Settlement seenByAuditor = new SettlementsApi(TestApp.client(TestApp.auditorToken(tenant))).getSettlement(march.getId());
        assertThat(seenByAuditor.getStatements()).hasSize(2);
        assertThat(seenByAuditor.getPositions()).hasSize(4);
        assertThat(admin.listSettlementStatements(march.getId(), linde.getId(), null, null).getData())
                .extracting(SettlementStatement::getId).containsExactly(lindeToOost.getId());

        expectProblem(403, () -> lindeApi.createSettlement(new SettlementCreate().period("2026-03"), null));
        expectProblem(403, () -> lindeApi.closeSettlement(march.getId(), "*", null, null));
        SettlementsApi elsewhere = new SettlementsApi(TestApp.client(TestApp.adminToken(newCooperative())));
        expectProblem(404, "NOT_FOUND", () -> elsewhere.getSettlement(march.getId()));
        expectProblem(404, "NOT_FOUND", () -> elsewhere.getSettlementStatement(march.getId(), lindeToOost.getId()));
    }

    @Test
    void badPeriodsAreRefusedAndWriteNothing() throws Exception {
        expectProblem(422, () -> admin.createSettlement(new SettlementCreate().period("2026-13"), null));
        expectProblem(422, () -> admin.createSettlement(new SettlementCreate().period("2026-3"), null));
        String next = java.time.YearMonth.now(AMSTERDAM).plusMonths(2).toString();
        expectProblem(422, "VALIDATION_FAILED", () -> admin.createSettlement(new SettlementCreate().period(next), null));
        Settlement current = admin.createSettlement(new SettlementCreate()
                .period(java.time.YearMonth.now(AMSTERDAM).toString()), null);
        expectProblem(409, "PERIOD_NOT_ENDED", () -> admin.closeSettlement(current.getId(), "*", null, null));
        expectProblem(412, () -> admin.closeSettlement(current.getId(), "\"7\"", null, null));
        expectProblem(404, "NOT_FOUND", () -> admin.closeSettlement(UUID.randomUUID(), "*", null, null));
        assertThat(admin.listSettlements(null, null, null, null).getData()).extracting(Settlement::getId)
                .containsExactly(current.getId());
        assertThat(admin.getSettlement(current.getId()).getStatus()).isEqualTo(SettlementStatus.DRAFT);
    }

    private void assertCsv(Settlement settlement, SettlementStatement statement, List<SettlementLine> lines) {
        HttpResponse<String> csv = Http.send("GET", "/v1/settlements/" + settlement.getId() + "/statements/"
                + statement.getId(), TestApp.adminToken(tenant), null, null, "Accept", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> rows = csv.body().lines().toList();
        assertThat(rows.get(0)).isEqualTo(String.join(",", SettlementCsv.HEADER));
        assertThat(rows).hasSize(lines.size() + 1);
        SettlementLine line = lines.get(0);
        assertThat(rows.get(1)).isEqualTo(String.join(",", line.getId().toString(), line.getPlacementId().toString(),
                line.getAgreementId().toString(), line.getWorkerId().toString(), line.getWorkDate().toString(), "4.00",
                "12600", "2835", "15435", "21", "3241", "1200", "", ""));
    }

    /** The statement as UBL, read back through ph-ubl's schema-validating reader and validated explicitly. */
    private InvoiceType validInvoice(Settlement settlement, SettlementStatement statement) {
        HttpResponse<String> xml = Http.send("GET", "/v1/settlements/" + settlement.getId() + "/statements/"
                + statement.getId(), TestApp.adminToken(tenant), null, null, "Accept", "application/xml");
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        InvoiceType invoice = UBL21Marshaller.invoice().read(xml.body());
        assertThat(invoice).as("a UBL 2.1 invoice valid against the schema").isNotNull();
        ErrorList errors = new ErrorList();
        UBL21Marshaller.invoice().validate(invoice, errors);
        assertThat(errors.containsAtLeastOneError()).as(errors.toString()).isFalse();
        assertThat(invoice.getCustomizationIDValue()).isEqualTo("urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0");
        assertThat(invoice.getLegalMonetaryTotal().getTaxExclusiveAmountValue())
                .isEqualByComparingTo(BigDecimal.valueOf(statement.getSubtotalCents(), 2));
        assertThat(invoice.getLegalMonetaryTotal().getPayableAmountValue())
                .isEqualByComparingTo(BigDecimal.valueOf(statement.getTotalCents(), 2));
        assertThat(invoice.getInvoiceLine()).hasSize(statement.getLineCount());
        return invoice;
    }

    /** As the schema owner with plain SQL, tenant bound: every change to the closed month is refused by trigger. */
    private void assertOwnerCannotChange(UUID settlementId) throws Exception {
        RegiopoolConfiguration config = TestApp.APP.getConfiguration();
        List<String> changes = List.of(
                "UPDATE settlement SET fee_cents_per_hour = 0 WHERE id = ?",
                "DELETE FROM settlement WHERE id = ?",
                "UPDATE settlement_line SET base_cents = 0 WHERE settlement_id = ?",
                "DELETE FROM settlement_line WHERE settlement_id = ?",
                "UPDATE settlement_statement SET subtotal_cents = 0, total_cents = vat_cents WHERE settlement_id = ?",
                "DELETE FROM settlement_position WHERE settlement_id = ?",
                "INSERT INTO settlement_position (tenant_id, settlement_id, receivable_cents, payable_cents, net_cents)"
                        + " VALUES (current_tenant_id(), ?, 1, 0, 1)");
        try (Connection owner = DriverManager.getConnection(TestApp.jdbcUrl(), config.getDatabase().getOwnerUser(),
                config.getDatabase().getOwnerPassword())) {
            owner.setAutoCommit(false);
            for (String change : changes) {
                try (PreparedStatement bind = owner.prepareStatement("SELECT set_config('regiopool.tenant_id', ?, true)")) {
                    bind.setString(1, tenant.toString());
                    bind.execute();
                }
                try (PreparedStatement statement = owner.prepareStatement(change)) {
                    statement.setObject(1, settlementId);
                    assertThatThrownBy(statement::executeUpdate).as(change).hasMessageContaining("settlement is closed");
                }
                owner.rollback();
            }
            try (PreparedStatement truncate = owner.prepareStatement("TRUNCATE settlement_line")) {
                assertThatThrownBy(truncate::executeUpdate).hasMessageContaining("refused");
            }
            owner.rollback();
        }
    }

    private SettlementsApi settlementsAs(Member member) {
        return new SettlementsApi(TestApp.client(TestApp.memberToken(tenant, member.getId())));
    }

    private PlacementsApi as(Member member) {
        return new PlacementsApi(TestApp.client(TestApp.memberToken(tenant, member.getId())));
    }

    /** Planned by the borrower, confirmed by the lender, completed by the borrower as planned. */
    private Placement worked(LoanAgreement agreement, Member lender, LocalDate date, int from, int to, int breakMinutes)
            throws ApiException {
        Placement planned = as(oost).createPlacement(new PlacementCreate().agreementId(agreement.getId())
                .startsAt(at(date, from)).endsAt(at(date, to)).breakMinutes(breakMinutes), null);
        as(lender).confirmPlacement(planned.getId(), "*", null, new ConfirmPlacementRequest());
        return as(oost).completePlacement(planned.getId(), "*", new CompletePlacementRequest()
                .actualStartsAt(at(date, from)).actualEndsAt(at(date, to)).breakMinutes(breakMinutes), null);
    }

    private static SettlementStatement statement(Settlement settlement, Member lender) {
        return settlement.getStatements().stream().filter(s -> s.getLenderMemberId().equals(lender.getId()))
                .findFirst().orElseThrow();
    }

    private static SettlementLine lineOf(List<SettlementLine> lines, Placement placement) {
        return lines.stream().filter(l -> l.getPlacementId().equals(placement.getId())).findFirst().orElseThrow();
    }

    private static LocalDate day(int year, int month, int day) {
        return LocalDate.of(year, month, day);
    }

    private static OffsetDateTime at(LocalDate date, int hour) {
        return date.atTime(LocalTime.of(hour, 0)).atZone(AMSTERDAM).toOffsetDateTime();
    }
}
