package nl.regiopool.request;

import static nl.regiopool.request.CandidatesApiTest.evening;
import static nl.regiopool.request.CandidatesApiTest.tuesday;
import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.ApiResponse;
import nl.regiopool.client.api.AuditApi;
import nl.regiopool.client.api.LoanAgreementsApi;
import nl.regiopool.client.api.MembersApi;
import nl.regiopool.client.api.MyScheduleApi;
import nl.regiopool.client.api.ReportsApi;
import nl.regiopool.client.model.ApprovalRequest;
import nl.regiopool.client.model.ApprovalSide;
import nl.regiopool.client.model.AuditEvent;
import nl.regiopool.client.model.CapacityReportRow;
import nl.regiopool.client.model.ConsentMethod;
import nl.regiopool.client.model.LoanAgreement;
import nl.regiopool.client.model.LoanAgreementStatus;
import nl.regiopool.client.model.MemberPatch;
import nl.regiopool.client.model.MemberStatus;
import nl.regiopool.client.model.MyShift;
import nl.regiopool.client.model.Problem;
import nl.regiopool.client.api.PlacementsApi;
import nl.regiopool.client.api.PoolsApi;
import nl.regiopool.client.api.StaffingRequestsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.CancelRequest;
import nl.regiopool.client.model.Candidate;
import nl.regiopool.client.model.CandidateList;
import nl.regiopool.client.model.FieldError;
import nl.regiopool.client.model.HomeShiftInput;
import nl.regiopool.client.model.HomeShiftsReplace;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.MembershipKind;
import nl.regiopool.client.model.Offer;
import nl.regiopool.client.model.OfferCreate;
import nl.regiopool.client.model.OfferStatus;
import nl.regiopool.client.model.Placement;
import nl.regiopool.client.model.PlacementKind;
import nl.regiopool.client.model.PoolCreate;
import nl.regiopool.client.model.PoolMembershipCreate;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.RuleViolation;
import nl.regiopool.client.model.StaffingRequest;
import nl.regiopool.client.model.StaffingRequestCreate;
import nl.regiopool.client.model.StaffingRequestKind;
import nl.regiopool.client.model.StaffingRequestStatus;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demand story through the SDK: a GP practice asks for an evening doktersassistent on three Tuesdays, the pool
 * is ranked (a worker whose home roster would break the daily rest is blocked), two workers are offered and accept
 * at once, one wins, her employer releases her: with no agreement between them, the release makes it from the
 * request, it is ACTIVE by itself, three placements exist, she sees them in her schedule and the capacity report
 * counts the hours as filled.
 */
