package nl.regiopool.placement;

import static nl.regiopool.api.model.PlacementStatus.CANCELLED;
import static nl.regiopool.api.model.PlacementStatus.COMPLETED;
import static nl.regiopool.api.model.PlacementStatus.CONFIRMED;
import static nl.regiopool.api.model.PlacementStatus.NO_SHOW;
import static nl.regiopool.api.model.PlacementStatus.PLANNED;

import java.util.List;
import nl.regiopool.api.model.PlacementStatus;
import nl.regiopool.problem.ProblemException;

/**
 * The placement's state machine: the statuses each action may start from and the status it leads to
 * ({@code null}: the status stays). A borrowed shift is created PLANNED, a home shift CONFIRMED.
 */
final class PlacementLifecycle {

    static final PlacementStatus SHIFT_CREATED = PLANNED;
    static final PlacementStatus HOME_SHIFT_CREATED = CONFIRMED;

    enum Action {
        CONFIRM("be confirmed", CONFIRMED, PLANNED),
        COMPLETE("be completed", COMPLETED, CONFIRMED),
        CANCEL("be cancelled", CANCELLED, PLANNED, CONFIRMED),
        NO_SHOW("be recorded as a no-show", PlacementStatus.NO_SHOW, CONFIRMED),
        /** The lender disputes the approved hours; the status stays. */
        DISPUTE("be disputed", null, COMPLETED),
        /** An admin corrects disputed hours; the status stays. */
        RESOLVE("have a dispute resolved", null, COMPLETED),
        /** New times, break or location. */
        CHANGE("change", null, PLANNED, CONFIRMED);

        private final String verb;
        private final PlacementStatus to;
        private final List<PlacementStatus> from;

        Action(String verb, PlacementStatus to, PlacementStatus... from) {
            this.verb = verb;
            this.to = to;
            this.from = List.of(from);
        }

        /** The status after the action; only for actions that change it. */
        PlacementStatus to() {
            if (to == null) {
                throw new IllegalStateException(this + " keeps the status");
            }
            return to;
        }
    }

    private PlacementLifecycle() {
    }

    /** 409 INVALID_TRANSITION unless the action may start from this status. */
    static void require(PlacementStatus status, Action action) {
        if (!action.from.contains(status)) {
            throw ProblemException.conflict("INVALID_TRANSITION", "A " + status + " placement cannot " + action.verb
                    + "; that needs status " + String.join(" or ", action.from.stream().map(Object::toString).toList())
                    + ".");
        }
    }

    /** Counts as work (the rules engine's input): not cancelled and not a no-show. */
    static boolean worked(PlacementStatus status) {
        return status != CANCELLED && status != NO_SHOW;
    }

    /** Holds its time in the worker's schedule: everything but a cancelled shift (a no-show still does). */
    static boolean holdsTime(PlacementStatus status) {
        return status != CANCELLED;
    }
}
