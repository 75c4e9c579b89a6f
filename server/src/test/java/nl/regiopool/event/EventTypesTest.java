package nl.regiopool.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import nl.regiopool.audit.PendingEvent;
import org.junit.jupiter.api.Test;

class EventTypesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID LENDER = UUID.randomUUID();
    private static final UUID BORROWER = UUID.randomUUID();

    private static JsonNode agreement(String status, String pendingAmendment) throws Exception {
        return JSON.readTree("{\"status\":\"" + status + "\",\"lenderMemberId\":\"" + LENDER + "\",\"borrowerMemberId\":\""
                + BORROWER + "\"" + (pendingAmendment == null ? "" : ",\"pendingAmendment\":" + pendingAmendment) + "}");
    }

    private static PendingEvent change(String action, JsonNode before, JsonNode after) {
        return new PendingEvent(UUID.randomUUID(), action, action.substring(0, action.indexOf('.')), UUID.randomUUID(),
                before, after);
    }

    private static java.util.List<String> types(PendingEvent change) {
        return EventTypes.of(change).map(EventTypes.EventType::name).toList();
    }

    @Test
    void theApprovalOrConsentThatMakesAnAgreementActivePublishesActivated() throws Exception {
        assertThat(types(change("loan_agreement.worker_consent_recorded", agreement("PROPOSED", null),
                agreement("ACTIVE", null)))).containsExactly("loan_agreement.activated");
        assertThat(types(change("loan_agreement.approved_by_borrower", agreement("PROPOSED", null),
                agreement("PROPOSED", null)))).isEmpty();
        assertThat(types(change("loan_agreement.proposed", agreement("DRAFT", null), agreement("PROPOSED", null))))
                .containsExactly("loan_agreement.proposed");
    }

    @Test
    void amendedWhenTheSecondApprovalOfAnAmendmentComes() throws Exception {
        String lenderOnly = "{\"approvals\":{\"lender\":{\"at\":\"x\"}}}";
        String both = "{\"approvals\":{\"lender\":{\"at\":\"x\"},\"borrower\":{\"at\":\"y\"}}}";
        assertThat(types(change("loan_agreement.approved_by_borrower", agreement("ACTIVE", lenderOnly),
                agreement("ACTIVE", null)))).containsExactly("loan_agreement.amended");
        assertThat(types(change("loan_agreement.approved_by_borrower", agreement("ACTIVE", lenderOnly),
                agreement("ACTIVE", both)))).as("approved, in force from a later day").containsExactly("loan_agreement.amended");
        assertThat(types(change("loan_agreement.approved_by_lender", agreement("ACTIVE", "{\"approvals\":{}}"),
                agreement("ACTIVE", lenderOnly)))).isEmpty();
        assertThat(types(change("loan_agreement.amendment_proposed", agreement("ACTIVE", null),
                agreement("ACTIVE", "{\"approvals\":{}}")))).isEmpty();
    }

    @Test
    void theReadersAreTheMembersTheResourceNames() throws Exception {
        PendingEvent terminated = change("loan_agreement.terminated", agreement("ACTIVE", null), agreement("TERMINATED", null));
        EventTypes.EventType type = EventTypes.of(terminated).findFirst().orElseThrow();
        assertThat(type.readers(terminated)).containsExactlyInAnyOrder(LENDER, BORROWER);
        assertThat(types(change("placement.no_show", JSON.createObjectNode(), JSON.createObjectNode()))).isEmpty();
        assertThat(types(change("placement.created", null, null))).as("nothing after: nothing to publish").isEmpty();
    }

    @Test
    void everyTypeIsNamedAsTheSpecSays() {
        assertThat(EventTypes.names()).allMatch(name -> name.matches("^[a-z_]+\\.[a-z_]+$")).hasSize(EventTypes.ALL.size());
    }

    @Test
    void requestsOffersSharesAndSettlementsPublishToTheMembersTheyName() throws Exception {
        JsonNode request = JSON.readTree("{\"status\":\"OPEN\",\"memberId\":\"" + BORROWER + "\"}");
        PendingEvent created = change("staffing_request.created", null, request);
        assertThat(EventTypes.of(created).findFirst().orElseThrow().readers(created)).containsExactly(BORROWER);

        JsonNode offer = JSON.readTree("{\"status\":\"ACCEPTED\",\"employerMemberId\":\"" + LENDER + "\"}");
        PendingEvent accepted = change("offer.accepted", offer, offer);
        assertThat(EventTypes.of(accepted).findFirst().orElseThrow().readers(accepted)).containsExactly(LENDER);

        JsonNode share = JSON.readTree("{\"status\":\"ACCEPTED\",\"memberId\":\"" + BORROWER + "\"}");
        PendingEvent shareAccepted = change("internship_share.accepted", share, share);
        assertThat(EventTypes.of(shareAccepted).findFirst().orElseThrow().readers(shareAccepted))
                .containsExactly(BORROWER);

        JsonNode settlement = JSON.readTree("{\"settlement\":{\"statements\":[{\"lenderMemberId\":\"" + LENDER
                + "\"}]}}");
        PendingEvent closed = change("settlement.closed", JSON.createObjectNode(), settlement);
        assertThat(EventTypes.of(closed).findFirst().orElseThrow().readers(closed))
                .as("a settlement holds every pair's statements: admins and auditors only").isEmpty();
    }
}
