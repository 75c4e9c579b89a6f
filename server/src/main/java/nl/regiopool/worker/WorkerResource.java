package nl.regiopool.worker;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.api.WorkersApi;
import nl.regiopool.api.model.FieldError;
import nl.regiopool.api.model.MemberStatus;
import nl.regiopool.api.model.QualificationRole;
import nl.regiopool.api.model.Worker;
import nl.regiopool.api.model.WorkerCreate;
import nl.regiopool.api.model.WorkerList;
import nl.regiopool.api.model.WorkerPatch;
import nl.regiopool.api.model.WorkerStatus;
import nl.regiopool.api.model.WorkerVisibility;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CurrentCaller;
import nl.regiopool.geo.Coordinates;
import nl.regiopool.page.Cursors;
import nl.regiopool.http.ETags;
import nl.regiopool.page.Page;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.write.WriteContext;
import nl.regiopool.http.Writes;
import nl.regiopool.tenancy.Ids;
import nl.regiopool.tenancy.Transactions;

/**
 * Workers: people a member employs and may lend. Admins manage all of them, members their own;
 * who sees what is decided in SQL ({@link WorkerDao}) from the caller's {@link Viewer}.
 */
public final class WorkerResource implements WorkersApi {

    private final Transactions transactions;
    private final Writes writes;

    public WorkerResource(Transactions transactions, Writes writes) {
        this.transactions = transactions;
        this.writes = writes;
    }

    @Override
    public Response createWorker(WorkerCreate body, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        Viewer viewer = Viewer.of(caller);
        if (viewer.scope() == Viewer.Scope.MEMBER && !viewer.memberId().equals(body.getEmployerMemberId())) {
            throw ProblemException.forbidden("A member may register workers only for itself.");
        }
        List<FieldError> errors = new ArrayList<>(WorkerFields.qualificationErrors(body.getQualifications()));
        errors.addAll(Coordinates.pairErrors(body.getLatitude(), body.getLongitude()));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        WorkerDao.Values values = new WorkerDao.Values(body.getEmployerMemberId(),
                body.getGivenName().strip(), body.getFamilyName().strip(),
                WorkerFields.strip(body.getEmail()), WorkerFields.strip(body.getPhone()),
                body.getContractHoursPerWeek(), body.getContractType(), body.getHourlyCostCents(),
                WorkerFields.normalizePostcode(body.getPostcode()), WorkerStatus.ACTIVE, body.getLatitude(),
                body.getLongitude());
        return writes.inTenant(caller, "createWorker", idempotencyKey, body, write -> {
            requireActiveEmployer(write, body.getEmployerMemberId());
            UUID id = Ids.next();
            WorkerDao.insert(write.handle(), write.tenantId(), id, values);
            WorkerDao.replaceQualifications(write.handle(), write.tenantId(), id,
                    body.getQualifications() == null ? List.of() : body.getQualifications());
            WorkerDao.Row row = WorkerDao.find(write.handle(), viewer, id).orElseThrow();
            write.audit("worker.created", "worker", id, null, withoutContact(row.worker()));
            return Response.created(URI.create("/v1/workers/" + id))
                    .tag(ETags.of(row.version())).entity(row.worker()).build();
        });
    }

    @Override
    public Response getWorker(UUID workerId) {
        Caller caller = CurrentCaller.get();
        Viewer viewer = Viewer.of(caller);
        WorkerDao.Row row = transactions.read(caller.tenant(), handle -> WorkerDao.find(handle, viewer, workerId))
                .orElseThrow(() -> notFound(workerId));
        return Response.ok(row.worker()).tag(ETags.of(row.version())).build();
    }

    @Override
    public Response listWorkers(UUID employerMemberId, QualificationRole role, WorkerStatus status, UUID poolId,
                                String q, Integer limit, String cursor) {
        Caller caller = CurrentCaller.get();
        Viewer viewer = Viewer.of(caller);
        UUID after = Cursors.decodeUuid(cursor);
        WorkerDao.Filter filter = new WorkerDao.Filter(employerMemberId, role, status, poolId, q == null ? null : q.strip());
        Page<WorkerDao.Row> page = Page.of(
                transactions.read(caller.tenant(), handle -> WorkerDao.list(handle, viewer, filter, after, limit)),
                limit, row -> row.worker().getId().toString());
        return Response.ok(new WorkerList(page.data().stream().map(WorkerDao.Row::worker).toList())
                .nextCursor(page.nextCursor())).build();
    }

