package nl.regiopool.placement;

import java.time.OffsetDateTime;
import java.util.UUID;
import nl.regiopool.api.model.PlacementStatus;
import org.jdbi.v3.core.mapper.Nested;
import org.jdbi.v3.core.mapper.PropagateNull;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/**
 * One row of {@code placement}: a borrowed shift or a home shift, mapped by column name. JSON columns stay
 * text here. Public only so that Jdbi's ConstructorMapper may call the constructors of it and its parts.
 */
public record PlacementRow(UUID id, String kind, UUID agreementId, UUID workerId, UUID borrowerMemberId,
                           UUID employerMemberId, String role, OffsetDateTime startsAt, OffsetDateTime endsAt,
                           int breakMinutes, String locationPostcode, String externalId, PlacementStatus status,
                           @Nested Progress progress, @Nested Overridden override, int version,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt, @Nested Dispute dispute) {

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
    public record Dispute(@PropagateNull @ColumnName("dispute_reason") String reason,
                          @ColumnName("disputed_at") OffsetDateTime disputedAt,
                          @ColumnName("disputed_by") String disputedBy,
                          @ColumnName("dispute_resolved_at") OffsetDateTime resolvedAt,
                          @ColumnName("dispute_resolved_by") String resolvedBy,
                          @ColumnName("dispute_resolution_note") String resolutionNote) {

        boolean open() {
            return resolvedAt == null;
        }
    }

    record WorkedTime(OffsetDateTime startsAt, OffsetDateTime endsAt, int breakMinutes) {
    }
}
