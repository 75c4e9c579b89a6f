package nl.regiopool.placement;

import java.time.OffsetDateTime;
import java.util.UUID;
import nl.regiopool.api.model.PlacementStatus;

/**
 * One row of {@code placement} ({@link PlacementRowMapper}): a borrowed shift or a home shift. JSON columns stay
 * text here.
 */
public record PlacementRow(UUID id, String kind, UUID agreementId, UUID workerId, UUID borrowerMemberId,
                           UUID employerMemberId, String role, OffsetDateTime startsAt, OffsetDateTime endsAt,
                           int breakMinutes, String locationPostcode, String externalId, PlacementStatus status,
                           Progress progress, Overridden override, int version, OffsetDateTime createdAt,
                           OffsetDateTime updatedAt, Dispute dispute) {

    /** A row to insert: nothing has happened to it yet, the database sets the version and timestamps. */
    static PlacementRow planned(UUID id, String kind, UUID agreementId, UUID workerId, UUID borrowerMemberId,
                                UUID employerMemberId, String role, OffsetDateTime startsAt, OffsetDateTime endsAt,
                                int breakMinutes, String locationPostcode, String externalId, PlacementStatus status,
                                Overridden override) {
        return new PlacementRow(id, kind, agreementId, workerId, borrowerMemberId, employerMemberId, role, startsAt,
                endsAt, breakMinutes, locationPostcode, externalId, status, Progress.NONE, override, 1, null, null,
                null);
    }

    /** This row after a step of its lifecycle: the new status and what the step recorded. */
    PlacementRow moved(PlacementStatus to, Progress after) {
        return new PlacementRow(id, kind, agreementId, workerId, borrowerMemberId, employerMemberId, role, startsAt,
                endsAt, breakMinutes, locationPostcode, externalId, to, after, override, version, createdAt, updatedAt,
                dispute);
    }

    boolean isHomeShift() {
        return "HOME_SHIFT".equals(kind);
    }

    /**
     * The lender's dispute of the approved hours and its resolution; null when never disputed (a dispute always
     * has a reason).
     */
    public record Dispute(String reason, OffsetDateTime disputedAt, String disputedBy, OffsetDateTime resolvedAt,
                          String resolvedBy, String resolutionNote) {

        boolean open() {
            return resolvedAt == null;
        }
    }

    record WorkedTime(OffsetDateTime startsAt, OffsetDateTime endsAt, int breakMinutes) {
    }
}
