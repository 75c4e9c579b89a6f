package nl.regiopool.placement;

import java.util.List;
import java.util.UUID;
import nl.regiopool.api.model.Placement;
import org.jdbi.v3.core.Handle;

/** Placements and home shifts for other concepts (the data export). */
public final class PlacementRecords {

    private PlacementRecords() {
    }

    /** Every shift of the worker, placements and home shifts, cancelled ones included, in start order. */
    public static List<Placement> of(Handle handle, UUID workerId) {
        return PlacementDao.ofWorker(handle, workerId).stream().map(PlacementViews::view).toList();
    }
}
