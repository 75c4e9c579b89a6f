package nl.regiopool.placement;

import java.time.OffsetDateTime;
import nl.regiopool.api.model.PlacementStatus;

/** A changed copy of a {@link PlacementRow}: only the lifecycle fields change through here. */
final class PlacementRowBuilder {

    private final PlacementRow base;
    private PlacementStatus status;
    private OffsetDateTime confirmedAt;
    private OffsetDateTime actualStartsAt;
    private OffsetDateTime actualEndsAt;
    private Integer actualBreakMinutes;
    private OffsetDateTime completedAt;
    private String completedBy;
    private OffsetDateTime cancelledAt;
    private String cancelledBy;
    private String cancellationReason;
    private Boolean lateCancellation;
    private OffsetDateTime noShowAt;
    private String costLines;

    PlacementRowBuilder(PlacementRow base) {
        this.base = base;
        this.status = base.status();
        this.confirmedAt = base.confirmedAt();
        this.actualStartsAt = base.actualStartsAt();
        this.actualEndsAt = base.actualEndsAt();
        this.actualBreakMinutes = base.actualBreakMinutes();
        this.completedAt = base.completedAt();
        this.completedBy = base.completedBy();
        this.cancelledAt = base.cancelledAt();
        this.cancelledBy = base.cancelledBy();
        this.cancellationReason = base.cancellationReason();
        this.lateCancellation = base.lateCancellation();
        this.noShowAt = base.noShowAt();
        this.costLines = base.costLines();
    }

    PlacementRowBuilder status(PlacementStatus value) {
        status = value;
        return this;
    }

    PlacementRowBuilder confirmedAt(OffsetDateTime value) {
        confirmedAt = value;
        return this;
    }

    PlacementRowBuilder actualStartsAt(OffsetDateTime value) {
        actualStartsAt = value;
        return this;
    }

    PlacementRowBuilder actualEndsAt(OffsetDateTime value) {
        actualEndsAt = value;
        return this;
    }

    PlacementRowBuilder actualBreakMinutes(Integer value) {
        actualBreakMinutes = value;
        return this;
    }

    PlacementRowBuilder completedAt(OffsetDateTime value) {
        completedAt = value;
        return this;
    }

    PlacementRowBuilder completedBy(String value) {
        completedBy = value;
        return this;
    }

    PlacementRowBuilder cancelledAt(OffsetDateTime value) {
        cancelledAt = value;
        return this;
    }

    PlacementRowBuilder cancelledBy(String value) {
        cancelledBy = value;
        return this;
    }

    PlacementRowBuilder cancellationReason(String value) {
        cancellationReason = value;
        return this;
    }

    PlacementRowBuilder lateCancellation(Boolean value) {
        lateCancellation = value;
        return this;
    }

    PlacementRowBuilder noShowAt(OffsetDateTime value) {
        noShowAt = value;
        return this;
    }

    PlacementRowBuilder costLines(String value) {
        costLines = value;
        return this;
    }

    PlacementRow build() {
        return new PlacementRow(base.id(), base.kind(), base.agreementId(), base.workerId(), base.borrowerMemberId(),
                base.employerMemberId(), base.role(), base.startsAt(), base.endsAt(), base.breakMinutes(),
                base.locationPostcode(), base.externalId(), status, confirmedAt, actualStartsAt, actualEndsAt,
                actualBreakMinutes, completedAt, completedBy, cancelledAt, cancelledBy, cancellationReason,
                lateCancellation, noShowAt, base.overrideReason(), base.overriddenBy(), base.overriddenAt(),
                base.overriddenViolations(), costLines, base.version(), base.createdAt(), base.updatedAt(),
                base.dispute());
    }
}
