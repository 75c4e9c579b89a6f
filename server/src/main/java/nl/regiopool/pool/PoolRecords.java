package nl.regiopool.pool;

import java.util.List;
import java.util.UUID;
import nl.regiopool.api.model.PoolMembership;
import org.jdbi.v3.core.Handle;

/** Pool memberships for other concepts (the data export). */
public final class PoolRecords {

    private PoolRecords() {
    }

    /** Every pool membership of the worker, ended ones included. */
    public static List<PoolMembership> membershipsOf(Handle handle, UUID workerId) {
        return MembershipDao.ofWorker(handle, workerId).stream().map(row -> row.membership()).toList();
    }
}
