package nl.regiopool.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
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
        for (PendingEvent event : events) {
            TenantScope.ensureBound(handle, event.tenantId());
            append(handle, caller, requestId, event);
        }
    }

    /**
     * Links the event to the chain: locks the head (creating the tenant's genesis head on its first event), then
     * inserts the event and moves the head in one statement.
     */
    private void append(Handle handle, Caller caller, String requestId, PendingEvent event) {
        ChainHead head = lockHead(handle, event.tenantId()).orElseGet(() -> {
            handle.createUpdate("""
                            INSERT INTO audit_chain_head (tenant_id, last_sequence, last_hash)
                            VALUES (:tenant, 0, :genesis) ON CONFLICT (tenant_id) DO NOTHING""")
                    .bind("tenant", event.tenantId())
                    .bind("genesis", ChainHash.GENESIS)
                    .execute();
            return lockHead(handle, event.tenantId()).orElseThrow();
        });

        UUID id = ids.get();
        long sequence = head.lastSequence() + 1;
        Instant occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<String> roles = caller.roleClaims();
        String hash = ChainHash.of(head.lastHash(), event.tenantId(), id, sequence, occurredAt, caller.subject(),
                roles, event.action(), event.entityType(), event.entityId(), event.before(), event.after(), requestId);

        handle.createUpdate("""
                        WITH event AS (
                            INSERT INTO audit_event (tenant_id, id, sequence, occurred_at, actor_subject, actor_roles,
                                action, entity_type, entity_id, before, after, request_id, previous_hash, hash)
                            VALUES (:tenant, :id, :sequence, :occurredAt, :actor, :roles, :action, :entityType,
                                :entityId, CAST(:before AS jsonb), CAST(:after AS jsonb), :requestId, :previousHash, :hash))
                        UPDATE audit_chain_head SET last_sequence = :sequence, last_hash = :hash WHERE tenant_id = :tenant""")
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
    }

    /** The tenant's chain head, row-locked until commit; empty before the tenant's first event. */
    private static Optional<ChainHead> lockHead(Handle handle, UUID tenantId) {
        return handle.createQuery("""
                        SELECT last_sequence, last_hash FROM audit_chain_head
                        WHERE tenant_id = :tenant FOR UPDATE""")
                .bind("tenant", tenantId)
                .map((rs, ctx) -> new ChainHead(rs.getLong(1), rs.getString(2)))
                .findOne();
    }

    private record ChainHead(long lastSequence, String lastHash) {
    }
}
