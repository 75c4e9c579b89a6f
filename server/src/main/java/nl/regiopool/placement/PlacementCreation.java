package nl.regiopool.placement;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import nl.regiopool.api.model.Placement;
import nl.regiopool.cao.Shift;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.settings.CooperativeTime;
import nl.regiopool.tenancy.Ids;
import nl.regiopool.write.WriteContext;
import org.jdbi.v3.core.Handle;

/**
 * Creating a borrowed shift under an agreement, inside a write: the one path for {@code createPlacement} and
 * for shifts placed when a staffing-request offer is accepted and released. Takes the worker's lock, refuses an
 * overlap (409) and broken rules (422, unless a coop_admin overrides with a reason), and audits the placement.
 */
public final class PlacementCreation {

    /** The placement as the API shows it, and its version for the ETag. */
    public record Created(Placement view, int version) {
    }

    private PlacementCreation() {
    }

    /** {@code viewer}: the member the agreement must involve (null: any, as for admins). */
    public static Created create(WriteContext write, UUID agreementId, UUID viewer, OffsetDateTime startsAt,
                                 OffsetDateTime endsAt, int breakMinutes, String locationPostcode,
                                 String overrideReason) {
        ShiftInput.requireShape(startsAt, endsAt, breakMinutes, "");
        Handle handle = write.handle();
        PlacementDao.Placing placing = PlacementDao.placing(handle, agreementId, viewer, true,
                        CooperativeTime.DEFAULT_ZONE)
                .orElseThrow(() -> ProblemException.invalid("agreementId", "NOT_FOUND", "No such loan agreement."));
        PlacementDao.Agreement agreement = placing.agreement();
        Shift candidate = new Shift(Ids.next(), startsAt.toInstant(), endsAt.toInstant(), breakMinutes);
        List<PlacementDao.OtherShift> shifts = PlacementChecks.around(handle, agreement.workerId(), candidate);
        PlacementResource.requireNoOverlap(shifts, candidate);
        Overridden override = PlacementResource.decide(handle, placing, candidate, shifts, overrideReason,
                write.caller(), true);
        PlacementRow row = PlacementRow.planned(candidate.id(), "SHIFT", agreement.id(), agreement.workerId(),
                agreement.borrowerMemberId(), placing.employerMemberId(), agreement.role(), startsAt, endsAt,
                breakMinutes, locationPostcode, null, PlacementLifecycle.SHIFT_CREATED, override);
        PlacementRow created = PlacementDao.create(handle, write.tenantId(), row);
        Placement view = PlacementViews.view(created);
        write.audit("placement.created", "placement", created.id(), null, view);
        return new Created(view, created.version());
    }
}
