package nl.regiopool.request;

import static nl.regiopool.request.CandidatesApiTest.evening;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.api.AuditApi;
import nl.regiopool.client.api.EventsApi;
import nl.regiopool.client.api.LoanAgreementsApi;
import nl.regiopool.client.api.PoolsApi;
import nl.regiopool.client.api.StaffingRequestsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.AuditEvent;
import nl.regiopool.client.model.CancelRequest;
import nl.regiopool.client.model.Event;
import nl.regiopool.client.model.LoanAgreement;
import nl.regiopool.client.model.LoanAgreementStatus;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.MembershipKind;
import nl.regiopool.client.model.Offer;
import nl.regiopool.client.model.OfferCreate;
import nl.regiopool.client.model.OfferStatus;
import nl.regiopool.client.model.PoolCreate;
import nl.regiopool.client.model.PoolMembershipCreate;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.StaffingRequest;
import nl.regiopool.client.model.StaffingRequestCreate;
import nl.regiopool.client.model.StaffingRequestKind;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A released offer whose agreement still awaits the borrower's approval, ended before that approval: withdrawn,
 * its request cancelled, or its request expired. The agreement made for it is cancelled with it, audited, with an
 * event for both parties.
 */
class ReleasedOfferEndApiTest extends ApiTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private UUID tenant;
    private String admin;
    private Member practice;
    private Member linde;
    private StaffingRequestsApi asPractice;
    private StaffingRequest request;
    private Offer released;

    /** The cost price (31.50) above the request's maximum (30.00): the release leaves the agreement PROPOSED. */
    @BeforeEach
    void releasedOffer() throws ApiException {
        tenant = newCooperative();
        admin = TestApp.adminToken(tenant);
        practice = newMember(tenant, "Huisartsenpraktijk Het Anker");
        linde = newMember(tenant, "Huisartsenpraktijk De Linde");
        UUID pool = new PoolsApi(TestApp.client(admin)).createPool(new PoolCreate().name("Flexpool assistenten")
                .allowedRoles(Set.of(QualificationRole.DOKTERSASSISTENT)), null).getId();
        UUID sanne = new WorkersApi(TestApp.client(admin)).createWorker(workerCreate(linde.getId(), "Sanne", "Jansen"),
                null).getId();
        new PoolsApi(TestApp.client(admin)).createPoolMembership(pool, new PoolMembershipCreate().workerId(sanne)
                .kind(MembershipKind.FLEX).from(LocalDate.now(AMSTERDAM).minusDays(1)), null);
        asPractice = new StaffingRequestsApi(TestApp.client(TestApp.memberToken(tenant, practice.getId())));
        request = asPractice.createStaffingRequest(new StaffingRequestCreate().memberId(practice.getId())
                .role(QualificationRole.DOKTERSASSISTENT).kind(StaffingRequestKind.SHIFTS)
                .shifts(List.of(evening(1), evening(2))).maxTariffCentsPerHour(3000L), null);
        Offer offer = asPractice.createOffers(request.getId(), new OfferCreate().workerIds(Set.of(sanne)), null)
                .getData().get(0);
        new StaffingRequestsApi(TestApp.client(TestApp.workerToken(tenant, sanne))).acceptOffer(offer.getId(), "*",
                null);
        released = new StaffingRequestsApi(TestApp.client(TestApp.memberToken(tenant, linde.getId())))
                .releaseOffer(offer.getId(), "*", null);
        assertThat(released.getStatus()).isEqualTo(OfferStatus.RELEASED);
        assertThat(agreement().getStatus()).isEqualTo(LoanAgreementStatus.PROPOSED);
    }

    @Test
    void withdrawingTheOfferCancelsTheAgreementItsReleaseMade() throws Exception {
        Offer withdrawn = asPractice.withdrawOffer(released.getId(), "*", null);

        assertThat(withdrawn.getStatus()).isEqualTo(OfferStatus.WITHDRAWN);
        LoanAgreement cancelled = agreement();
        assertThat(cancelled.getStatus()).isEqualTo(LoanAgreementStatus.CANCELLED);
        assertThat(cancelled.getCancellationReason()).isEqualTo("The offer it was made for was withdrawn.");
        assertThat(agreementAudit()).last().satisfies(event -> {
            assertThat(event.getAction()).isEqualTo("loan_agreement.cancelled");
            assertThat(event.getActorSubject()).startsWith("test-member-");
        });
        assertThat(feedTypes(linde)).containsSubsequence("offer.withdrawn", "loan_agreement.cancelled");
        assertThat(feedTypes(practice)).containsSubsequence("offer.withdrawn", "loan_agreement.cancelled");
        assertThat(new AuditApi(TestApp.client(admin)).verifyAuditChain().getIntact()).isTrue();
    }

    @Test
    void cancellingTheRequestCancelsTheAgreementOfItsReleasedOffer() throws Exception {
        asPractice.cancelStaffingRequest(request.getId(), "*", new CancelRequest().reason("Zelf opgelost"), null);

        assertThat(asPractice.getOffer(released.getId()).getStatus()).isEqualTo(OfferStatus.EXPIRED);
        assertThat(agreement().getStatus()).isEqualTo(LoanAgreementStatus.CANCELLED);
        assertThat(agreement().getCancellationReason())
                .isEqualTo("The staffing request of the offer it was made for ended.");
        assertThat(agreementAudit()).extracting(AuditEvent::getAction).last().isEqualTo("loan_agreement.cancelled");
    }

    @Test
    void theExpiryOfTheRequestCancelsTheAgreementOfItsReleasedOffer() throws Exception {
        try (Connection superuser = TestApp.superuserConnection();
             PreparedStatement backdate = superuser.prepareStatement(
                     "UPDATE staffing_request SET starts_at = now() - interval '1 hour' WHERE id = ?")) {
            backdate.setObject(1, request.getId());
            assertThat(backdate.executeUpdate()).isEqualTo(1);
        }

        ((RegiopoolApplication) TestApp.APP.getApplication()).staffingRequestExpiry().runOnce();

        assertThat(asPractice.getOffer(released.getId()).getStatus()).isEqualTo(OfferStatus.EXPIRED);
        assertThat(agreement().getStatus()).isEqualTo(LoanAgreementStatus.CANCELLED);
        assertThat(agreementAudit()).last().satisfies(event -> {
            assertThat(event.getAction()).isEqualTo("loan_agreement.cancelled");
            assertThat(event.getActorSubject()).isEqualTo("system:staffing-request-expiry");
        });
    }

    @Test
    void anAgreementCancelledBeforeIsLeftAsItIsWhenTheOfferIsWithdrawn() throws Exception {
        new LoanAgreementsApi(TestApp.client(admin)).cancelLoanAgreement(released.getAgreementId(), "*",
                new CancelRequest().reason("Toch niet nodig"), null);

        assertThat(asPractice.withdrawOffer(released.getId(), "*", null).getStatus()).isEqualTo(OfferStatus.WITHDRAWN);

        assertThat(agreement().getCancellationReason()).isEqualTo("Toch niet nodig");
        assertThat(agreementAudit()).extracting(AuditEvent::getAction).filteredOn("loan_agreement.cancelled"::equals)
                .hasSize(1);
    }

    private LoanAgreement agreement() throws ApiException {
        return new LoanAgreementsApi(TestApp.client(admin)).getLoanAgreement(released.getAgreementId());
    }

    private List<AuditEvent> agreementAudit() throws ApiException {
        return new AuditApi(TestApp.client(admin)).listAuditEvents("loan_agreement", released.getAgreementId(), null,
                null, null, null, null).getData();
    }

    /** The member's event types once the cancellation shows (the feed serves only what committed before it). */
    private List<String> feedTypes(Member member) throws ApiException, InterruptedException {
        EventsApi events = new EventsApi(TestApp.client(TestApp.memberToken(tenant, member.getId())));
        List<String> types = List.of();
        for (int attempt = 0; attempt < 50 && !types.contains("loan_agreement.cancelled"); attempt++) {
            types = events.listEvents(null, null, 200).getData().stream().map(Event::getType).toList();
            Thread.sleep(attempt == 0 ? 0 : 100);
        }
        return types;
    }
}
