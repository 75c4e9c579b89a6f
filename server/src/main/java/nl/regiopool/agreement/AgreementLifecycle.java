package nl.regiopool.agreement;

import static nl.regiopool.api.model.LoanAgreementStatus.ACTIVE;
import static nl.regiopool.api.model.LoanAgreementStatus.CANCELLED;
import static nl.regiopool.api.model.LoanAgreementStatus.DRAFT;
import static nl.regiopool.api.model.LoanAgreementStatus.ENDED;
import static nl.regiopool.api.model.LoanAgreementStatus.PROPOSED;
import static nl.regiopool.api.model.LoanAgreementStatus.TERMINATED;

import java.util.List;
import nl.regiopool.api.model.LoanAgreementStatus;
import nl.regiopool.problem.ProblemException;

/**
 * The loan agreement's state machine: the statuses each action may start from and the status it leads to
 * ({@code null}: the status stays). An agreement is created DRAFT.
 */
final class AgreementLifecycle {

    static final LoanAgreementStatus INITIAL = DRAFT;

    enum Action {
        PROPOSE("propose", PROPOSED, DRAFT),
        /** A proposal's approval, or an amendment's; the last of both approvals and the consent activates. */
        APPROVE("be approved", null, PROPOSED, ACTIVE),
        RECORD_CONSENT("record consent for", null, DRAFT, PROPOSED),
        /** Both sides approved the proposal and the worker consented, whichever came last. */
        ACTIVATE("activate", ACTIVE, PROPOSED),
        AMEND("amend", null, ACTIVE),
        TERMINATE("terminate", TERMINATED, ACTIVE),
        CANCEL("cancel", CANCELLED, DRAFT, PROPOSED),
        /** The expiry job, once the end date of the terms in force has passed. */
        END("end", ENDED, ACTIVE);

        private final String verb;
        private final LoanAgreementStatus to;
        private final List<LoanAgreementStatus> from;

        Action(String verb, LoanAgreementStatus to, LoanAgreementStatus... from) {
            this.verb = verb;
            this.to = to;
            this.from = List.of(from);
        }

        boolean allowedFrom(LoanAgreementStatus status) {
            return from.contains(status);
        }

        List<LoanAgreementStatus> from() {
            return from;
        }

        /** The status after the action; only for actions that change it. */
        LoanAgreementStatus to() {
            if (to == null) {
                throw new IllegalStateException(this + " keeps the status");
            }
            return to;
        }
    }

    private AgreementLifecycle() {
    }

    /** 409 INVALID_TRANSITION unless the action may start from this status. */
    static void require(LoanAgreementStatus status, Action action) {
        if (!action.allowedFrom(status)) {
            throw ProblemException.conflict("INVALID_TRANSITION", "A " + status + " agreement cannot " + action.verb
                    + "; that needs status " + String.join(" or ", action.from.stream().map(Object::toString).toList())
                    + ".");
        }
    }
}
