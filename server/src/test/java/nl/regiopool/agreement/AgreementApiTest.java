package nl.regiopool.agreement;

import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.ApiResponse;
import nl.regiopool.client.api.AuditApi;
import nl.regiopool.client.api.LoanAgreementsApi;
import nl.regiopool.client.api.SettingsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.AmendmentRequest;
import nl.regiopool.client.model.ApprovalRequest;
import nl.regiopool.client.model.ApprovalSide;
import nl.regiopool.client.model.AuditEvent;
import nl.regiopool.client.model.CancelRequest;
import nl.regiopool.client.model.ConsentMethod;
import nl.regiopool.client.model.ContractType;
import nl.regiopool.client.model.CooperativeSettingsPatch;
import nl.regiopool.client.model.LoanAgreement;
import nl.regiopool.client.model.LoanAgreementCreate;
import nl.regiopool.client.model.LoanAgreementList;
import nl.regiopool.client.model.LoanAgreementStatus;
import nl.regiopool.client.model.LoanAgreementTerms;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.Problem;
import nl.regiopool.client.model.ProposeRequest;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.RuleViolation;
import nl.regiopool.client.model.TerminateRequest;
import nl.regiopool.client.model.WaadiRegime;
import nl.regiopool.client.model.Worker;
import nl.regiopool.client.model.WorkerConsentRequest;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.Http;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A GP practice lends a doktersassistent to another practice: the whole lifecycle through the SDK. */
class AgreementApiTest extends ApiTest {

    private static final LocalDate START = LocalDate.of(2027, 1, 4);

    private UUID tenant;
    private Member lender;
    private Member borrower;
    private Worker worker;
    private LoanAgreementsApi admin;
    private LoanAgreementsApi asLender;
    private LoanAgreementsApi asBorrower;

    @BeforeEach
    void region() throws ApiException {
        tenant = newCooperative();
        lender = newMember(tenant, "Huisartsenpraktijk De Linde");
        borrower = newMember(tenant, "Huisartsenpraktijk Het Anker");
        worker = new WorkersApi(TestApp.client(TestApp.adminToken(tenant)))
                .createWorker(workerCreate(lender.getId(), "Sanne", "de Vries"), null);
        admin = new LoanAgreementsApi(TestApp.client(TestApp.adminToken(tenant)));
        asLender = new LoanAgreementsApi(TestApp.client(TestApp.memberToken(tenant, lender.getId())));
        asBorrower = new LoanAgreementsApi(TestApp.client(TestApp.memberToken(tenant, borrower.getId())));
    }

    private LoanAgreementCreate draft() {
        return new LoanAgreementCreate().lenderMemberId(lender.getId()).borrowerMemberId(borrower.getId())
                .workerId(worker.getId()).role(QualificationRole.DOKTERSASSISTENT).startDate(START)
                .hoursPerWeek(8).tariffCentsPerHour(3150L).waadiRegime(WaadiRegime.COLLEGIAL_NO_PROFIT);
    }

    /** Drafted by the lender, proposed, approved by both sides, consent recorded: ACTIVE. */
    private ApiResponse<LoanAgreement> activate(LoanAgreementCreate body) throws ApiException {
        ApiResponse<LoanAgreement> step = asLender.createLoanAgreementWithHttpInfo(body, null);
        UUID id = step.getData().getId();
        step = asLender.proposeLoanAgreementWithHttpInfo(id, etag(step), null, new ProposeRequest());
        step = asLender.approveLoanAgreementWithHttpInfo(id, etag(step), new ApprovalRequest().side(ApprovalSide.LENDER), null);
        step = asBorrower.approveLoanAgreementWithHttpInfo(id, etag(step), new ApprovalRequest().side(ApprovalSide.BORROWER), null);
        return asLender.recordWorkerConsentWithHttpInfo(id,
                etag(step), new WorkerConsentRequest().consentedOn(START.minusDays(10)).method(ConsentMethod.SIGNED_FORM), null);
    }

