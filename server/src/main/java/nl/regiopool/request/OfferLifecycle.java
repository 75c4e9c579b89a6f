package nl.regiopool.request;

import static nl.regiopool.api.model.OfferStatus.ACCEPTED;
import static nl.regiopool.api.model.OfferStatus.DECLINED;
import static nl.regiopool.api.model.OfferStatus.EXPIRED;
import static nl.regiopool.api.model.OfferStatus.OFFERED;
import static nl.regiopool.api.model.OfferStatus.PLACED;
import static nl.regiopool.api.model.OfferStatus.RELEASED;
import static nl.regiopool.api.model.OfferStatus.TAKEN;
import static nl.regiopool.api.model.OfferStatus.WITHDRAWN;

import java.util.List;
import nl.regiopool.api.model.OfferStatus;
import nl.regiopool.problem.ProblemException;

/** The offer's state machine: the statuses each action may start from and the status it leads to. */
final class OfferLifecycle {

    static final OfferStatus CREATED = OFFERED;

    enum Action {
        ACCEPT("be accepted", ACCEPTED, OFFERED),
        DECLINE("be declined", DECLINED, OFFERED),
        /** Released by the employer; placed at once, or RELEASED until the agreement made for it is ACTIVE. */
        RELEASE("be released", RELEASED, ACCEPTED),
        /** Placed under an ACTIVE agreement. */
        PLACE("be placed", PLACED, ACCEPTED, RELEASED),
        WITHDRAW("be withdrawn", WITHDRAWN, OFFERED, ACCEPTED, RELEASED),
        /** Another offer of the request was placed. */
        TAKE("be taken", TAKEN, OFFERED),
        /** The request expired or was cancelled. */
        EXPIRE("expire", EXPIRED, OFFERED, ACCEPTED, RELEASED);

        private final String verb;
        private final OfferStatus to;
        private final List<OfferStatus> from;

        Action(String verb, OfferStatus to, OfferStatus... from) {
            this.verb = verb;
            this.to = to;
            this.from = List.of(from);
        }

        OfferStatus to() {
            return to;
        }

        List<OfferStatus> from() {
            return from;
        }
    }

    private OfferLifecycle() {
    }

    /**
     * 409 unless the action may start from this status: {@code OFFER_EXPIRED}, {@code OFFER_WITHDRAWN} or
     * {@code OFFER_TAKEN} for an offer that is gone, else {@code INVALID_TRANSITION}.
     */
    static void require(OfferStatus status, Action action) {
        if (action.from.contains(status)) {
            return;
        }
        String code = switch (status) {
            case EXPIRED -> "OFFER_EXPIRED";
            case WITHDRAWN -> "OFFER_WITHDRAWN";
            case TAKEN -> "OFFER_TAKEN";
            default -> "INVALID_TRANSITION";
        };
        throw ProblemException.conflict(code, "A " + status + " offer cannot " + action.verb + "; that needs status "
                + String.join(" or ", action.from.stream().map(Object::toString).toList()) + ".");
    }
}
