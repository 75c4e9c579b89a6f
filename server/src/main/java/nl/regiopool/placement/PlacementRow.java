package nl.regiopool.placement;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One row of {@code placement}: a borrowed shift or a home shift. JSON columns stay text here. */
record PlacementRow(UUID id, String kind, UUID agreementId, UUID workerId, UUID borrowerMemberId,
                    UUID employerMemberId, String role, OffsetDateTime startsAt, OffsetDateTime endsAt,
                    int breakMinutes, String locationPostcode, String externalId, String status,
                    OffsetDateTime confirmedAt, OffsetDateTime actualStartsAt, OffsetDateTime actualEndsAt,
                    Integer actualBreakMinutes, OffsetDateTime completedAt, String completedBy,
                    OffsetDateTime cancelledAt, String cancelledBy, String cancellationReason,
                    Boolean lateCancellation, OffsetDateTime noShowAt, String overrideReason, String overriddenBy,
                    OffsetDateTime overriddenAt, String overriddenViolations, String costLines, int version,
                    OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    boolean isHomeShift() {
        return "HOME_SHIFT".equals(kind);
    }

    /** What the worker works (or worked): the actual times once completed, else the planned ones. */
    WorkedTime worked() {
        return completedAt != null
                ? new WorkedTime(actualStartsAt, actualEndsAt, actualBreakMinutes)
                : new WorkedTime(startsAt, endsAt, breakMinutes);
    }

    record WorkedTime(OffsetDateTime startsAt, OffsetDateTime endsAt, int breakMinutes) {
    }
}