    @Test
    void anAuditorSeesEveryVersionOfALoanWalkedThroughItsLifecycle() throws ApiException {
        ApiResponse<LoanAgreement> created = asLender.createLoanAgreementWithHttpInfo(draft(), "draft-1");
        LoanAgreement draft = created.getData();
        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(draft.getStatus()).isEqualTo(LoanAgreementStatus.DRAFT);
        assertThat(draft.getNumber()).matches("LA-\\d{4}-0001");
        assertThat(draft.getTerms().getCostPriceCentsPerHour()).isEqualTo(3150L);
        assertThat(draft.getTerms().getVatExemption().getEligible()).isTrue();

        ApiResponse<LoanAgreement> proposed = asLender.proposeLoanAgreementWithHttpInfo(draft.getId(), etag(created),
                null, new ProposeRequest());
        assertThat(proposed.getData().getStatus()).isEqualTo(LoanAgreementStatus.PROPOSED);
        OffsetDateTime whileProposed = OffsetDateTime.now();
        ApiResponse<LoanAgreement> lenderApproved = asLender.approveLoanAgreementWithHttpInfo(draft.getId(),
                etag(proposed), new ApprovalRequest().side(ApprovalSide.LENDER), null);
        ApiResponse<LoanAgreement> bothApproved = asBorrower.approveLoanAgreementWithHttpInfo(draft.getId(),
                etag(lenderApproved), new ApprovalRequest().side(ApprovalSide.BORROWER), null);
        assertThat(bothApproved.getData().getStatus()).isEqualTo(LoanAgreementStatus.PROPOSED);
        assertThat(bothApproved.getData().getTerms().getApprovals().getLender()).isNotNull();
        assertThat(bothApproved.getData().getTerms().getApprovals().getBorrower()).isNotNull();

        ApiResponse<LoanAgreement> active = asLender.recordWorkerConsentWithHttpInfo(draft.getId(),
                etag(bothApproved),
                new WorkerConsentRequest().consentedOn(START.minusDays(3)).method(ConsentMethod.DIGITAL), null);
        assertThat(active.getData().getStatus()).isEqualTo(LoanAgreementStatus.ACTIVE);
        assertThat(active.getData().getWorkerConsent().getMethod()).isEqualTo(ConsentMethod.DIGITAL);
        assertThat(active.getData().getTerms().getInForceFrom()).isNotNull();
        OffsetDateTime beforeAmendment = OffsetDateTime.now();

        ApiResponse<LoanAgreement> amended = asBorrower.amendLoanAgreementWithHttpInfo(draft.getId(),
                etag(active), new AmendmentRequest().hoursPerWeek(12), null);
        assertThat(amended.getData().getTerms().getHoursPerWeek()).isEqualTo(8);
        assertThat(amended.getData().getPendingAmendment().getHoursPerWeek()).isEqualTo(12);
        ApiResponse<LoanAgreement> oneSide = asLender.approveLoanAgreementWithHttpInfo(draft.getId(),
                etag(amended), new ApprovalRequest().side(ApprovalSide.LENDER), null);
        LoanAgreement inForce = asBorrower.approveLoanAgreement(draft.getId(),
                etag(oneSide), new ApprovalRequest().side(ApprovalSide.BORROWER), null);
        assertThat(inForce.getTerms().getVersion()).isEqualTo(2);
        assertThat(inForce.getTerms().getHoursPerWeek()).isEqualTo(12);
        assertThat(inForce.getPendingAmendment()).isNull();

        LoanAgreementsApi auditor = new LoanAgreementsApi(TestApp.client(TestApp.auditorToken(tenant)));
        List<LoanAgreementTerms> versions = auditor.listLoanAgreementVersions(draft.getId(), null, null).getData();
        assertThat(versions).extracting(LoanAgreementTerms::getVersion).containsExactly(1, 2);
        assertThat(versions).extracting(LoanAgreementTerms::getHoursPerWeek).containsExactly(8, 12);
        assertThat(versions.get(0).getSupersededAt()).isNotNull();

        LoanAgreement asItStood = auditor.listLoanAgreements(null, null, null, null, null, null, null, beforeAmendment,
                null, null).getData().get(0);
        assertThat(asItStood.getStatus()).isEqualTo(LoanAgreementStatus.ACTIVE);
        assertThat(asItStood.getTerms().getVersion()).isEqualTo(1);
        assertThat(asItStood.getTerms().getHoursPerWeek()).isEqualTo(8);
        assertThat(asItStood.getPendingAmendment()).isNull();
        assertThat(asItStood.getTerms().getVatExemption().getEligible()).isTrue();
        assertThat(auditor.listLoanAgreements(null, null, LoanAgreementStatus.PROPOSED, null, null, null, null,
                whileProposed, null, null).getData()).extracting(LoanAgreement::getId).containsExactly(draft.getId());
        assertThat(auditor.listLoanAgreements(null, null, LoanAgreementStatus.ACTIVE, null, null, null, null,
                whileProposed, null, null).getData()).isEmpty();
        assertThat(auditor.listLoanAgreements(null, null, LoanAgreementStatus.ACTIVE, null, null, null, true,
                beforeAmendment, null, null).getData()).extracting(LoanAgreement::getId).containsExactly(draft.getId());
        assertThat(auditor.listLoanAgreements(null, null, LoanAgreementStatus.PROPOSED, null, null, null, null,
                null, null, null).getData()).isEmpty();

        List<AuditEvent> trail = new AuditApi(TestApp.client(TestApp.auditorToken(tenant)))
                .listAuditEvents("loan_agreement", draft.getId(), null, null, null, null, null).getData();
        assertThat(trail).extracting(AuditEvent::getAction).containsExactly("loan_agreement.created",
                "loan_agreement.proposed", "loan_agreement.approved_by_lender", "loan_agreement.approved_by_borrower",
                "loan_agreement.worker_consent_recorded", "loan_agreement.amendment_proposed",
                "loan_agreement.approved_by_lender", "loan_agreement.approved_by_borrower");
        assertThat(new AuditApi(TestApp.client(TestApp.auditorToken(tenant))).verifyAuditChain().getIntact()).isTrue();
    }

