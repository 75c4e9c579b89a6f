package nl.regiopool.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;
import java.util.UUID;
import nl.regiopool.client.api.LoanAgreementsApi;
import nl.regiopool.client.api.PlacementsApi;
import nl.regiopool.client.api.PoolsApi;
import nl.regiopool.client.api.StaffingRequestsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.CoverageReason;
import nl.regiopool.client.model.LoanAgreement;
import nl.regiopool.client.model.LoanAgreementStatus;
import nl.regiopool.client.model.Member;
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
import org.junit.jupiter.api.Test;

/**
 * A COVERAGE request (dates and hours per week, no shifts) filled: the release makes the agreement over the request's
 * dates and hours, the offer is PLACED and the request FILLED, and no placement exists until the requesting member
 * schedules the shifts under that agreement.
 */
class CoverageFillApiTest extends ApiTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    @Test
    void theFillIsTheAgreementAndTheRequestingMemberSchedulesTheShifts() throws Exception {
        UUID tenant = newCooperative();
        String admin = TestApp.adminToken(tenant);
        Member practice = newMember(tenant, "Huisartsenpraktijk Het Anker");
        Member linde = newMember(tenant, "Huisartsenpraktijk De Linde");
        UUID pool = new PoolsApi(TestApp.client(admin)).createPool(new PoolCreate().name("Flexpool assistenten")
                .allowedRoles(Set.of(QualificationRole.DOKTERSASSISTENT)), null).getId();
        UUID sanne = new WorkersApi(TestApp.client(admin)).createWorker(workerCreate(linde.getId(), "Sanne", "Jansen"),
                null).getId();
        new PoolsApi(TestApp.client(admin)).createPoolMembership(pool, new PoolMembershipCreate().workerId(sanne)
                .kind(MembershipKind.FLEX).from(LocalDate.now(AMSTERDAM).minusDays(1)), null);
        StaffingRequestsApi asPractice = new StaffingRequestsApi(TestApp.client(TestApp.memberToken(tenant,
                practice.getId())));
        LocalDate monday = LocalDate.now(AMSTERDAM).plusWeeks(2).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        StaffingRequest request = asPractice.createStaffingRequest(new StaffingRequestCreate()
                .memberId(practice.getId()).role(QualificationRole.DOKTERSASSISTENT).kind(StaffingRequestKind.COVERAGE)
                .startDate(monday).endDate(monday.plusWeeks(6).minusDays(1)).hoursPerWeek(8)
                .reason(CoverageReason.PARENTAL_LEAVE_COVER).maxTariffCentsPerHour(3500L), null);
        Offer offer = asPractice.createOffers(request.getId(), new OfferCreate().workerIds(Set.of(sanne)), null)
                .getData().get(0);
        new StaffingRequestsApi(TestApp.client(TestApp.workerToken(tenant, sanne))).acceptOffer(offer.getId(), "*",
                null);

        Offer placed = new StaffingRequestsApi(TestApp.client(TestApp.memberToken(tenant, linde.getId())))
                .releaseOffer(offer.getId(), "*", null);

        assertThat(placed.getStatus()).isEqualTo(OfferStatus.PLACED);
        LoanAgreement agreement = new LoanAgreementsApi(TestApp.client(admin)).getLoanAgreement(placed.getAgreementId());
        assertThat(agreement.getStatus()).isEqualTo(LoanAgreementStatus.ACTIVE);
        assertThat(agreement.getBorrowerMemberId()).isEqualTo(practice.getId());
        assertThat(agreement.getTerms().getStartDate()).isEqualTo(monday);
        assertThat(agreement.getTerms().getEndDate()).isEqualTo(monday.plusWeeks(6).minusDays(1));
        assertThat(agreement.getTerms().getHoursPerWeek()).isEqualTo(8);
        assertThat(new PlacementsApi(TestApp.client(admin)).listPlacements(sanne, agreement.getId(), null,
                PlacementKind.SHIFT, null, null, null, null).getData()).isEmpty();
        assertThat(asPractice.getStaffingRequest(request.getId()).getStatus()).isEqualTo(StaffingRequestStatus.FILLED);
    }
}
