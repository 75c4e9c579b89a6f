package nl.regiopool.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import nl.regiopool.auth.Caller;
import nl.regiopool.tenancy.TenantScope;
import org.jdbi.v3.core.Handle;

/**
 * Appends audit events to each tenant's hash chain. Sealing takes the chain head's row lock, so it
 * runs as the last step of the write transaction and the lock is held only through commit.
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

    public void seal(Handle handle, Caller caller, String requestId, List<PendingEvent> events) {
        UUID boundTenant = null;
        for (PendingEvent event : events) {
            if (!event.tenantId().equals(boundTenant)) {
                TenantScope.bind(handle, event.tenantId());
                boundTenant = event.tenantId();
            }
            append(handle, caller, requestId, event);
        }
    }

    private void append(Handle handle, Caller caller, String requestId, PendingEvent event) {
        handle.createUpdate("""
                        INSERT INTO audit_chain_head (tenant_id, last_sequence, last_hash)
                        VALUES (:tenant, 0, :genesis) ON CONFLICT (tenant_id) DO NOTHING""")
                .bind("tenant", event.tenantId())
                .bind("genesis", ChainHash.GENESIS)
                .execute();
        ChainHead head = handle.createQuery("""
                        SELECT last_sequence, last_hash FROM audit_chain_head
                        WHERE tenant_id = :tenant FOR UPDATE""")
                .bind("tenant", event.tenantId())
                .map((rs, ctx) -> new ChainHead(rs.getLong(1), rs.getString(2)))
                .one();

        UUID id = ids.get();
        long sequence = head.lastSequence() + 1;
        Instant occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<String> roles = caller.roleClaims();
        String hash = ChainHash.of(head.lastHash(), event.tenantId(), id, sequence, occurredAt, caller.subject(),
                roles, event.action(), event.entityType(), event.entityId(), event.before(), event.after(), requestId);

        handle.createUpdate("""
                        INSERT INTO audit_event (tenant_id, id, sequence, occurred_at, actor_subject, actor_roles,
                            action, entity_type, entity_id, before, after, request_id, previous_hash, hash)
                        VALUES (:tenant, :id, :sequence, :occurredAt, :actor, :roles, :action, :entityType,
                            :entityId, CAST(:before AS jsonb), CAST(:after AS jsonb), :requestId, :previousHash, :hash)""")
                .bind("tenant", event.tenantId())
                .bind("id", id)
                .bind("sequence", sequence)
                .bind("occurredAt", java.time.OffsetDateTime.ofInstant(occurredAt, java.time.ZoneOffset.UTC))
                .bind("actor", caller.subject())
                .bind("roles", roles.toArray(String[]::new))
                .bind("action", event.action())
                .bind("entityType", event.entityType())
                .bind("entityId", event.entityId())
                .bind("before", event.before() == null ? null : event.before().toString())
                .bind("after", event.after() == null ? null : event.after().toString())
                .bind("requestId", requestId)
                .bind("previousHash", head.lastHash())
                .bind("hash", hash)
                .execute();
        handle.createUpdate("UPDATE audit_chain_head SET last_sequence = :sequence, last_hash = :hash WHERE tenant_id = :tenant")
                .bind("tenant", event.tenantId())
                .bind("sequence", sequence)
                .bind("hash", hash)
                .execute();
    }

    private record ChainHead(long lastSequence, String lastHash) {
    }
}
