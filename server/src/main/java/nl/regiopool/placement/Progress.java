package nl.regiopool.placement;

import java.time.OffsetDateTime;

/**
 * What happened to a placement after it was planned: confirmed, worked and approved, cancelled or not shown
 * up. All null while it is PLANNED; each step returns a changed copy.
 */
public record Progress(OffsetDateTime confirmedAt, OffsetDateTime actualStartsAt, OffsetDateTime actualEndsAt,
                       Integer actualBreakMinutes, OffsetDateTime completedAt, String completedBy,
                       OffsetDateTime cancelledAt, String cancelledBy, String cancellationReason, Boolean lateCancellation,
                       OffsetDateTime noShowAt, String costLines) {

    static final Progress NONE = new Progress(null, null, null, null, null, null, null, null, null, null, null, null);

    Progress confirmed(OffsetDateTime at) {
        return new Progress(at, actualStartsAt, actualEndsAt, actualBreakMinutes, completedAt, completedBy,
                cancelledAt, cancelledBy, cancellationReason, lateCancellation, noShowAt, costLines);
    }

    /** The hours as worked, approved by {@code by} at {@code at}, with the cost lines they come to. */
    Progress completed(PlacementRow.WorkedTime worked, OffsetDateTime at, String by, String costLinesJson) {
        return new Progress(confirmedAt, worked.startsAt(), worked.endsAt(), worked.breakMinutes(), at, by,
                cancelledAt, cancelledBy, cancellationReason, lateCancellation, noShowAt, costLinesJson);
    }

    /** The approved hours corrected after a dispute, with the cost lines they now come to. */
    Progress corrected(PlacementRow.WorkedTime worked, String costLinesJson) {
        return new Progress(confirmedAt, worked.startsAt(), worked.endsAt(), worked.breakMinutes(), completedAt,
                completedBy, cancelledAt, cancelledBy, cancellationReason, lateCancellation, noShowAt, costLinesJson);
    }

    Progress cancelled(OffsetDateTime at, String by, String reason, boolean late) {
        return new Progress(confirmedAt, actualStartsAt, actualEndsAt, actualBreakMinutes, completedAt, completedBy,
                at, by, reason, late, noShowAt, costLines);
    }

    Progress noShow(OffsetDateTime at) {
        return new Progress(confirmedAt, actualStartsAt, actualEndsAt, actualBreakMinutes, completedAt, completedBy,
                cancelledAt, cancelledBy, cancellationReason, lateCancellation, at, costLines);
    }
}
