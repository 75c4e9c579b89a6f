package nl.regiopool.request;

import static nl.regiopool.request.CandidatesApiTest.evening;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.api.EventsApi;
import nl.regiopool.client.api.PoolsApi;
import nl.regiopool.client.api.StaffingRequestsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.CancelRequest;
import nl.regiopool.client.model.Event;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.MembershipKind;
import nl.regiopool.client.model.Offer;
import nl.regiopool.client.model.OfferCreate;
import nl.regiopool.client.model.PoolCreate;
import nl.regiopool.client.model.PoolMembershipCreate;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.StaffingRequest;
import nl.regiopool.client.model.StaffingRequestCreate;
import nl.regiopool.client.model.StaffingRequestKind;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.Test;

/** The requesting member hears about the offers on its requests; the employer about its workers' offers. */
class OfferEventsApiTest extends ApiTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    @Test
    void offerAndRequestEventsReachTheRequestingMemberAndTheEmployerAndNoOtherMember() throws Exception {
        UUID tenant = newCooperative();
        String admin = TestApp.adminToken(tenant);
        Member practice = newMember(tenant, "Huisartsenpraktijk Het Anker");
        Member lender = newMember(tenant, "Huisartsenpraktijk De Linde");
        Member stranger = newMember(tenant, "Huisartsenpraktijk De Eik");
        UUID pool = new PoolsApi(TestApp.client(admin)).createPool(new PoolCreate().name("Flexpool")
                .allowedRoles(Set.of(QualificationRole.DOKTERSASSISTENT)), null).getId();
        UUID sanne = new WorkersApi(TestApp.client(admin)).createWorker(workerCreate(lender.getId(), "Sanne", "Jansen"),
                null).getId();
        new PoolsApi(TestApp.client(admin)).createPoolMembership(pool, new PoolMembershipCreate().workerId(sanne)
                .kind(MembershipKind.FLEX).from(LocalDate.now(AMSTERDAM).minusDays(1)), null);
        StaffingRequestsApi asPractice = new StaffingRequestsApi(TestApp.client(TestApp.memberToken(tenant,
                practice.getId())));
        StaffingRequest request = asPractice.createStaffingRequest(new StaffingRequestCreate().memberId(practice.getId())
                .role(QualificationRole.DOKTERSASSISTENT).kind(StaffingRequestKind.SHIFTS)
                .shifts(List.of(evening(1), evening(2))), null);
        Offer offer = asPractice.createOffers(request.getId(), new OfferCreate().workerIds(Set.of(sanne)), null)
                .getData().get(0);
        assertThat(offer.getBorrowerMemberId()).isEqualTo(practice.getId());
        assertThat(offer.getEmployerMemberId()).isEqualTo(lender.getId());
        new StaffingRequestsApi(TestApp.client(TestApp.workerToken(tenant, sanne))).acceptOffer(offer.getId(), "*", null);
        asPractice.withdrawOffer(offer.getId(), "*", null);
        asPractice.cancelStaffingRequest(request.getId(), "*", new CancelRequest().reason("Zelf opgelost"), null);

        assertThat(feed(tenant, practice, 5)).extracting(Event::getType).containsExactly("staffing_request.created",
                "offer.created", "offer.accepted", "offer.withdrawn", "staffing_request.cancelled");
        List<Event> lenders = feed(tenant, lender, 3);
        assertThat(lenders).extracting(Event::getType).containsExactly("offer.created", "offer.accepted",
                "offer.withdrawn");
        assertThat(lenders).allSatisfy(event -> assertThat(event.getData())
                .containsEntry("borrowerMemberId", practice.getId().toString())
                .containsEntry("workerId", sanne.toString()));
        assertThat(feed(tenant, stranger, 0)).isEmpty();
    }

    /** The member's feed once it holds {@code expected} events (the feed serves only committed-before-all-others). */
    private static List<Event> feed(UUID tenant, Member member, int expected) throws ApiException, InterruptedException {
        EventsApi events = new EventsApi(TestApp.client(TestApp.memberToken(tenant, member.getId())));
        List<Event> feed = events.listEvents(null, null, null).getData();
        for (int attempt = 0; attempt < 50 && feed.size() < expected; attempt++) {
            Thread.sleep(100);
            feed = events.listEvents(null, null, null).getData();
        }
        return feed;
    }
}
