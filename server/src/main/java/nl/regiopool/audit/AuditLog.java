package nl.regiopool.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import nl.regiopool.auth.Caller;
import nl.regiopool.tenancy.TenantScope;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes a transaction's audit events, unsealed, in that same transaction: nothing is acknowledged without its
 * events. The {@link Sealer} links them into the tenant's hash chain after commit, so writes never wait on the
 * chain head. Each event carries the digest of its payload, which the chain covers instead of the payload itself.
 */
public final class AuditLog {

    private final ObjectMapper mapper;
    private final Supplier<UUID> ids;

    public AuditLog(ObjectMapper mapper, Supplier<UUID> ids) {
        this.mapper = mapper;
        this.ids = ids;
    }

    public JsonNode json(Object entity) {
        return entity == null ? null : mapper.valueToTree(entity);
    }

    public void record(Handle handle, Caller caller, String requestId, List<PendingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        OffsetDateTime occurredAt = OffsetDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MICROS),
                ZoneOffset.UTC);
        String[] roles = caller.roleClaims().toArray(String[]::new);
        UUID bound = null;
        PreparedBatch batch = null;
        for (PendingEvent event : events) {
            if (!event.tenantId().equals(bound)) {
                execute(batch);
                TenantScope.ensureBound(handle, event.tenantId());
                bound = event.tenantId();
                batch = handle.prepareBatch("""
                        INSERT INTO audit_event (tenant_id, id, occurred_at, actor_subject, actor_roles, action,
                            entity_type, entity_id, before, after, payload_digest, request_id)
                        VALUES (:tenant, :id, :occurredAt, :actor, :roles, :action, :entityType, :entityId,
                            CAST(:before AS jsonb), CAST(:after AS jsonb), :payloadDigest, :requestId)""");
            }
            batch.bind("tenant", event.tenantId())
                    .bind("id", ids.get())
                    .bind("occurredAt", occurredAt)
                    .bind("actor", caller.subject())
                    .bind("roles", roles)
                    .bind("action", event.action())
                    .bind("entityType", event.entityType())
                    .bind("entityId", event.entityId())
                    .bind("before", event.before() == null ? null : event.before().toString())
                    .bind("after", event.after() == null ? null : event.after().toString())
                    .bind("payloadDigest", ChainHash.payloadDigest(event.before(), event.after()))
                    .bind("requestId", requestId)
                    .add();
        }
        execute(batch);
    }

    private static void execute(PreparedBatch batch) {
        if (batch != null && batch.size() > 0) {
            batch.execute();
        }
    }
}
