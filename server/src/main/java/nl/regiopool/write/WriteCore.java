package nl.regiopool.write;

import java.util.UUID;
import java.util.function.Function;
import nl.regiopool.audit.AuditLog;
import nl.regiopool.auth.Caller;
import nl.regiopool.tenancy.TenantScope;
import org.jdbi.v3.core.Jdbi;

/**
 * The one transactional write path: in a single transaction, bind the tenant, do the work, and seal its
 * audit events into the tenant's chain last, so the chain lock is held only through commit. Background
 * jobs write through this directly; HTTP writes through {@code http.Writes}, which adds idempotency. The
 * changes members' systems hear about go to the {@link Outbox} in the same transaction, before the seal.
 */
public final class WriteCore {

    private final Jdbi jdbi;
    private final AuditLog auditLog;
    private final Outbox outbox;

    public WriteCore(Jdbi jdbi, AuditLog auditLog) {
        this(jdbi, auditLog, Outbox.NONE);
    }

    public WriteCore(Jdbi jdbi, AuditLog auditLog, Outbox outbox) {
        this.jdbi = jdbi;
        this.auditLog = auditLog;
        this.outbox = outbox;
    }

    /**
     * Runs the work in one transaction bound to {@code scope} (a tenant, or the platform) and seals the
     * events it recorded under the caller and request id.
     */
    public <T> T run(Caller caller, UUID scope, String requestId, Function<WriteContext, T> work) {
        return jdbi.inTransaction(handle -> {
            TenantScope.bind(handle, scope);
            WriteContext context = new WriteContext(handle, caller, scope, auditLog);
            T result = work.apply(context);
            outbox.publish(handle, context.events());
            auditLog.seal(handle, caller, requestId, context.events());
            return result;
        });
    }

    /** A write by the system itself (a background job), audited under the given system caller. */
    public <T> T asSystem(Caller system, UUID tenantId, Function<WriteContext, T> work) {
        return run(system, tenantId, "system", work);
    }
}
