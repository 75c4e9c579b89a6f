package nl.regiopool.worker;

import java.util.Optional;
import java.util.UUID;
import nl.regiopool.api.model.Worker;
import org.jdbi.v3.core.Handle;

/** The worker record for other concepts that show it in full (the data export). */
public final class WorkerRecords {

    private WorkerRecords() {
    }

    /** The worker with its qualifications as an admin sees it, in the handle's tenant. */
    public static Optional<Worker> inFull(Handle handle, UUID workerId) {
        return WorkerDao.find(handle, new Viewer(Viewer.Scope.ADMIN, null), workerId).map(WorkerDao.Row::worker);
    }
}
