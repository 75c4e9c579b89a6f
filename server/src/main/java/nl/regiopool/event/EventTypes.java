package nl.regiopool.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.regiopool.audit.PendingEvent;

/**
 * The one table of public event types: which audited change publishes which event, and which members may read
 * it (the members named in the given fields of the resource after the change; admins and auditors read every
 * event of their cooperative). The payload is the audited resource, which its members see in full. A new
 * concept's events are one line each here.
 */
public final class EventTypes {

    /** A public event type, published when {@code when} holds for an audited change. */
    public record EventType(String name, Predicate<PendingEvent> when, List<String> readerFields) {

        /** The members that may read the event of this change. */
        Set<UUID> readers(PendingEvent change) {
            return readerFields.stream().map(field -> change.after().path(field))
                    .filter(JsonNode::isTextual).map(node -> UUID.fromString(node.asText()))
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    private static final List<String> PLACEMENT = List.of("borrowerMemberId", "employerMemberId");
    private static final List<String> AGREEMENT = List.of("lenderMemberId", "borrowerMemberId");
    private static final List<String> STAFFING_REQUEST = List.of("memberId");
    /** The worker's employer and the requesting member. */
    private static final List<String> OFFER = List.of("employerMemberId", "borrowerMemberId");
    private static final List<String> INTERNSHIP_SHARE = List.of("memberId");
    /** A settlement holds every pair's statements, so only admins and auditors read its events. */
    private static final List<String> ADMINS_ONLY = List.of();

    public static final List<EventType> ALL = List.of(
            onAction("placement.created", PLACEMENT),
            onAction("placement.confirmed", PLACEMENT),
            onAction("placement.completed", PLACEMENT),
            onAction("placement.cancelled", PLACEMENT),
            onAction("loan_agreement.proposed", AGREEMENT),
            new EventType("loan_agreement.activated", statusBecomes("loan_agreement", "ACTIVE"), AGREEMENT),
            new EventType("loan_agreement.amended", EventTypes::amendmentApproved, AGREEMENT),
            onAction("loan_agreement.terminated", AGREEMENT),
            onAction("loan_agreement.ended", AGREEMENT),
            onAction("loan_agreement.cancelled", AGREEMENT),
            onAction("staffing_request.created", STAFFING_REQUEST),
            onAction("staffing_request.updated", STAFFING_REQUEST),
            onAction("staffing_request.filled", STAFFING_REQUEST),
            onAction("staffing_request.cancelled", STAFFING_REQUEST),
            onAction("staffing_request.expired", STAFFING_REQUEST),
            onAction("offer.created", OFFER),
            onAction("offer.accepted", OFFER),
            onAction("offer.declined", OFFER),
            onAction("offer.released", OFFER),
            onAction("offer.placed", OFFER),
            onAction("offer.withdrawn", OFFER),
            onAction("offer.expired", OFFER),
            onAction("offer.taken", OFFER),
            onAction("settlement.closed", ADMINS_ONLY),
            onAction("internship_share.created", INTERNSHIP_SHARE),
            onAction("internship_share.interview", INTERNSHIP_SHARE),
            onAction("internship_share.offered", INTERNSHIP_SHARE),
            onAction("internship_share.accepted", INTERNSHIP_SHARE),
            onAction("internship_share.declined", INTERNSHIP_SHARE),
            onAction("internship_share.withdrawn", INTERNSHIP_SHARE));

    private static final Set<String> NAMES = ALL.stream().map(EventType::name).collect(Collectors.toUnmodifiableSet());

    private EventTypes() {
    }

    public static boolean known(String name) {
        return NAMES.contains(name);
    }

    public static Set<String> names() {
        return NAMES;
    }

    /** The public events of one audited change (usually none or one). */
    static Stream<EventType> of(PendingEvent change) {
        return change.after() == null ? Stream.empty() : ALL.stream().filter(type -> type.when().test(change));
    }

    private static EventType onAction(String action, List<String> readers) {
        return new EventType(action, change -> change.action().equals(action), readers);
    }

    private static Predicate<PendingEvent> statusBecomes(String entityType, String status) {
        return change -> change.entityType().equals(entityType) && status.equals(status(change.after()))
                && !status.equals(status(change.before()));
    }

    /** An approval that completes an amendment of an ACTIVE agreement (in force now or on its effectiveFrom day). */
    private static boolean amendmentApproved(PendingEvent change) {
        if (!change.action().startsWith("loan_agreement.approved_by_") || !"ACTIVE".equals(status(change.before()))) {
            return false;
        }
        JsonNode pendingBefore = change.before().path("pendingAmendment");
        if (pendingBefore.isMissingNode() || pendingBefore.isNull()) {
            return false;
        }
        JsonNode pendingAfter = change.after().path("pendingAmendment");
        return pendingAfter.isMissingNode() || pendingAfter.isNull() || bothApproved(pendingAfter);
    }

    private static boolean bothApproved(JsonNode terms) {
        JsonNode approvals = terms.path("approvals");
        return approvals.path("lender").isObject() && approvals.path("borrower").isObject();
    }

    private static String status(JsonNode resource) {
        return Optional.ofNullable(resource).map(node -> node.path("status").asText(null)).orElse(null);
    }
}
