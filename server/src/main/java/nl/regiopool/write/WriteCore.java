package nl.regiopool.write;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import nl.regiopool.audit.AuditLog;
import nl.regiopool.audit.PendingEvent;
import nl.regiopool.audit.Sealer;
import nl.regiopool.auth.Caller;
import nl.regiopool.tenancy.TenantScope;
import org.jdbi.v3.core.Jdbi;

/**
 * The one transactional write path: in a single transaction, bind the tenant, do the work, and insert its
 * audit events; after commit the {@link Sealer} links them into the tenant's chain, so no write waits on the
 * chain head. Background jobs write through this directly; HTTP writes through {@code http.Writes}, which adds
 * idempotency. The changes members' systems hear about go to the {@link Outbox} in the same transaction.
 */
public final class WriteCore {

    private final Jdbi jdbi;
    private final AuditLog auditLog;
    private final Outbox outbox;
    private final Sealer sealer;
    private final List<Consumer<List<PendingEvent>>> committed = new CopyOnWriteArrayList<>();

    public WriteCore(Jdbi jdbi, AuditLog auditLog, Outbox outbox, Sealer sealer) {
        this.jdbi = jdbi;
        this.auditLog = auditLog;
        this.outbox = outbox;
        this.sealer = sealer;
    }

    /**
     * Runs the work in one transaction bound to {@code scope} (a tenant, or the platform) and records the
     * events it made under the caller and request id.
     */
    public <T> T run(Caller caller, UUID scope, String requestId, Function<WriteContext, T> work) {
        AtomicReference<List<PendingEvent>> recorded = new AtomicReference<>(List.of());
        T result = jdbi.inTransaction(handle -> {
            TenantScope.bind(handle, scope);
            WriteContext context = new WriteContext(handle, caller, scope, auditLog);
            T done = work.apply(context);
            outbox.publish(handle, context.events());
            auditLog.record(handle, caller, requestId, context.events());
            recorded.set(context.events());
            return done;
        });
        Set<UUID> audited = new LinkedHashSet<>();
        recorded.get().forEach(event -> audited.add(event.tenantId()));
        audited.forEach(sealer::wake);
        committed.forEach(listener -> listener.accept(recorded.get()));
        return result;
    }

    /**
     * Adds a listener told the audit events of every committed write (the metrics count them, the webhook deliverer
     * wakes up); it must be quick and not throw.
     */
    public void afterCommit(Consumer<List<PendingEvent>> listener) {
        committed.add(listener);
    }

    /** A write by the system itself (a background job), audited under the given system caller. */
    public <T> T asSystem(Caller system, UUID tenantId, Function<WriteContext, T> work) {
        return run(system, tenantId, "system", work);
    }
}