class DemandStoryApiTest extends ApiTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private UUID tenant;
    private String admin;
    private Member practice;
    private Member linde;
    private UUID pool;
    private StaffingRequestsApi asPractice;

    @BeforeEach
    void cooperative() throws ApiException {
        tenant = newCooperative();
        admin = TestApp.adminToken(tenant);
        practice = newMember(tenant, "Huisartsenpraktijk Het Anker");
        linde = newMember(tenant, "Huisartsenpraktijk De Linde");
        pool = new PoolsApi(TestApp.client(admin)).createPool(new PoolCreate().name("Flexpool assistenten")
                .allowedRoles(Set.of(QualificationRole.DOKTERSASSISTENT)), null).getId();
        asPractice = new StaffingRequestsApi(TestApp.client(TestApp.memberToken(tenant, practice.getId())));
    }

    private UUID pooledWorker(String name, boolean withAgreement) throws ApiException {
        UUID worker = new WorkersApi(TestApp.client(admin)).createWorker(workerCreate(linde.getId(), name, "Jansen"),
                null).getId();
        new PoolsApi(TestApp.client(admin)).createPoolMembership(pool, new PoolMembershipCreate().workerId(worker)
                .kind(MembershipKind.FLEX).from(LocalDate.now(AMSTERDAM).minusDays(1)), null);
        if (withAgreement) {
            activeAgreement(tenant, linde.getId(), practice.getId(), worker, QualificationRole.DOKTERSASSISTENT,
                    LocalDate.now(AMSTERDAM), LocalDate.now(AMSTERDAM).plusMonths(6), 8, null);
        }
        return worker;
    }

    /** At most 35.00 an hour: the workers' cost price of 31.50 lies within it. */
    private StaffingRequest threeTuesdayEvenings() throws ApiException {
        return threeTuesdayEvenings(3500L);
    }

    private StaffingRequest threeTuesdayEvenings(Long maxTariffCentsPerHour) throws ApiException {
        return asPractice.createStaffingRequest(new StaffingRequestCreate().memberId(practice.getId())
                .role(QualificationRole.DOKTERSASSISTENT).kind(StaffingRequestKind.SHIFTS)
                .shifts(List.of(evening(1), evening(2), evening(3))).locationPostcode("7002 CD")
                .maxTariffCentsPerHour(maxTariffCentsPerHour), null);
    }

    private static StaffingRequestsApi asWorker(UUID tenant, UUID worker) {
        return new StaffingRequestsApi(TestApp.client(TestApp.workerToken(tenant, worker)));
    }

    private StaffingRequestsApi asLinde() {
        return new StaffingRequestsApi(TestApp.client(TestApp.memberToken(tenant, linde.getId())));
    }

    private Offer acceptedOffer(StaffingRequest request, UUID worker) throws ApiException {
        Offer offer = asPractice.createOffers(request.getId(), new OfferCreate().workerIds(Set.of(worker)), null)
                .getData().get(0);
        return asWorker(tenant, worker).acceptOffer(offer.getId(), "*", null);
    }

    private List<Placement> shiftsUnder(UUID worker, UUID agreement) throws ApiException {
        return new PlacementsApi(TestApp.client(admin)).listPlacements(worker, agreement, null, PlacementKind.SHIFT,
                null, null, null, null).getData();
    }

    @Test
    void aPracticeAsksThePoolRanksTwoAcceptAtOnceOneWinsAndHerReleaseMakesTheAgreementAndPlacesHer()
            throws Exception {
        UUID sanne = pooledWorker("Sanne", false);
        UUID eva = pooledWorker("Eva", false);
        UUID fleur = pooledWorker("Fleur", false);
        new PlacementsApi(TestApp.client(admin)).replaceHomeShifts(fleur,
                tuesday(1).atStartOfDay(AMSTERDAM).toOffsetDateTime(),
                tuesday(1).plusDays(1).atStartOfDay(AMSTERDAM).toOffsetDateTime(), "*",
                new HomeShiftsReplace().shifts(List.of(new HomeShiftInput().externalId("rooster-1")
                        .startsAt(ZonedDateTime.of(tuesday(1), LocalTime.of(7, 0), AMSTERDAM).toOffsetDateTime())
                        .endsAt(ZonedDateTime.of(tuesday(1), LocalTime.of(17, 0), AMSTERDAM).toOffsetDateTime())
                        .breakMinutes(30))));
        StaffingRequest request = threeTuesdayEvenings();

        CandidateList ranked = asPractice.listStaffingRequestCandidates(request.getId(), null, null, null);
        assertThat(ranked.getData()).extracting(Candidate::getWorkerId).containsExactlyInAnyOrder(sanne, eva);
        assertThat(ranked.getData()).allSatisfy(candidate -> assertThat(candidate.getReasons()).isNotEmpty());
        CandidateList all = new StaffingRequestsApi(TestApp.client(admin))
                .listStaffingRequestCandidates(request.getId(), true, null, null);
        assertThat(all.getData()).filteredOn(candidate -> candidate.getWorkerId().equals(fleur)).singleElement()
                .satisfies(candidate -> assertThat(candidate.getBlockers()).extracting(RuleViolation::getCode)
                        .containsExactly("ATW_MIN_DAILY_REST"));
        assertThat(fieldCodes(expectProblem(422, "VALIDATION_FAILED", () -> asPractice.createOffers(request.getId(),
                new OfferCreate().workerIds(Set.of(fleur)), null)))).containsExactly("workerIds:NOT_ELIGIBLE");

        List<Offer> offers = asPractice.createOffers(request.getId(), new OfferCreate().workerIds(Set.of(sanne, eva)),
                null).getData();
        assertThat(offers).extracting(Offer::getStatus).containsOnly(OfferStatus.OFFERED);
        assertThat(asWorker(tenant, sanne).listMyOffers(null, null).getData()).extracting(Offer::getWorkerId)
                .containsExactly(sanne);

        List<Integer> statuses = concurrentStatuses(2, index -> {
            Offer offer = offers.get(index);
            asWorker(tenant, offer.getWorkerId()).acceptOffer(offer.getId(), "*", null);
        });
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        Offer won = offers.get(statuses.indexOf(200));
        Offer lost = offers.get(statuses.indexOf(409));
        assertThat(expectProblem(409, () -> asWorker(tenant, lost.getWorkerId()).acceptOffer(lost.getId(), "*", null))
                .getCode()).isEqualTo("OFFER_TAKEN");

        expectProblem(403, "FORBIDDEN", () -> asPractice.releaseOffer(won.getId(), "*", null));
        Offer placed = asLinde().releaseOffer(won.getId(), "*", null);

        assertThat(placed.getStatus()).isEqualTo(OfferStatus.PLACED);
        LoanAgreement agreement = new LoanAgreementsApi(TestApp.client(admin)).getLoanAgreement(placed.getAgreementId());
        assertThat(agreement.getStatus()).isEqualTo(LoanAgreementStatus.ACTIVE);
        assertThat(agreement.getLenderMemberId()).isEqualTo(linde.getId());
        assertThat(agreement.getBorrowerMemberId()).isEqualTo(practice.getId());
        assertThat(agreement.getWorkerId()).isEqualTo(won.getWorkerId());
        assertThat(agreement.getRole()).isEqualTo(QualificationRole.DOKTERSASSISTENT);
        assertThat(agreement.getTerms().getStartDate()).isEqualTo(tuesday(1));
        assertThat(agreement.getTerms().getEndDate()).isEqualTo(tuesday(3));
        assertThat(agreement.getTerms().getHoursPerWeek()).isEqualTo(5);
        assertThat(agreement.getTerms().getTariffCentsPerHour()).isEqualTo(3150L);
        assertThat(agreement.getWorkerConsent().getMethod()).isEqualTo(ConsentMethod.DIGITAL);
        assertThat(new AuditApi(TestApp.client(admin)).listAuditEvents("loan_agreement", agreement.getId(), null, null,
                null, null, null).getData()).extracting(AuditEvent::getAction).containsExactlyInAnyOrder(
                "loan_agreement.created", "loan_agreement.proposed", "loan_agreement.approved_by_lender",
                "loan_agreement.worker_consent_recorded", "loan_agreement.approved_by_borrower");

        List<Placement> placements = shiftsUnder(won.getWorkerId(), agreement.getId());
        assertThat(placements).hasSize(3).allSatisfy(placement -> {
            assertThat(placement.getBorrowerMemberId()).isEqualTo(practice.getId());
            assertThat(placement.getLocationPostcode()).isEqualTo("7002 CD");
        });
        assertThat(asPractice.getStaffingRequest(request.getId()).getStatus()).isEqualTo(StaffingRequestStatus.FILLED);
        assertThat(asPractice.getOffer(lost.getId()).getStatus()).isEqualTo(OfferStatus.TAKEN);

        List<MyShift> schedule = new MyScheduleApi(TestApp.client(TestApp.workerToken(tenant, won.getWorkerId())))
                .getMySchedule(tuesday(1).atStartOfDay(AMSTERDAM).toOffsetDateTime(),
                        tuesday(3).plusDays(1).atStartOfDay(AMSTERDAM).toOffsetDateTime(), null, null).getData();
        assertThat(schedule).hasSize(3).allSatisfy(shift -> {
            assertThat(shift.getKind()).isEqualTo(PlacementKind.SHIFT);
            assertThat(shift.getAgreementId()).isEqualTo(agreement.getId());
            assertThat(shift.getWorksFor().getId()).isEqualTo(practice.getId());
        });
        assertThat(schedule).extracting(MyShift::getId)
                .containsExactlyInAnyOrderElementsOf(placements.stream().map(Placement::getId).toList());

        List<CapacityReportRow> capacity = new ReportsApi(TestApp.client(TestApp.memberToken(tenant, practice.getId())))
                .getCapacityReport(tuesday(1), tuesday(3)).getRows();
        assertThat(capacity).hasSize(3).allSatisfy(row -> {
            assertThat(row.getRole()).isEqualTo(QualificationRole.DOKTERSASSISTENT);
            assertThat(row.getRequestedHours()).isEqualByComparingTo("4.5");
            assertThat(row.getFilledHours()).isEqualByComparingTo("4.5");
            assertThat(row.getUnfilledHours()).isEqualByComparingTo("0");
            assertThat(row.getFillRate()).isEqualByComparingTo("1");
        });
    }

    @Test
    void anActiveAgreementThatCoversTheRequestTakesItsShiftsWithoutANewOne() throws Exception {
        UUID sanne = pooledWorker("Sanne", true);
        UUID existing = new LoanAgreementsApi(TestApp.client(admin)).listLoanAgreements(null, sanne, null, null, null,
                null, null, null, null, null).getData().get(0).getId();
        Offer accepted = acceptedOffer(threeTuesdayEvenings(), sanne);

        Offer placed = asLinde().releaseOffer(accepted.getId(), "*", null);

        assertThat(placed.getStatus()).isEqualTo(OfferStatus.PLACED);
        assertThat(placed.getAgreementId()).isEqualTo(existing);
        assertThat(shiftsUnder(sanne, existing)).hasSize(3);
        assertThat(new LoanAgreementsApi(TestApp.client(admin)).listLoanAgreements(null, sanne, null, null, null, null,
                null, null, null, null).getData()).hasSize(1);
    }

    @Test
    void aCostAboveTheRequestsMaximumWaitsReleasedForTheBorrowersApprovalWhichPlacesTheShifts() throws Exception {
        UUID sanne = pooledWorker("Sanne", false);
        StaffingRequest request = threeTuesdayEvenings(3000L);
        Offer accepted = acceptedOffer(request, sanne);

        Offer released = asLinde().releaseOffer(accepted.getId(), "*", null);

        assertThat(released.getStatus()).isEqualTo(OfferStatus.RELEASED);
        LoanAgreementsApi asPracticeAgreements = new LoanAgreementsApi(TestApp.client(
                TestApp.memberToken(tenant, practice.getId())));
        ApiResponse<LoanAgreement> proposed = asPracticeAgreements.getLoanAgreementWithHttpInfo(released.getAgreementId());
        assertThat(proposed.getData().getStatus()).isEqualTo(LoanAgreementStatus.PROPOSED);
        assertThat(proposed.getData().getWorkerConsent().getMethod()).isEqualTo(ConsentMethod.DIGITAL);
        assertThat(shiftsUnder(sanne, released.getAgreementId())).isEmpty();
        assertThat(asPractice.getStaffingRequest(request.getId()).getStatus()).isEqualTo(StaffingRequestStatus.OPEN);

        LoanAgreement active = asPracticeAgreements.approveLoanAgreement(released.getAgreementId(), etag(proposed),
                new ApprovalRequest().side(ApprovalSide.BORROWER), null);

        assertThat(active.getStatus()).isEqualTo(LoanAgreementStatus.ACTIVE);
        Offer placed = asPractice.getOffer(accepted.getId());
        assertThat(placed.getStatus()).isEqualTo(OfferStatus.PLACED);
        assertThat(placed.getAgreementId()).isEqualTo(active.getId());
        assertThat(shiftsUnder(sanne, active.getId())).hasSize(3);
        assertThat(asPractice.getStaffingRequest(request.getId()).getStatus()).isEqualTo(StaffingRequestStatus.FILLED);
    }

    @Test
    void anEmployerThatReleasesAutomaticallyLendsOnTheAcceptAndTheAgreementFollows() throws Exception {
        UUID sanne = pooledWorker("Sanne", false);
        new MembersApi(TestApp.client(admin)).updateMember(linde.getId(), "*", new MemberPatch().autoRelease(true));

        Offer placed = acceptedOffer(threeTuesdayEvenings(), sanne);

        assertThat(placed.getStatus()).isEqualTo(OfferStatus.PLACED);
        LoanAgreement agreement = new LoanAgreementsApi(TestApp.client(admin)).getLoanAgreement(placed.getAgreementId());
        assertThat(agreement.getStatus()).isEqualTo(LoanAgreementStatus.ACTIVE);
        assertThat(agreement.getWorkerConsent().getMethod()).isEqualTo(ConsentMethod.DIGITAL);
        assertThat(shiftsUnder(sanne, agreement.getId())).hasSize(3);
    }

    @Test
    void anAgreementRuleThatRefusesAnswersItsViolationsAndWritesNothing() throws Exception {
        UUID sanne = pooledWorker("Sanne", false);
        Offer accepted = acceptedOffer(threeTuesdayEvenings(), sanne);
        ApiResponse<Member> lender = new MembersApi(TestApp.client(admin)).getMemberWithHttpInfo(linde.getId());
        new MembersApi(TestApp.client(admin)).updateMember(linde.getId(), etag(lender),
                new MemberPatch().status(MemberStatus.SUSPENDED));

        Problem refused = expectProblem(422, "RULES_VIOLATED",
                () -> new StaffingRequestsApi(TestApp.client(admin)).releaseOffer(accepted.getId(), "*", null));

        assertThat(refused.getViolations()).extracting(RuleViolation::getCode).contains("MEMBER_NOT_ACTIVE");
        assertThat(asPractice.getOffer(accepted.getId()).getStatus()).isEqualTo(OfferStatus.ACCEPTED);
        assertThat(new LoanAgreementsApi(TestApp.client(admin)).listLoanAgreements(null, sanne, null, null, null, null,
                null, null, null, null).getData()).isEmpty();
    }

    @Test
    void withdrawnAndExpiredOffersCannotBeAcceptedAndDeclineIsTheWorkersOwn() throws Exception {
        UUID sanne = pooledWorker("Sanne", false);
        UUID eva = pooledWorker("Eva", false);
        StaffingRequest request = threeTuesdayEvenings();
        List<Offer> offers = asPractice.createOffers(request.getId(), new OfferCreate().workerIds(Set.of(sanne, eva)),
                null).getData();
        Offer sanneOffer = offers.stream().filter(o -> o.getWorkerId().equals(sanne)).findFirst().orElseThrow();
        Offer evaOffer = offers.stream().filter(o -> o.getWorkerId().equals(eva)).findFirst().orElseThrow();

        expectProblem(404, "NOT_FOUND", () -> asWorker(tenant, eva).acceptOffer(sanneOffer.getId(), "*", null));
        expectProblem(409, "OFFER_EXISTS", () -> asPractice.createOffers(request.getId(),
                new OfferCreate().workerIds(Set.of(sanne)), null));
        assertThat(asWorker(tenant, eva).declineOffer(evaOffer.getId(), "*", null).getStatus())
                .isEqualTo(OfferStatus.DECLINED);
        assertThat(asPractice.withdrawOffer(sanneOffer.getId(), "*", null).getStatus()).isEqualTo(OfferStatus.WITHDRAWN);
        expectProblem(409, "OFFER_WITHDRAWN", () -> asWorker(tenant, sanne).acceptOffer(sanneOffer.getId(), "*", null));

        StaffingRequest second = threeTuesdayEvenings();
        Offer offer = asPractice.createOffers(second.getId(), new OfferCreate().workerIds(Set.of(sanne)), null)
                .getData().get(0);
        Offer accepted = asWorker(tenant, sanne).acceptOffer(offer.getId(), "*", null);
        assertThat(accepted.getStatus()).isEqualTo(OfferStatus.ACCEPTED);
        StaffingRequestsApi asLinde = asLinde();

        ApiResponse<StaffingRequest> read = asPractice.getStaffingRequestWithHttpInfo(second.getId());
        asPractice.cancelStaffingRequest(second.getId(), etag(read), new CancelRequest().reason("Zelf opgelost"), null);
        assertThat(asPractice.getOffer(offer.getId()).getStatus()).isEqualTo(OfferStatus.EXPIRED);
        expectProblem(409, "OFFER_EXPIRED", () -> asLinde.releaseOffer(offer.getId(), "*", null));
    }

    private static List<String> fieldCodes(nl.regiopool.client.model.Problem problem) {
        return problem.getErrors().stream().map(error -> error.getField() + ":" + error.getCode()).toList();
    }
}
