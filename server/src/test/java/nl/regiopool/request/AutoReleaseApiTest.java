package nl.regiopool.request;

import static nl.regiopool.request.CandidatesApiTest.evening;
import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.api.MembersApi;
import nl.regiopool.client.api.PlacementsApi;
import nl.regiopool.client.api.PoolsApi;
import nl.regiopool.client.api.StaffingRequestsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.MemberPatch;
import nl.regiopool.client.model.MembershipKind;
import nl.regiopool.client.model.Offer;
import nl.regiopool.client.model.OfferCreate;
import nl.regiopool.client.model.OfferStatus;
import nl.regiopool.client.model.PlacementKind;
import nl.regiopool.client.model.PoolCreate;
import nl.regiopool.client.model.PoolMembershipCreate;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.StaffingRequest;
import nl.regiopool.client.model.StaffingRequestCreate;
import nl.regiopool.client.model.StaffingRequestKind;
import nl.regiopool.client.model.StaffingRequestStatus;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A member's autoRelease: its worker's accept places her at once, as the employer's release would. */
class AutoReleaseApiTest extends ApiTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private UUID tenant;
    private String admin;
    private Member practice;
    private Member linde;
    private UUID worker;
    private StaffingRequestsApi asPractice;

    @BeforeEach
    void cooperative() throws ApiException {
        tenant = newCooperative();
        admin = TestApp.adminToken(tenant);
        practice = newMember(tenant, "Huisartsenpraktijk Het Anker");
        linde = newMember(tenant, "Huisartsenpraktijk De Linde");
        UUID pool = new PoolsApi(TestApp.client(admin)).createPool(new PoolCreate().name("Flexpool assistenten")
                .allowedRoles(Set.of(QualificationRole.DOKTERSASSISTENT)), null).getId();
        worker = new WorkersApi(TestApp.client(admin)).createWorker(workerCreate(linde.getId(), "Sanne", "Jansen"),
                null).getId();
        new PoolsApi(TestApp.client(admin)).createPoolMembership(pool, new PoolMembershipCreate().workerId(worker)
                .kind(MembershipKind.FLEX).from(LocalDate.now(AMSTERDAM).minusDays(1)), null);
        activeAgreement(tenant, linde.getId(), practice.getId(), worker, QualificationRole.DOKTERSASSISTENT,
                LocalDate.now(AMSTERDAM), LocalDate.now(AMSTERDAM).plusMonths(6), 8, null);
        asPractice = new StaffingRequestsApi(TestApp.client(TestApp.memberToken(tenant, practice.getId())));
    }

    private Offer acceptedOffer() throws ApiException {
        StaffingRequest request = asPractice.createStaffingRequest(new StaffingRequestCreate()
                .memberId(practice.getId()).role(QualificationRole.DOKTERSASSISTENT).kind(StaffingRequestKind.SHIFTS)
                .shifts(List.of(evening(1), evening(2), evening(3))).locationPostcode("7002 CD"), null);
        Offer offer = asPractice.createOffers(request.getId(), new OfferCreate().workerIds(Set.of(worker)), null)
                .getData().get(0);
        return new StaffingRequestsApi(TestApp.client(TestApp.workerToken(tenant, worker)))
                .acceptOffer(offer.getId(), "*", null);
    }

    @Test
    void withAutoReleaseTheAcceptPlacesTheWorker() throws Exception {
        MembersApi asLinde = new MembersApi(TestApp.client(TestApp.memberToken(tenant, linde.getId())));
        Member changed = asLinde.updateMember(linde.getId(), "*", new MemberPatch().autoRelease(true));
        assertThat(changed.getAutoRelease()).isTrue();

        Offer placed = acceptedOffer();

        assertThat(placed.getStatus()).isEqualTo(OfferStatus.PLACED);
        assertThat(placed.getAgreementId()).isNotNull();
        assertThat(new PlacementsApi(TestApp.client(admin)).listPlacements(worker, placed.getAgreementId(), null,
                PlacementKind.SHIFT, null, null, null, null).getData()).hasSize(3);
        assertThat(asPractice.getStaffingRequest(placed.getStaffingRequestId()).getStatus())
                .isEqualTo(StaffingRequestStatus.FILLED);
    }

    @Test
    void withoutAutoReleaseTheAcceptWaitsForTheEmployer() throws Exception {
        assertThat(new MembersApi(TestApp.client(admin)).getMember(linde.getId()).getAutoRelease()).isFalse();

        Offer accepted = acceptedOffer();

        assertThat(accepted.getStatus()).isEqualTo(OfferStatus.ACCEPTED);
        assertThat(new PlacementsApi(TestApp.client(admin)).listPlacements(worker, null, null,
                PlacementKind.SHIFT, null, null, null, null).getData()).isEmpty();
    }

    @Test
    void aMemberChangesOnlyItsOwnAutoRelease() throws Exception {
        MembersApi asPracticeMember = new MembersApi(TestApp.client(TestApp.memberToken(tenant, practice.getId())));
        expectProblem(403, "FORBIDDEN", () -> asPracticeMember.updateMember(linde.getId(), "*",
                new MemberPatch().autoRelease(true)));
        expectProblem(403, "FORBIDDEN", () -> asPracticeMember.updateMember(practice.getId(), "*",
                new MemberPatch().autoRelease(true).name("Anders")));
        assertThat(new MembersApi(TestApp.client(admin)).updateMember(linde.getId(), "*",
                new MemberPatch().autoRelease(true)).getAutoRelease()).isTrue();
    }
}