    @Override
    public Response updateWorker(UUID workerId, String ifMatch, WorkerPatch patch) {
        Caller caller = CurrentCaller.get();
        Viewer viewer = Viewer.of(caller);
        ETags.IfMatch expected = ETags.ifMatch(ifMatch);
        List<FieldError> errors = WorkerFields.qualificationErrors(patch.getQualifications());
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return writes.inTenant(caller, "updateWorker", null, patch, write -> {
            if (!WorkerDao.lock(write.handle(), workerId)) {
                throw notFound(workerId);
            }
            WorkerDao.Row current = WorkerDao.find(write.handle(), viewer, workerId)
                    .orElseThrow(() -> notFound(workerId));
            if (current.worker().getVisibility() != WorkerVisibility.FULL) {
                throw ProblemException.forbidden("A member may change only the workers it employs.");
            }
            expected.require(current.version());
            Worker before = current.worker();
            if (before.getStatus() == WorkerStatus.LEFT) {
                throw ProblemException.conflict("WORKER_LEFT",
                        "This worker has left; a worker that left cannot change. Register them anew if they return.");
            }
            WorkerDao.Values changed = apply(before, patch);
            List<FieldError> pair = Coordinates.pairErrors(changed.latitude(), changed.longitude());
            if (!pair.isEmpty()) {
                throw ProblemException.invalid(pair);
            }
            WorkerDao.update(write.handle(), workerId, changed);
            if (patch.getQualifications() != null) {
                WorkerDao.replaceQualifications(write.handle(), write.tenantId(), workerId, patch.getQualifications());
            }
            WorkerDao.Row row = WorkerDao.find(write.handle(), viewer, workerId).orElseThrow();
            String action = row.worker().getStatus() == WorkerStatus.LEFT ? "worker.left" : "worker.updated";
            write.audit(action, "worker", workerId, withoutContact(before), withoutContact(row.worker()));
            return Response.ok(row.worker()).tag(ETags.of(row.version())).build();
        });
    }

    private static WorkerDao.Values apply(Worker current, WorkerPatch patch) {
        return new WorkerDao.Values(current.getEmployerMemberId(),
                patch.getGivenName() != null ? patch.getGivenName().strip() : current.getGivenName(),
                patch.getFamilyName() != null ? patch.getFamilyName().strip() : current.getFamilyName(),
                patch.getEmail() != null ? patch.getEmail().strip() : current.getEmail(),
                patch.getPhone() != null ? patch.getPhone().strip() : current.getPhone(),
                patch.getContractHoursPerWeek() != null ? patch.getContractHoursPerWeek() : current.getContractHoursPerWeek(),
                patch.getContractType() != null ? patch.getContractType() : current.getContractType(),
                patch.getHourlyCostCents() != null ? patch.getHourlyCostCents() : current.getHourlyCostCents(),
                patch.getPostcode() != null ? WorkerFields.normalizePostcode(patch.getPostcode()) : current.getPostcode(),
                patch.getStatus() != null ? patch.getStatus() : current.getStatus(),
                patch.getLatitude() != null ? patch.getLatitude() : current.getLatitude(),
                patch.getLongitude() != null ? patch.getLongitude() : current.getLongitude());
    }

    private static void requireActiveEmployer(WriteContext write, UUID memberId) {
        Optional<MemberStatus> status = WorkerDao.memberStatus(write.handle(), memberId);
        if (status.isEmpty()) {
            throw ProblemException.invalid("employerMemberId", "NOT_FOUND", "There is no such member in the cooperative.");
        }
        if (status.get() != MemberStatus.ACTIVE) {
            throw ProblemException.invalid("employerMemberId", "NOT_ACTIVE",
                    "The employer is " + status.get() + "; only ACTIVE members can register workers.");
        }
    }

    /**
     * Audit events record workers without e-mail and phone: auditors read the audit log and must not
     * see contact details, and the log is append-only, so contact data in it could never be erased.
     */
    private static Worker withoutContact(Worker worker) {
        return new Worker(worker.getId(), worker.getGivenName(), worker.getFamilyName(), worker.getEmployerMemberId(),
                worker.getQualifications(), worker.getPoolIds(), worker.getStatus(), worker.getVisibility(),
                worker.getCreatedAt(), worker.getUpdatedAt())
                .contractHoursPerWeek(worker.getContractHoursPerWeek())
                .contractType(worker.getContractType())
                .hourlyCostCents(worker.getHourlyCostCents())
                .postcode(worker.getPostcode())
                .latitude(worker.getLatitude())
                .longitude(worker.getLongitude());
    }

    private static ProblemException notFound(UUID workerId) {
        return ProblemException.notFound("Worker " + workerId);
    }
}
