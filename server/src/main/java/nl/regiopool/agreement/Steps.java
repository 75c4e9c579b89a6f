package nl.regiopool.agreement;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The moments an agreement moved through its lifecycle, and the reasons given; each null until that step
 * happened. Each step returns a changed copy.
 */
public record Steps(Instant proposedAt, Instant activatedAt, Instant endedAt, Instant terminatedAt, String terminationReason,
                    LocalDate terminationEffectiveDate, Instant cancelledAt, String cancellationReason) {

    Steps proposed(Instant at) {
        return new Steps(at, activatedAt, endedAt, terminatedAt, terminationReason, terminationEffectiveDate,
                cancelledAt, cancellationReason);
    }

    Steps activated(Instant at) {
        return new Steps(proposedAt, at, endedAt, terminatedAt, terminationReason, terminationEffectiveDate,
                cancelledAt, cancellationReason);
    }

    Steps ended(Instant at) {
        return new Steps(proposedAt, activatedAt, at, terminatedAt, terminationReason, terminationEffectiveDate,
                cancelledAt, cancellationReason);
    }

    Steps terminated(Instant at, String reason, LocalDate effectiveDate) {
        return new Steps(proposedAt, activatedAt, endedAt, at, reason, effectiveDate, cancelledAt, cancellationReason);
    }

    Steps cancelled(Instant at, String reason) {
        return new Steps(proposedAt, activatedAt, endedAt, terminatedAt, terminationReason, terminationEffectiveDate,
                at, reason);
    }
}
