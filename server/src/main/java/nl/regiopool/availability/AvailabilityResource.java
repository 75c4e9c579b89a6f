package nl.regiopool.availability;

import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.api.AvailabilityApi;
import nl.regiopool.api.model.WorkerAvailability;
import nl.regiopool.api.model.WorkerAvailabilityReplace;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CurrentCaller;
import nl.regiopool.http.ETags;
import nl.regiopool.http.Writes;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.tenancy.Transactions;
import org.jdbi.v3.core.Handle;

/**
 * A worker states when it is available ({@code /v1/me/availability}); admins read it. The ETag is the stored
 * version, {@code "0"} before the worker stated anything.
 */
public final class AvailabilityResource implements AvailabilityApi {

    private final Transactions transactions;
    private final Writes writes;

    public AvailabilityResource(Transactions transactions, Writes writes) {
        this.transactions = transactions;
        this.writes = writes;
    }

    @Override
    public Response getMyAvailability() {
        Caller caller = CurrentCaller.get();
        UUID worker = caller.requireWorker();
        return read(caller, worker);
    }

    @Override
    public Response getWorkerAvailability(UUID workerId) {
        Caller caller = CurrentCaller.get();
        return read(caller, workerId);
    }

    private Response read(Caller caller, UUID workerId) {
        record Read(WorkerAvailability view, int version) {
        }
        Read read = transactions.read(caller.tenant(), handle -> {
            if (!AvailabilityDao.workerExists(handle, workerId)) {
                throw ProblemException.notFound("Worker " + workerId);
            }
            Optional<AvailabilityDao.Stored> stored = AvailabilityDao.find(handle, workerId);
            return new Read(AvailabilityViews.view(workerId, stored), stored.map(AvailabilityDao.Stored::version).orElse(0));
        });
        return Response.ok(read.view()).tag(ETags.of(read.version())).build();
    }

    @Override
    public Response replaceMyAvailability(String ifMatch, WorkerAvailabilityReplace body) {
        Caller caller = CurrentCaller.get();
        UUID worker = caller.requireWorker();
        ETags.IfMatch expected = ETags.ifMatch(ifMatch);
        AvailabilityViews.Rows rows = AvailabilityViews.rows(body);
        return writes.inTenant(caller, "replaceMyAvailability", null, body, write -> {
            Handle handle = write.handle();
            AvailabilityDao.lock(handle, worker);
            Optional<AvailabilityDao.Stored> before = AvailabilityDao.find(handle, worker);
            expected.require(before.map(AvailabilityDao.Stored::version).orElse(0));
            AvailabilityDao.replace(handle, write.tenantId(), worker, rows.weekly(), rows.exceptions());
            AvailabilityDao.Stored after = AvailabilityDao.find(handle, worker).orElseThrow();
            WorkerAvailability view = AvailabilityViews.view(worker, Optional.of(after));
            write.audit("worker.availability_replaced", "worker", worker,
                    before.isEmpty() ? null : AvailabilityViews.view(worker, before), view);
            return Response.ok(view).tag(ETags.of(after.version())).build();
        });
    }
}
