package nl.regiopool.request;

import static nl.regiopool.api.model.StaffingRequestStatus.CANCELLED;
import static nl.regiopool.api.model.StaffingRequestStatus.EXPIRED;
import static nl.regiopool.api.model.StaffingRequestStatus.FILLED;
import static nl.regiopool.api.model.StaffingRequestStatus.OPEN;
import static nl.regiopool.api.model.StaffingRequestStatus.PARTIALLY_FILLED;

import java.util.List;
import nl.regiopool.api.model.StaffingRequestStatus;
import nl.regiopool.problem.ProblemException;

/**
 * The staffing request's state machine: the statuses each action may start from and the status it leads to
 * ({@code null}: the status stays). A request is created OPEN.
 */
final class StaffingRequestLifecycle {

    static final StaffingRequestStatus CREATED = OPEN;

    enum Action {
        /** New shifts, location, tariff, pools or notes. */
        CHANGE("change", null, OPEN),
        CANCEL("be cancelled", CANCELLED, OPEN, PARTIALLY_FILLED),
        /** Its start passed while nothing was filled. */
        EXPIRE("expire", EXPIRED, OPEN),
        FILL_PART("be partly filled", PARTIALLY_FILLED, OPEN, PARTIALLY_FILLED),
        FILL("be filled", FILLED, OPEN, PARTIALLY_FILLED);

        private final String verb;
        private final StaffingRequestStatus to;
        private final List<StaffingRequestStatus> from;

        Action(String verb, StaffingRequestStatus to, StaffingRequestStatus... from) {
            this.verb = verb;
            this.to = to;
            this.from = List.of(from);
        }

        /** The status after the action; only for actions that change it. */
        StaffingRequestStatus to() {
            if (to == null) {
                throw new IllegalStateException(this + " keeps the status");
            }
            return to;
        }

        boolean allowedFrom(StaffingRequestStatus status) {
            return from.contains(status);
        }
    }

    private StaffingRequestLifecycle() {
    }

    /** 409 INVALID_TRANSITION unless the action may start from this status. */
    static void require(StaffingRequestStatus status, Action action) {
        if (!action.allowedFrom(status)) {
            throw ProblemException.conflict("INVALID_TRANSITION", "A " + status + " staffing request cannot "
                    + action.verb + "; that needs status "
                    + String.join(" or ", action.from.stream().map(Object::toString).toList()) + ".");
        }
    }

    /** Still asking: offers can be made and accepted. */
    static boolean open(StaffingRequestStatus status) {
        return status == OPEN || status == PARTIALLY_FILLED;
    }
}
