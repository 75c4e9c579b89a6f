package nl.regiopool.http;

import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import nl.regiopool.audit.AuditLog;
import nl.regiopool.auth.Caller;
import nl.regiopool.tenancy.TenantScope;
import org.jdbi.v3.core.Jdbi;

/**
 * The one way to write. In a single transaction: bind the tenant, claim the idempotency key (or
 * replay its stored response), do the work, store the response for the key, and seal the audit
 * events into the tenant's chain last, so the chain lock is held only through commit.
 */
public final class Writes {

    private final Jdbi jdbi;
    private final AuditLog auditLog;
    private final Idempotency idempotency;

    public Writes(Jdbi jdbi, AuditLog auditLog, Idempotency idempotency) {
        this.jdbi = jdbi;
        this.auditLog = auditLog;
        this.idempotency = idempotency;
    }

    /** A write inside the caller's cooperative. */
    public Response inTenant(Caller caller, String operation, String idempotencyKey, Object body,
                             Function<WriteContext, Response> work) {
        return run(caller, caller.tenant(), operation, idempotencyKey, body, work);
    }

    /** A platform write (operators), scoped to no tenant. */
    public Response onPlatform(Caller caller, String operation, String idempotencyKey, Object body,
                               Function<WriteContext, Response> work) {
        return run(caller, TenantScope.PLATFORM, operation, idempotencyKey, body, work);
    }

    /** A write by the system itself (background jobs), audited under the given caller. */
    public <T> T asSystem(Caller system, UUID tenantId, Function<WriteContext, T> work) {
        return jdbi.inTransaction(handle -> {
            TenantScope.bind(handle, tenantId);
            WriteContext context = new WriteContext(handle, system, tenantId, auditLog);
            T result = work.apply(context);
            auditLog.seal(handle, system, "system", context.events());
            return result;
        });
    }

    private Response run(Caller caller, UUID scope, String operation, String idempotencyKey, Object body,
                         Function<WriteContext, Response> work) {
        String requestHash = idempotencyKey == null ? null : idempotency.requestHash(operation, body);
        return jdbi.inTransaction(handle -> {
            TenantScope.bind(handle, scope);
            if (idempotencyKey != null) {
                Optional<Response> replay = idempotency.claimOrReplay(handle, scope, caller.subject(),
                        idempotencyKey, requestHash);
                if (replay.isPresent()) {
                    return replay.get();
                }
            }
            WriteContext context = new WriteContext(handle, caller, scope, auditLog);
            Response response = work.apply(context);
            if (idempotencyKey != null) {
                TenantScope.ensureBound(handle, scope);
                idempotency.store(handle, scope, caller.subject(), idempotencyKey, response);
            }
            auditLog.seal(handle, caller, Optional.ofNullable(RequestIds.current()).orElse("internal"), context.events());
            return response;
        });
    }
}
