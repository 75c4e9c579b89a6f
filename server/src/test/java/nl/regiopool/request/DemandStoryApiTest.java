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
 * at once, one wins, her employer releases her and three placements exist.
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

    private StaffingRequest threeTuesdayEvenings() throws ApiException {
        return asPractice.createStaffingRequest(new StaffingRequestCreate().memberId(practice.getId())
                .role(QualificationRole.DOKTERSASSISTENT).kind(StaffingRequestKind.SHIFTS)
                .shifts(List.of(evening(1), evening(2), evening(3))).locationPostcode("7002 CD"), null);
    }

    private static StaffingRequestsApi asWorker(UUID tenant, UUID worker) {
        return new StaffingRequestsApi(TestApp.client(TestApp.workerToken(tenant, worker)));
    }

    @Test
    void aPracticeAsksThePoolRanksTwoAcceptAtOnceOneWinsAndIsPlacedOnThreeTuesdays() throws Exception {
        UUID sanne = pooledWorker("Sanne", true);
        UUID eva = pooledWorker("Eva", true);
        UUID fleur = pooledWorker("Fleur", true);
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

        StaffingRequestsApi asLinde = new StaffingRequestsApi(TestApp.client(TestApp.memberToken(tenant, linde.getId())));
        expectProblem(403, "FORBIDDEN", () -> asPractice.releaseOffer(won.getId(), "*", null));
        Offer placed = asLinde.releaseOffer(won.getId(), "*", null);

        assertThat(placed.getStatus()).isEqualTo(OfferStatus.PLACED);
        assertThat(placed.getAgreementId()).isNotNull();
        List<Placement> placements = new PlacementsApi(TestApp.client(admin)).listPlacements(won.getWorkerId(),
                placed.getAgreementId(), null, PlacementKind.SHIFT, null, null, null, null).getData();
        assertThat(placements).hasSize(3).allSatisfy(placement -> {
            assertThat(placement.getBorrowerMemberId()).isEqualTo(practice.getId());
            assertThat(placement.getLocationPostcode()).isEqualTo("7002 CD");
        });
        assertThat(asPractice.getStaffingRequest(request.getId()).getStatus()).isEqualTo(StaffingRequestStatus.FILLED);
        assertThat(asPractice.getOffer(lost.getId()).getStatus()).isEqualTo(OfferStatus.TAKEN);
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
        // no ACTIVE agreement covers her: the release writes nothing
        StaffingRequestsApi asLinde = new StaffingRequestsApi(TestApp.client(TestApp.memberToken(tenant, linde.getId())));
        expectProblem(409, "AGREEMENT_REQUIRED", () -> asLinde.releaseOffer(offer.getId(), "*", null));
        assertThat(asPractice.getOffer(offer.getId()).getStatus()).isEqualTo(OfferStatus.ACCEPTED);

        ApiResponse<StaffingRequest> read = asPractice.getStaffingRequestWithHttpInfo(second.getId());
        asPractice.cancelStaffingRequest(second.getId(), etag(read), new CancelRequest().reason("Zelf opgelost"), null);
        assertThat(asPractice.getOffer(offer.getId()).getStatus()).isEqualTo(OfferStatus.EXPIRED);
        expectProblem(409, "OFFER_EXPIRED", () -> asLinde.releaseOffer(offer.getId(), "*", null));
    }

    private static List<String> fieldCodes(nl.regiopool.client.model.Problem problem) {
        return problem.getErrors().stream().map(error -> error.getField() + ":" + error.getCode()).toList();
    }
}
