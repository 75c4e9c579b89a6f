package nl.regiopool.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import nl.regiopool.agreement.AgreementRecords;
import nl.regiopool.api.DataExportApi;
import nl.regiopool.audit.AuditRecords;
import nl.regiopool.api.model.ApplicantDataExport;
import nl.regiopool.api.model.Worker;
import nl.regiopool.api.model.WorkerDataExport;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CurrentCaller;
import nl.regiopool.availability.StatedAvailability;
import nl.regiopool.http.Writes;
import nl.regiopool.internship.ApplicantRecords;
import nl.regiopool.internship.DocumentStore;
import nl.regiopool.placement.PlacementRecords;
import nl.regiopool.pool.PoolRecords;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.settings.CooperativeTime;
import nl.regiopool.tenancy.Transactions;
import nl.regiopool.worker.WorkerRecords;

/**
 * Everything Regiopool holds about one worker, read in one transaction (one consistent moment): the worker
 * asks for its own, an admin for any worker of the cooperative (to answer a data subject's request). And the
 * erasure of a worker who has left, or of an internship applicant.
 */
public final class DataExportResource implements DataExportApi {

    private final Transactions transactions;
    private final AuditRecords audit;
    private final Writes writes;
    private final Erasure erasure;

    public DataExportResource(Transactions transactions, AuditRecords audit, Writes writes, ObjectMapper mapper,
                              DocumentStore documents) {
        this.transactions = transactions;
        this.audit = audit;
        this.writes = writes;
        this.erasure = new Erasure(mapper, documents);
    }

    @Override
    public Response getMyDataExport() {
        Caller caller = CurrentCaller.get();
        return export(caller, caller.requireWorker());
    }

    @Override
    public Response getWorkerDataExport(UUID workerId) {
        return export(CurrentCaller.get(), workerId);
    }

    @Override
    public Response eraseWorker(UUID workerId, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        // so that events committed just before are sealed and carry their digest when they are redacted
        audit.sealCommitted(caller.tenant());
        return writes.inTenant(caller, "eraseWorker", idempotencyKey, workerId, write ->
                Response.ok(erasure.eraseWorker(write, workerId)).build());
    }

    @Override
    public Response getInternshipApplicantDataExport(UUID applicantId) {
        Caller caller = CurrentCaller.get();
        audit.sealCommitted(caller.tenant());
        ApplicantDataExport export = transactions.read(caller.tenant(), handle -> new ApplicantDataExport()
                .exportedAt(OffsetDateTime.ofInstant(CooperativeTime.now(handle), ZoneOffset.UTC))
                .applicant(ApplicantRecords.applicant(handle, applicantId)
                        .orElseThrow(() -> ProblemException.notFound("Internship applicant " + applicantId)))
                .documents(ApplicantRecords.documents(handle, applicantId))
                .shares(ApplicantRecords.shares(handle, applicantId))
                .downloads(ApplicantRecords.downloads(handle, applicantId))
                .internships(ApplicantRecords.internships(handle, applicantId))
                .auditEvents(audit.about(handle, "internship_applicant", applicantId)));
        return Response.ok(export).header("Cache-Control", "no-store").build();
    }

    @Override
    public Response eraseInternshipApplicant(UUID applicantId, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        audit.sealCommitted(caller.tenant());
        return writes.inTenant(caller, "eraseInternshipApplicant", idempotencyKey, applicantId, write ->
                Response.ok(erasure.eraseApplicant(write, applicantId)).build());
    }

    private Response export(Caller caller, UUID workerId) {
        audit.sealCommitted(caller.tenant());
        WorkerDataExport export = transactions.read(caller.tenant(), handle -> {
            Worker worker = WorkerRecords.inFull(handle, workerId)
                    .orElseThrow(() -> ProblemException.notFound("Worker " + workerId));
            Instant now = CooperativeTime.now(handle);
            return new WorkerDataExport()
                    .exportedAt(OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .worker(worker)
                    .poolMemberships(PoolRecords.membershipsOf(handle, workerId))
                    .loanAgreements(AgreementRecords.lending(handle, workerId, now))
                    .placements(PlacementRecords.of(handle, workerId))
                    .availability(StatedAvailability.view(handle, workerId))
                    .auditEvents(audit.about(handle, "worker", workerId));
        });
        return Response.ok(export).header("Cache-Control", "no-store").build();
    }
}
