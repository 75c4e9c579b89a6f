package nl.regiopool.write;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import nl.regiopool.audit.AuditLog;
import nl.regiopool.audit.PendingEvent;
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
    private volatile Consumer<List<PendingEvent>> committed = events -> {
    };

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
        AtomicReference<List<PendingEvent>> sealed = new AtomicReference<>(List.of());
        T result = jdbi.inTransaction(handle -> {
            TenantScope.bind(handle, scope);
            WriteContext context = new WriteContext(handle, caller, scope, auditLog);
            T done = work.apply(context);
            outbox.publish(handle, context.events());
            auditLog.seal(handle, caller, requestId, context.events());
            sealed.set(context.events());
            return done;
        });
        committed.accept(sealed.get());
        return result;
    }

    /** Told the audit events of every committed write (the metrics count them); it must be quick and not throw. */
    public void afterCommit(Consumer<List<PendingEvent>> listener) {
        this.committed = listener;
    }

    /** A write by the system itself (a background job), audited under the given system caller. */
    public <T> T asSystem(Caller system, UUID tenantId, Function<WriteContext, T> work) {
        return run(system, tenantId, "system", work);
    }
}