    @Test
    void anAgreementWithAnUnknownCaoRuleSetIsRefusedNamingTheKnownCodes() throws ApiException {
        long agreements = rowCount("loan_agreement");
        Problem problem = expectProblem(422, "VALIDATION_FAILED", () -> admin.createLoanAgreement(
                draft().caoRuleSetCode("CAO_DOES_NOT_EXIST"), null));
        assertThat(problem.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getField()).isEqualTo("caoRuleSetCode");
            assertThat(error.getMessage()).contains("CAO_DOES_NOT_EXIST", "ATW, CAO_HUISARTSENZORG");
        });
        assertThat(rowCount("loan_agreement")).isEqualTo(agreements);
        assertThat(admin.createLoanAgreement(draft().caoRuleSetCode("CAO_HUISARTSENZORG"), null).getCaoRuleSetCode())
                .isEqualTo("CAO_HUISARTSENZORG");
    }

    @Test
    void proposingTakesNoBodyOrAnEmptyObject() throws ApiException {
        ApiResponse<LoanAgreement> first = asLender.createLoanAgreementWithHttpInfo(draft(), null);
        String token = TestApp.memberToken(tenant, lender.getId());
        HttpResponse<String> noBody = Http.send("POST", "/v1/loan-agreements/" + first.getData().getId() + "/propose",
                token, null, null, "If-Match", etag(first));
        assertThat(noBody.statusCode()).as(noBody.body()).isEqualTo(200);

        ApiResponse<LoanAgreement> second = asLender.createLoanAgreementWithHttpInfo(draft().hoursPerWeek(4), null);
        HttpResponse<String> empty = Http.send("POST", "/v1/loan-agreements/" + second.getData().getId() + "/propose",
                token, "application/json", "{}", "If-Match", etag(second));
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(200);
        assertThat(admin.getLoanAgreement(first.getData().getId()).getStatus()).isEqualTo(LoanAgreementStatus.PROPOSED);
    }

    @Test
    void anAmendmentComesIntoForceOnItsEffectiveDay() throws ApiException {
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam"));
        ApiResponse<LoanAgreement> active = activate(draft().startDate(today.minusMonths(1)));
        UUID id = active.getData().getId();
        expectProblem(422, "VALIDATION_FAILED", () -> asBorrower.amendLoanAgreement(id,
                etag(active), new AmendmentRequest().hoursPerWeek(12).effectiveFrom(today.minusDays(1)), null));

        LocalDate nextMonth = today.plusMonths(1);
        ApiResponse<LoanAgreement> amended = asBorrower.amendLoanAgreementWithHttpInfo(id,
                etag(active), new AmendmentRequest().hoursPerWeek(12).effectiveFrom(nextMonth), null);
        assertThat(amended.getData().getPendingAmendment().getEffectiveFrom()).isEqualTo(nextMonth);

        ApiResponse<LoanAgreement> oneSide = asLender.approveLoanAgreementWithHttpInfo(id,
                etag(amended), new ApprovalRequest().side(ApprovalSide.LENDER), null);
        LoanAgreement approved = asBorrower.approveLoanAgreement(id, etag(oneSide),
                new ApprovalRequest().side(ApprovalSide.BORROWER), null);

        assertThat(approved.getTerms().getVersion()).as("still the old terms until the effective day").isEqualTo(1);
        assertThat(approved.getTerms().getHoursPerWeek()).isEqualTo(8);
        LoanAgreementTerms scheduled = approved.getPendingAmendment();
        assertThat(scheduled.getHoursPerWeek()).isEqualTo(12);
        assertThat(scheduled.getInForceFrom().toInstant())
                .isEqualTo(nextMonth.atStartOfDay(java.time.ZoneId.of("Europe/Amsterdam")).toInstant());
        // until then placements are checked against the terms in force: 8 hours a week
        LocalDate nextWeek = today.plusDays(7);
        java.time.ZoneId amsterdam = java.time.ZoneId.of("Europe/Amsterdam");
        var nineHours = new nl.regiopool.client.model.PlacementCreate().agreementId(id)
                .startsAt(nextWeek.atTime(8, 0).atZone(amsterdam).toOffsetDateTime())
                .endsAt(nextWeek.atTime(17, 30).atZone(amsterdam).toOffsetDateTime()).breakMinutes(30);
        assertThat(new nl.regiopool.client.api.PlacementsApi(TestApp.client(TestApp.adminToken(tenant)))
                .validatePlacement(nineHours, null).getViolations())
                .extracting(RuleViolation::getCode).contains("AGREEMENT_WEEK_HOURS");
        LoanAgreement onTheDay = admin.listLoanAgreements(null, null, null, null, null, null, null,
                scheduled.getInForceFrom().plusMinutes(1), null, null).getData().stream()
                .filter(agreement -> agreement.getId().equals(id)).findFirst().orElseThrow();
        assertThat(onTheDay.getTerms().getVersion()).isEqualTo(2);
        assertThat(onTheDay.getTerms().getHoursPerWeek()).isEqualTo(12);
    }

    @Test
    void byDefaultAnAdminMayNotApproveASideOfAnAmendment() throws ApiException {
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam"));
        ApiResponse<LoanAgreement> active = activate(draft().startDate(today.minusMonths(1)));
        UUID id = active.getData().getId();
        ApiResponse<LoanAgreement> amended = asBorrower.amendLoanAgreementWithHttpInfo(id,
                etag(active), new AmendmentRequest().hoursPerWeek(12).effectiveFrom(today.plusMonths(1)), null);
        Problem refused = expectProblem(403, "FORBIDDEN", () -> admin.approveLoanAgreement(id,
                etag(amended), new ApprovalRequest().side(ApprovalSide.LENDER), null));
        assertThat(refused.getDetail()).contains("adminApprovesAmendments");
    }

    @Test
    void aCooperativeMayLetItsAdminApproveBothSidesOfAnAmendment() throws ApiException {
        SettingsApi settings = new SettingsApi(TestApp.client(TestApp.adminToken(tenant)));
        assertThat(settings.getSettings().getAdminApprovesAmendments()).isFalse();
        String tag = settings.getSettingsWithHttpInfo().getHeaders().get("etag").get(0);
        settings.updateSettings(tag, new CooperativeSettingsPatch().adminApprovesAmendments(true));

        ApiResponse<LoanAgreement> active = activate(draft());
        UUID id = active.getData().getId();
        ApiResponse<LoanAgreement> amended = admin.amendLoanAgreementWithHttpInfo(id,
                etag(active), new AmendmentRequest().tariffCentsPerHour(3000L), null);
        ApiResponse<LoanAgreement> oneSide = admin.approveLoanAgreementWithHttpInfo(id,
                etag(amended), new ApprovalRequest().side(ApprovalSide.LENDER), null);
        LoanAgreement inForce = admin.approveLoanAgreement(id, etag(oneSide),
                new ApprovalRequest().side(ApprovalSide.BORROWER), null);

        assertThat(inForce.getTerms().getVersion()).isEqualTo(2);
        assertThat(inForce.getTerms().getTariffCentsPerHour()).isEqualTo(3000L);
        assertThat(inForce.getTerms().getEffectiveFrom()).isNull();
    }

    @Test
    void theLendersLoanOutIsTheBorrowersLoanIn() throws ApiException {
        LoanAgreement agreement = activate(draft()).getData();
        assertThat(asLender.listLoanOuts(lender.getId(), null, null, null).getData()).extracting(LoanAgreement::getId)
                .containsExactly(agreement.getId());
        assertThat(asLender.listLoanIns(lender.getId(), null, null, null).getData()).isEmpty();
        assertThat(asBorrower.listLoanIns(borrower.getId(), LoanAgreementStatus.ACTIVE, null, null).getData())
                .extracting(LoanAgreement::getId).containsExactly(agreement.getId());
        expectProblem(404, "NOT_FOUND", () -> admin.listLoanOuts(UUID.randomUUID(), null, null, null));
    }

    @Test
    void illegalTransitionsAreConflictsWithAStableCode() throws ApiException {
        ApiResponse<LoanAgreement> draft = asLender.createLoanAgreementWithHttpInfo(draft(), null);
        UUID id = draft.getData().getId();
        String tag = etag(draft);
        expectProblem(409, "INVALID_TRANSITION", () -> admin.approveLoanAgreement(id, tag, new ApprovalRequest().side(ApprovalSide.LENDER), null));
        expectProblem(409, "INVALID_TRANSITION", () -> admin.terminateLoanAgreement(id, tag, new TerminateRequest().reason("x").effectiveDate(START), null));
        expectProblem(409, "INVALID_TRANSITION", () -> admin.amendLoanAgreement(id, tag, new AmendmentRequest().hoursPerWeek(4), null));

        LoanAgreement cancelled = admin.cancelLoanAgreement(id, tag, new CancelRequest().reason("Niet meer nodig"), null);
        assertThat(cancelled.getStatus()).isEqualTo(LoanAgreementStatus.CANCELLED);
        assertThat(cancelled.getCancellationReason()).isEqualTo("Niet meer nodig");
        String cancelledTag = admin.getLoanAgreementWithHttpInfo(id).getHeaders().get("etag").get(0);
        expectProblem(409, "INVALID_TRANSITION", () -> admin.proposeLoanAgreement(id, cancelledTag, null, new ProposeRequest()));
        expectProblem(409, "INVALID_TRANSITION", () -> admin.cancelLoanAgreement(id, cancelledTag, new CancelRequest().reason("again"), null));

        ApiResponse<LoanAgreement> active = activate(draft().startDate(START.plusYears(1)));
        UUID activeId = active.getData().getId();
        expectProblem(409, "INVALID_TRANSITION", () -> admin.cancelLoanAgreement(activeId, etag(active), new CancelRequest().reason("x"), null));
        expectProblem(409, "NOTHING_TO_APPROVE", () -> admin.approveLoanAgreement(activeId, etag(active), new ApprovalRequest().side(ApprovalSide.LENDER), null));
        expectProblem(409, "CONSENT_ALREADY_RECORDED", () -> admin.recordWorkerConsent(activeId,
                etag(active), new WorkerConsentRequest().consentedOn(START).method(ConsentMethod.IN_PERSON), null));
        ApiResponse<LoanAgreement> amended = admin.amendLoanAgreementWithHttpInfo(activeId, etag(active), new AmendmentRequest().tariffCentsPerHour(3000L), null);
        expectProblem(409, "AMENDMENT_PENDING", () -> admin.amendLoanAgreement(activeId, etag(amended), new AmendmentRequest().hoursPerWeek(4), null));
        LoanAgreement terminated = admin.terminateLoanAgreement(activeId,
                etag(amended), new TerminateRequest().reason("Praktijk gesloten").effectiveDate(START.plusYears(1).plusMonths(2)), null);
        assertThat(terminated.getStatus()).isEqualTo(LoanAgreementStatus.TERMINATED);
        assertThat(terminated.getTerminationEffectiveDate()).isEqualTo(START.plusYears(1).plusMonths(2));
    }

    /** Created by the lender, proposed by the borrower: the create response, then the propose response. */
    private List<ApiResponse<LoanAgreement>> createdAndProposed() throws ApiException {
        ApiResponse<LoanAgreement> created = asLender.createLoanAgreementWithHttpInfo(draft(), null);
        ApiResponse<LoanAgreement> proposed = asBorrower.proposeLoanAgreementWithHttpInfo(created.getData().getId(),
                etag(created), null, new ProposeRequest());
        return List.of(created, proposed);
    }

    @Test
    void eachSideApprovesOnlyForItself() throws ApiException {
        ApiResponse<LoanAgreement> proposed = createdAndProposed().get(1);
        UUID id = proposed.getData().getId();
        expectProblem(403, "FORBIDDEN", () -> asBorrower.approveLoanAgreement(id, etag(proposed), new ApprovalRequest().side(ApprovalSide.LENDER), null));
        expectProblem(403, "FORBIDDEN", () -> asLender.approveLoanAgreement(id, etag(proposed), new ApprovalRequest().side(ApprovalSide.BORROWER), null));
        expectProblem(403, "FORBIDDEN", () -> asBorrower.recordWorkerConsent(id,
                etag(proposed), new WorkerConsentRequest().consentedOn(START).method(ConsentMethod.IN_PERSON), null));
    }

    @Test
    void anApprovalWithAStaleETagIsRefused() throws ApiException {
        ApiResponse<LoanAgreement> created = createdAndProposed().get(0);
        UUID id = created.getData().getId();
        expectProblem(412, "PRECONDITION_FAILED", () -> asLender.approveLoanAgreement(id, etag(created), new ApprovalRequest().side(ApprovalSide.LENDER), null));
    }

    @Test
    void aSideApprovesOnlyOnce() throws ApiException {
        ApiResponse<LoanAgreement> proposed = createdAndProposed().get(1);
        UUID id = proposed.getData().getId();
        ApiResponse<LoanAgreement> approved = asLender.approveLoanAgreementWithHttpInfo(id, etag(proposed), new ApprovalRequest().side(ApprovalSide.LENDER), null);
        expectProblem(409, "ALREADY_APPROVED", () -> admin.approveLoanAgreement(id, etag(approved), new ApprovalRequest().side(ApprovalSide.LENDER), null));
    }

    @Test
    void ofTwoConcurrentApprovalsWithOneETagOneGoesThroughWhileTheOtherMustRetry() throws Exception {
        ApiResponse<LoanAgreement> created = asLender.createLoanAgreementWithHttpInfo(draft(), null);
        UUID id = created.getData().getId();
        ApiResponse<LoanAgreement> proposed = asLender.proposeLoanAgreementWithHttpInfo(id, etag(created), null, new ProposeRequest());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> lenderSide = pool.submit(approve(asLender, id, ApprovalSide.LENDER, etag(proposed)));
            Future<Integer> borrowerSide = pool.submit(approve(asBorrower, id, ApprovalSide.BORROWER, etag(proposed)));
            List<Integer> statuses = List.of(lenderSide.get(), borrowerSide.get());
            assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        } finally {
            pool.shutdownNow();
        }
        ApiResponse<LoanAgreement> current = admin.getLoanAgreementWithHttpInfo(id);
        LoanAgreement agreement = current.getData();
        ApprovalSide missing = agreement.getTerms().getApprovals().getLender() == null ? ApprovalSide.LENDER : ApprovalSide.BORROWER;
        LoanAgreement both = (missing == ApprovalSide.LENDER ? asLender : asBorrower)
                .approveLoanAgreement(id, etag(current), new ApprovalRequest().side(missing), null);
        assertThat(both.getTerms().getApprovals().getLender()).isNotNull();
        assertThat(both.getTerms().getApprovals().getBorrower()).isNotNull();
    }

    private static Callable<Integer> approve(LoanAgreementsApi api, UUID id, ApprovalSide side, String etag) {
        return () -> {
            try {
                api.approveLoanAgreement(id, etag, new ApprovalRequest().side(side), null);
                return 200;
            } catch (ApiException e) {
                return e.getCode();
            }
        };
    }

    @Test
    void numbersStayGapFreeUnderTwentyParallelCreates() throws Exception {
        WorkersApi workers = new WorkersApi(TestApp.client(TestApp.adminToken(tenant)));
        List<Worker> pool = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pool.add(workers.createWorker(workerCreate(lender.getId(), "Flex" + i, "Pool").contractHoursPerWeek(40), null));
        }
        ExecutorService threads = Executors.newFixedThreadPool(20);
        List<Future<String>> numbers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Worker lent = pool.get(i % pool.size());
                numbers.add(threads.submit(() -> admin.createLoanAgreement(draft().workerId(lent.getId()).hoursPerWeek(1), null).getNumber()));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<String> number : numbers) {
                distinct.add(number.get());
            }
            int year = Integer.parseInt(distinct.iterator().next().substring(3, 7));
            Set<String> expected = new HashSet<>();
            for (int n = 1; n <= 20; n++) {
                expected.add(String.format("LA-%d-%04d", year, n));
            }
            assertThat(distinct).isEqualTo(expected);
        } finally {
            threads.shutdownNow();
        }
    }

    private List<String> violations(LoanAgreementCreate body) {
        Problem problem = expectProblem(422, "RULES_VIOLATED", () -> admin.createLoanAgreement(body, null));
        return problem.getViolations().stream().map(RuleViolation::getCode).toList();
    }

    @Test
    void everyRuleBreachIsNamedWithoutWritingARow() throws ApiException {
        long before = rowCount("loan_agreement");
        assertThat(violations(draft().borrowerMemberId(lender.getId()))).contains("LENDER_IS_BORROWER");
        assertThat(violations(draft().lenderMemberId(borrower.getId()).borrowerMemberId(lender.getId())))
                .containsExactly("WORKER_NOT_EMPLOYED_BY_LENDER");
        assertThat(violations(draft().role(QualificationRole.POH_GGZ))).containsExactly("ROLE_NOT_QUALIFIED");
        assertThat(violations(draft().tariffCentsPerHour(3151L))).containsExactly("NO_PROFIT_TARIFF");
        assertThat(violations(draft().hoursPerWeek(25))).containsExactly("CONTRACT_HOURS_EXCEEDED");
        assertThat(violations(draft().endDate(START.minusDays(1)))).containsExactly("PERIOD_INVALID");

        new SettingsApi(TestApp.client(TestApp.adminToken(tenant)))
                .updateSettings("\"1\"", new CooperativeSettingsPatch().minHomeEmployerSharePercent(50).marginPercent(new java.math.BigDecimal("2")));
        assertThat(violations(draft().hoursPerWeek(13))).containsExactly("HOME_SHARE_TOO_LOW");
        assertThat(admin.createLoanAgreement(draft().hoursPerWeek(12).tariffCentsPerHour(3213L), null).getStatus())
                .isEqualTo(LoanAgreementStatus.DRAFT);
        assertThat(violations(draft().hoursPerWeek(1).tariffCentsPerHour(3214L))).containsExactly("NO_PROFIT_TARIFF");
        assertThat(rowCount("loan_agreement")).isEqualTo(before + 1);
        assertThat(rowCount("loan_agreement_version")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void overlappingAgreementsShareTheWorkersContractHours() throws ApiException {
        activate(draft().hoursPerWeek(16));
        Problem problem = expectProblem(422, "RULES_VIOLATED", () -> admin.createLoanAgreement(draft().hoursPerWeek(9), null));
        assertThat(problem.getViolations()).singleElement().satisfies(violation -> {
            assertThat(violation.getCode()).isEqualTo("CONTRACT_HOURS_EXCEEDED");
            assertThat(violation.getLimit()).isEqualTo("24 h/week");
            assertThat(violation.getActual()).isEqualTo("25 h/week");
            assertThat(violation.getEntityIds()).hasSize(1);
        });
        // a later period that does not overlap is fine
        admin.createLoanAgreement(draft().hoursPerWeek(9).startDate(START.minusYears(1)).endDate(START.minusDays(1)), null);
    }

    private Worker flexWorker() throws ApiException {
        return new WorkersApi(TestApp.client(TestApp.adminToken(tenant)))
                .createWorker(workerCreate(lender.getId(), "Flex", "Kracht").contractType(ContractType.ZERO_HOURS), null);
    }

    @Test
    void theVatAssessmentNamesEveryUnmetCondition() throws ApiException {
        Worker flex = flexWorker();
        LoanAgreement fixed = admin.createLoanAgreement(draft().workerId(flex.getId()).endDate(START.plusMonths(6)), null);
        assertThat(fixed.getTerms().getVatExemption().getEligible()).isFalse();
        assertThat(fixed.getTerms().getVatExemption().getUnmetConditions())
                .containsExactly("INDEFINITE_PERIOD", "INDEFINITE_CONTRACT", "FIXED_HOURS_CONTRACT");
    }

    @Test
    void eachListFilterSelectsOnlyTheMatchingAgreement() throws ApiException {
        Worker flex = flexWorker();
        LoanAgreement fixed = admin.createLoanAgreement(draft().workerId(flex.getId()).endDate(START.plusMonths(6)), null);
        LoanAgreement open = admin.createLoanAgreement(draft(), null);

        assertThat(admin.listLoanAgreements(null, null, null, null, null, null, false, null, null, null).getData())
                .extracting(LoanAgreement::getId).containsExactly(fixed.getId());
        assertThat(admin.listLoanAgreements(null, null, null, null, null, null, true, null, null, null).getData())
                .extracting(LoanAgreement::getId).containsExactly(open.getId());
        assertThat(admin.listLoanAgreements(null, flex.getId(), null, null, null, null, null, null, null, null).getData())
                .extracting(LoanAgreement::getId).containsExactly(fixed.getId());
        assertThat(admin.listLoanAgreements(null, null, null, null, START.plusMonths(7), null, null, null, null, null).getData())
                .extracting(LoanAgreement::getId).containsExactly(open.getId());
    }

    @Test
    void aMemberSeesOnlyTheAgreementsItIsPartyTo() throws ApiException {
        LoanAgreement agreement = activate(draft()).getData();
        Member outsider = newMember(tenant, "Praktijk Buiten");
        LoanAgreementsApi asOutsider = new LoanAgreementsApi(TestApp.client(TestApp.memberToken(tenant, outsider.getId())));
        expectProblem(404, "NOT_FOUND", () -> asOutsider.getLoanAgreement(agreement.getId()));
        expectProblem(404, "NOT_FOUND", () -> asOutsider.terminateLoanAgreement(agreement.getId(),
                "\"5\"", new TerminateRequest().reason("x").effectiveDate(START), null));
        assertThat(asOutsider.listLoanAgreements(null, null, null, null, null, null, null, null, null, null).getData()).isEmpty();
        expectProblem(403, "FORBIDDEN", () -> asOutsider.createLoanAgreement(draft(), null));
    }

    @Test
    void anotherCooperativeCannotFindTheAgreement() throws ApiException {
        LoanAgreement agreement = activate(draft()).getData();
        LoanAgreementsApi otherTenant = new LoanAgreementsApi(TestApp.client(TestApp.adminToken(newCooperative())));
        expectProblem(404, "NOT_FOUND", () -> otherTenant.getLoanAgreement(agreement.getId()));
        expectProblem(404, "NOT_FOUND", () -> otherTenant.listLoanAgreementVersions(agreement.getId(), null, null));
    }

    @Test
    void anAuditorReadsAnAgreementButCannotChangeIt() throws ApiException {
        LoanAgreement agreement = activate(draft()).getData();
        LoanAgreementsApi auditor = new LoanAgreementsApi(TestApp.client(TestApp.auditorToken(tenant)));
        expectProblem(403, "FORBIDDEN", () -> auditor.cancelLoanAgreement(agreement.getId(), "\"1\"", new CancelRequest().reason("x"), null));
        assertThat(auditor.getLoanAgreement(agreement.getId()).getStatus()).isEqualTo(LoanAgreementStatus.ACTIVE);
    }

    @Test
    void csvHoldsTheSameRowsAsTheJsonPages() throws ApiException {
        WorkersApi workers = new WorkersApi(TestApp.client(TestApp.adminToken(tenant)));
        java.util.Map<UUID, String> workerNames = new java.util.HashMap<>();
        for (int i = 0; i < 7; i++) {
            Worker lent = workers.createWorker(workerCreate(lender.getId(), "Csv" + i, "Rij, \"met\" komma"), null);
            workerNames.put(lent.getId(), "Csv" + i + " Rij, \"met\" komma");
            admin.createLoanAgreement(draft().workerId(lent.getId()).endDate(i % 2 == 0 ? null : START.plusMonths(i)), null);
        }
        AgreementCsv.Names names = new AgreementCsv.Names(java.util.Map.of(lender.getId(), "Huisartsenpraktijk De Linde",
                borrower.getId(), "Huisartsenpraktijk Het Anker"), workerNames);
        List<String> fromJson = new ArrayList<>();
        String cursor = null;
        do {
            LoanAgreementList page = admin.listLoanAgreements(null, null, null, null, null, null, null, null, 3, cursor);
            page.getData().forEach(agreement -> fromJson.add(String.join(",", AgreementCsv.row(toServer(agreement), names)
                    .stream().map(AgreementCsv::escape).toList())));
            cursor = page.getNextCursor();
        } while (cursor != null);

        HttpResponse<String> csv = Http.send("GET", "/v1/loan-agreements", TestApp.adminToken(tenant), null, null,
                "Accept", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo(String.join(",", AgreementCsv.HEADER));
        assertThat(lines.subList(1, lines.size())).isEqualTo(fromJson).hasSize(7);
        // auditors read names beside the ids
        assertThat(lines.get(0)).startsWith("id,number,status,lenderMemberId,lenderMemberName,borrowerMemberId,"
                + "borrowerMemberName,workerId,workerName,");
        assertThat(lines.get(1)).contains(",Huisartsenpraktijk De Linde,", ",Huisartsenpraktijk Het Anker,",
                ",\"Csv0 Rij, \"\"met\"\" komma\",");
    }

    /** The SDK's model through JSON into the server's, so the CSV writer formats what the API returned. */
    private static nl.regiopool.api.model.LoanAgreement toServer(LoanAgreement agreement) {
        try {
            var mapper = nl.regiopool.client.JSON.getDefault().getMapper();
            return TestApp.APP.getObjectMapper().readValue(mapper.writeValueAsString(agreement),
                    nl.regiopool.api.model.LoanAgreement.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An agreement that ended yesterday, one that runs on, then the expiry job: the count it ended, and the two. */
    private record Expiry(int ended, LoanAgreement over, LoanAgreement running) {
    }

    private Expiry expiryAfterYesterday() throws ApiException {
        LocalDate yesterday = LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam")).minusDays(1);
        LoanAgreement agreement = activate(draft().startDate(yesterday.minusMonths(1)).endDate(yesterday)).getData();
        LoanAgreement running = activate(draft().startDate(yesterday.minusMonths(1)).endDate(yesterday.plusDays(30))
                .hoursPerWeek(4)).getData();
        int ended = ((RegiopoolApplication) TestApp.APP.getApplication()).agreementExpiry().runOnce();
        return new Expiry(ended, agreement, running);
    }

    @Test
    void theExpiryJobEndsOnlyAgreementsWhosePeriodIsOver() throws ApiException {
        Expiry expiry = expiryAfterYesterday();
        assertThat(expiry.ended()).isGreaterThanOrEqualTo(1);
        assertThat(admin.getLoanAgreement(expiry.over().getId()).getStatus()).isEqualTo(LoanAgreementStatus.ENDED);
        assertThat(admin.getLoanAgreement(expiry.running().getId()).getStatus()).isEqualTo(LoanAgreementStatus.ACTIVE);
    }

    @Test
    void theExpiryJobAuditsEachAgreementItEnds() throws ApiException {
        LoanAgreement agreement = expiryAfterYesterday().over();
        List<AuditEvent> events = new AuditApi(TestApp.client(TestApp.auditorToken(tenant)))
                .listAuditEvents("loan_agreement", agreement.getId(), "system:agreement-expiry", null, null, null, null).getData();
        assertThat(events).extracting(AuditEvent::getAction).containsExactly("loan_agreement.ended");
        // the job audits the agreement as the API shows it, like every other loan_agreement event
        assertThat(events.get(0).getBefore()).containsEntry("status", "ACTIVE").containsKeys("number", "terms");
        assertThat(events.get(0).getAfter()).containsEntry("status", "ENDED").containsKeys("number", "terms");
        assertThat(new AuditApi(TestApp.client(TestApp.adminToken(tenant))).verifyAuditChain().getIntact()).isTrue();
    }
}
