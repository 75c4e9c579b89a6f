package nl.regiopool.internship;

import static nl.regiopool.api.model.InternshipShareStatus.ACCEPTED;
import static nl.regiopool.api.model.InternshipShareStatus.DECLINED;
import static nl.regiopool.api.model.InternshipShareStatus.INTERVIEW;
import static nl.regiopool.api.model.InternshipShareStatus.OFFERED;
import static nl.regiopool.api.model.InternshipShareStatus.SHARED;
import static nl.regiopool.api.model.InternshipShareStatus.WITHDRAWN;

import java.util.List;
import nl.regiopool.api.model.InternshipShareStatus;
import nl.regiopool.problem.ProblemException;

/**
 * A share's state machine: SHARED → INTERVIEW → OFFERED → ACCEPTED | DECLINED | WITHDRAWN. The three last
 * are decisions: final, and the start of the applicant's retention period once no share is left open.
 */
final class InternshipShareLifecycle {

    static final InternshipShareStatus INITIAL = SHARED;

    enum Action {
        INTERVIEW_("invite to an interview", INTERVIEW, SHARED),
        OFFER("make an offer", OFFERED, SHARED, INTERVIEW),
        ACCEPT("be accepted", ACCEPTED, OFFERED),
        DECLINE("be declined", DECLINED, SHARED, INTERVIEW, OFFERED),
        WITHDRAW("be withdrawn", WITHDRAWN, SHARED, INTERVIEW, OFFERED);

        private final String verb;
        private final InternshipShareStatus to;
        private final List<InternshipShareStatus> from;

        Action(String verb, InternshipShareStatus to, InternshipShareStatus... from) {
            this.verb = verb;
            this.to = to;
            this.from = List.of(from);
        }

        boolean allowedFrom(InternshipShareStatus status) {
            return from.contains(status);
        }

        InternshipShareStatus to() {
            return to;
        }

        List<InternshipShareStatus> from() {
            return from;
        }

        /** Whether the status it leads to is final. */
        boolean decides() {
            return isFinal(to);
        }
    }

    private InternshipShareLifecycle() {
    }

    static boolean isFinal(InternshipShareStatus status) {
        return status == ACCEPTED || status == DECLINED || status == WITHDRAWN;
    }

    /** 409 INVALID_TRANSITION unless the action may start from this status. */
    static void require(InternshipShareStatus status, Action action) {
        if (!action.allowedFrom(status)) {
            throw ProblemException.conflict("INVALID_TRANSITION", "A " + status + " share cannot " + action.verb
                    + "; that needs status " + String.join(" or ", action.from.stream().map(Object::toString).toList())
                    + ".");
        }
    }
}
