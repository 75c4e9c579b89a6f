package nl.regiopool.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.ApiResponse;
import nl.regiopool.client.api.LoanAgreementsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.AmendmentRequest;
import nl.regiopool.client.model.ApprovalRequest;
import nl.regiopool.client.model.ApprovalSide;
import nl.regiopool.client.model.CancelRequest;
import nl.regiopool.client.model.ConsentMethod;
import nl.regiopool.client.model.LoanAgreement;
import nl.regiopool.client.model.LoanAgreementCreate;
import nl.regiopool.client.model.LoanAgreementList;
import nl.regiopool.client.model.LoanAgreementStatus;
import nl.regiopool.client.model.LoanAgreementTerms;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.ProposeRequest;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.TerminateRequest;
import nl.regiopool.client.model.WaadiRegime;
import nl.regiopool.client.model.Worker;
import nl.regiopool.client.model.WorkerConsentRequest;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status and the terms of an agreement at an instant are computed twice: in Java for the agreements a list
 * shows ({@link AgreementRow#statusAt}, {@link AgreementViews#termsAt}) and in SQL for the agreements a filtered
 * list selects (the status predicates and the terms join of {@link AgreementDao}). Over agreements in every state
 * and the instants between their steps, a filter selects exactly the agreements the unfiltered list shows with
 * that status or those terms.
 */
class StatusAndTermsParityTest extends ApiTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final LocalDate START = LocalDate.of(2027, 1, 4);
    private static final LocalDate OLD_END = START.plusMonths(6);
    private static final LocalDate NEW_END = START.plusMonths(12);
    /** Falls between the amended agreement's old and new end date. */
    private static final LocalDate BETWEEN_ENDS = START.plusMonths(9);

    private UUID tenant;
    private Member lender;
    private Member borrower;
    private Worker worker;
    private LoanAgreementsApi admin;
    private LoanAgreementsApi asLender;
    private LoanAgreementsApi asBorrower;
    private final Map<String, OffsetDateTime> instants = new LinkedHashMap<>();

    @BeforeEach
    void agreementsInEveryState() throws ApiException {
        tenant = newCooperative();
        lender = newMember(tenant, "Huisartsenpraktijk De Linde");
        borrower = newMember(tenant, "Huisartsenpraktijk Het Anker");
        worker = new WorkersApi(TestApp.client(TestApp.adminToken(tenant)))
                .createWorker(workerCreate(lender.getId(), "Sanne", "de Vries"), null);
        admin = new LoanAgreementsApi(TestApp.client(TestApp.adminToken(tenant)));
        asLender = new LoanAgreementsApi(TestApp.client(TestApp.memberToken(tenant, lender.getId())));
        asBorrower = new LoanAgreementsApi(TestApp.client(TestApp.memberToken(tenant, borrower.getId())));
        instants.clear();

        record("before any agreement");
        LocalDate yesterday = LocalDate.now(AMSTERDAM).minusDays(1);
        ApiResponse<LoanAgreement> draft = create(draft());
        ApiResponse<LoanAgreement> toPropose = create(draft().endDate(OLD_END));
        ApiResponse<LoanAgreement> toCancel = create(draft());
        ApiResponse<LoanAgreement> toTerminate = create(draft());
        ApiResponse<LoanAgreement> toAmend = create(draft().endDate(OLD_END));
        ApiResponse<LoanAgreement> toEnd = create(draft().startDate(yesterday.minusMonths(1)).endDate(yesterday));
        record("all drafted");

        propose(toPropose);
        toCancel = propose(toCancel);
        toTerminate = propose(toTerminate);
        toAmend = propose(toAmend);
        toEnd = propose(toEnd);
        record("proposed");

        asLender.cancelLoanAgreement(toCancel.getData().getId(), etag(toCancel), new CancelRequest().reason("Niet nodig"), null);
        toTerminate = activate(toTerminate, START);
        toAmend = activate(toAmend, START);
        toEnd = activate(toEnd, yesterday.minusMonths(1));
        record("cancelled one, activated three");

        UUID amendedId = toAmend.getData().getId();
        ApiResponse<LoanAgreement> amended = asBorrower.amendLoanAgreementWithHttpInfo(amendedId, etag(toAmend),
                new AmendmentRequest().endDate(NEW_END), null);
        record("amendment proposed");
        ApiResponse<LoanAgreement> oneSide = asLender.approveLoanAgreementWithHttpInfo(amendedId, etag(amended),
                new ApprovalRequest().side(ApprovalSide.LENDER), null);
        LoanAgreement inForce = asBorrower.approveLoanAgreement(amendedId, etag(oneSide),
                new ApprovalRequest().side(ApprovalSide.BORROWER), null);
        assertThat(inForce.getTerms().getEndDate()).isEqualTo(NEW_END);
        record("amendment in force");

        admin.terminateLoanAgreement(toTerminate.getData().getId(), etag(toTerminate),
                new TerminateRequest().reason("Praktijk gesloten").effectiveDate(START.plusMonths(2)), null);
        record("terminated one");

        ((RegiopoolApplication) TestApp.APP.getApplication()).agreementExpiry().runOnce();
        record("expiry job ran");

        Map<LoanAgreementStatus, Long> now = list(null, null, null, null, null).stream()
                .collect(Collectors.groupingBy(LoanAgreement::getStatus, Collectors.counting()));
        assertThat(now).as("every state is present today").containsOnlyKeys(LoanAgreementStatus.values())
                .containsEntry(LoanAgreementStatus.ACTIVE, 1L);
        assertThat(draft.getData().getStatus()).isEqualTo(LoanAgreementStatus.DRAFT);
    }

    private LoanAgreementCreate draft() {
        return new LoanAgreementCreate().lenderMemberId(lender.getId()).borrowerMemberId(borrower.getId())
                .workerId(worker.getId()).role(QualificationRole.DOKTERSASSISTENT).startDate(START)
                .hoursPerWeek(2).tariffCentsPerHour(3150L).waadiRegime(WaadiRegime.COLLEGIAL_NO_PROFIT);
    }

    private ApiResponse<LoanAgreement> create(LoanAgreementCreate body) throws ApiException {
        return asLender.createLoanAgreementWithHttpInfo(body, null);
    }

    private ApiResponse<LoanAgreement> propose(ApiResponse<LoanAgreement> step) throws ApiException {
        return asLender.proposeLoanAgreementWithHttpInfo(step.getData().getId(), etag(step), null, new ProposeRequest());
    }

    private ApiResponse<LoanAgreement> activate(ApiResponse<LoanAgreement> proposed, LocalDate consentedOn)
            throws ApiException {
        UUID id = proposed.getData().getId();
        ApiResponse<LoanAgreement> step = asLender.approveLoanAgreementWithHttpInfo(id, etag(proposed),
                new ApprovalRequest().side(ApprovalSide.LENDER), null);
        step = asBorrower.approveLoanAgreementWithHttpInfo(id, etag(step),
                new ApprovalRequest().side(ApprovalSide.BORROWER), null);
        return asLender.recordWorkerConsentWithHttpInfo(id, etag(step),
                new WorkerConsentRequest().consentedOn(consentedOn).method(ConsentMethod.SIGNED_FORM), null);
    }

    /** An instant after the step before it and before the next one. */
    private void record(String afterStep) {
        instants.put(afterStep, OffsetDateTime.now());
    }

    /** Every page of the list with these filters, each null when unused. */
    private List<LoanAgreement> list(LoanAgreementStatus status, LocalDate periodFrom, LocalDate periodTo,
                                     Boolean vatEligible, OffsetDateTime asOf) throws ApiException {
        List<LoanAgreement> all = new ArrayList<>();
        String cursor = null;
        do {
            LoanAgreementList page = admin.listLoanAgreements(null, null, status, null, periodFrom, periodTo,
                    vatEligible, asOf, 2, cursor);
            all.addAll(page.getData());
            cursor = page.getNextCursor();
        } while (cursor != null);
        return all;
    }

    private static Set<UUID> ids(List<LoanAgreement> agreements, Predicate<LoanAgreement> shown) {
        return agreements.stream().filter(shown).map(LoanAgreement::getId).collect(Collectors.toSet());
    }

    @Test
    void atEveryInstantTheStatusFilterSelectsTheAgreementsShownWithThatStatus() throws ApiException {
        for (Map.Entry<String, OffsetDateTime> instant : instants.entrySet()) {
            List<LoanAgreement> shown = list(null, null, null, null, instant.getValue());
            for (LoanAgreementStatus status : LoanAgreementStatus.values()) {
                assertThat(ids(list(status, null, null, null, instant.getValue()), agreement -> true))
                        .as("status=%s at the instant %s", status, instant.getKey())
                        .isEqualTo(ids(shown, agreement -> agreement.getStatus() == status));
            }
        }
    }

    @Test
    void todaysStatusFilterSelectsTheAgreementsShownWithThatStatusNow() throws ApiException {
        List<LoanAgreement> shown = list(null, null, null, null, null);
        for (LoanAgreementStatus status : LoanAgreementStatus.values()) {
            assertThat(ids(list(status, null, null, null, null), agreement -> true)).as("status=%s now", status)
                    .isEqualTo(ids(shown, agreement -> agreement.getStatus() == status));
        }
    }

    @Test
    void atEveryInstantThePeriodFromFilterSelectsTheAgreementsWhoseShownTermsReachThatDay() throws ApiException {
        Map<String, OffsetDateTime> everyInstantAndNow = new LinkedHashMap<>(instants);
        everyInstantAndNow.put("now", null);
        for (Map.Entry<String, OffsetDateTime> instant : everyInstantAndNow.entrySet()) {
            List<LoanAgreement> shown = list(null, null, null, null, instant.getValue());
            assertThat(ids(list(null, BETWEEN_ENDS, null, null, instant.getValue()), agreement -> true))
                    .as("periodFrom=%s at the instant %s", BETWEEN_ENDS, instant.getKey())
                    .isEqualTo(ids(shown, agreement -> reaches(agreement.getTerms(), BETWEEN_ENDS)));
        }
    }

    @Test
    void theAmendedEndDateMovesTheAgreementIntoThePeriodFromFilterWhenItComesIntoForce() throws ApiException {
        Set<UUID> beforeAmendment = ids(list(null, BETWEEN_ENDS, null, null, instants.get("amendment proposed")),
                agreement -> true);
        Set<UUID> afterAmendment = ids(list(null, BETWEEN_ENDS, null, null, instants.get("amendment in force")),
                agreement -> true);
        assertThat(afterAmendment).hasSize(beforeAmendment.size() + 1).containsAll(beforeAmendment);
    }

    @Test
    void atEveryInstantThePeriodToFilterSelectsTheAgreementsWhoseShownTermsStartByThatDay() throws ApiException {
        LocalDate beforeStart = START.minusDays(1);
        for (Map.Entry<String, OffsetDateTime> instant : instants.entrySet()) {
            List<LoanAgreement> shown = list(null, null, null, null, instant.getValue());
            assertThat(ids(list(null, null, beforeStart, null, instant.getValue()), agreement -> true))
                    .as("periodTo=%s at the instant %s", beforeStart, instant.getKey())
                    .isEqualTo(ids(shown, agreement -> !agreement.getTerms().getStartDate().isAfter(beforeStart)));
        }
    }

    @Test
    void atEveryInstantTheVatFilterSelectsTheAgreementsWhoseShownTermsHaveThatAssessment() throws ApiException {
        for (Map.Entry<String, OffsetDateTime> instant : instants.entrySet()) {
            List<LoanAgreement> shown = list(null, null, null, null, instant.getValue());
            for (boolean eligible : new boolean[] {true, false}) {
                assertThat(ids(list(null, null, null, eligible, instant.getValue()), agreement -> true))
                        .as("vatEligible=%s at the instant %s", eligible, instant.getKey())
                        .isEqualTo(ids(shown, agreement -> agreement.getTerms().getVatExemption().getEligible() == eligible));
            }
        }
    }

    private static boolean reaches(LoanAgreementTerms terms, LocalDate day) {
        return terms.getEndDate() == null || !terms.getEndDate().isBefore(day);
    }
}
