package nl.regiopool.placement;

import java.time.OffsetDateTime;
import java.util.UUID;
import nl.regiopool.api.model.PlacementStatus;

/** One row of {@code placement}: a borrowed shift or a home shift. JSON columns stay text here. */
record PlacementRow(UUID id, String kind, UUID agreementId, UUID workerId, UUID borrowerMemberId,
                    UUID employerMemberId, String role, OffsetDateTime startsAt, OffsetDateTime endsAt,
                    int breakMinutes, String locationPostcode, String externalId, PlacementStatus status,
                    OffsetDateTime confirmedAt, OffsetDateTime actualStartsAt, OffsetDateTime actualEndsAt,
                    Integer actualBreakMinutes, OffsetDateTime completedAt, String completedBy,
                    OffsetDateTime cancelledAt, String cancelledBy, String cancellationReason,
                    Boolean lateCancellation, OffsetDateTime noShowAt, String overrideReason, String overriddenBy,
                    OffsetDateTime overriddenAt, String overriddenViolations, String costLines, int version,
                    OffsetDateTime createdAt, OffsetDateTime updatedAt, Dispute dispute) {

    /** A row to insert: the lifecycle fields are empty, the database sets the timestamps. */
    static PlacementRow planned(UUID id, String kind, UUID agreementId, UUID workerId, UUID borrowerMemberId,
                                UUID employerMemberId, String role, OffsetDateTime startsAt, OffsetDateTime endsAt,
                                int breakMinutes, String locationPostcode, String externalId, PlacementStatus status,
                                Overridden override) {
        return new PlacementRow(id, kind, agreementId, workerId, borrowerMemberId, employerMemberId, role, startsAt,
                endsAt, breakMinutes, locationPostcode, externalId, status, null, null, null, null, null, null, null,
                null, null, null, null, override.reason(), override.by(), override.at(), override.violationsJson(),
                null, 1, null, null, null);
    }

    boolean isHomeShift() {
        return "HOME_SHIFT".equals(kind);
    }

    /** The lender's dispute of the approved hours and its resolution; null when never disputed. */
    record Dispute(String reason, OffsetDateTime disputedAt, String disputedBy, OffsetDateTime resolvedAt,
                   String resolvedBy, String resolutionNote) {

        boolean open() {
            return resolvedAt == null;
        }
    }

    record WorkedTime(OffsetDateTime startsAt, OffsetDateTime endsAt, int breakMinutes) {
    }
}
