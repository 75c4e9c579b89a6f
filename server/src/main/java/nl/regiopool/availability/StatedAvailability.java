package nl.regiopool.availability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.api.model.WorkerAvailability;
import org.jdbi.v3.core.Handle;

/** A worker's availability for other concepts: matching reads its meaning, the data export its view. */
public final class StatedAvailability {

    private StatedAvailability() {
    }

    /** What the worker stated ({@link Availability#UNSTATED} when nothing), in the handle's tenant. */
    public static Availability of(Handle handle, UUID workerId) {
        return AvailabilityViews.availability(AvailabilityDao.find(handle, workerId));
    }

    /** What each worker stated, in bulk; a worker that never stated anything is absent. */
    public static Map<UUID, Availability> ofAll(Handle handle, List<UUID> workerIds) {
        Map<UUID, Availability> stated = new HashMap<>();
        AvailabilityDao.findAll(handle, workerIds)
                .forEach((worker, stored) -> stated.put(worker, AvailabilityViews.availability(Optional.of(stored))));
        return stated;
    }

    public static WorkerAvailability view(Handle handle, UUID workerId) {
        return AvailabilityViews.view(workerId, AvailabilityDao.find(handle, workerId));
    }
}
