package nl.regiopool.event;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import nl.regiopool.page.Where;
import org.jdbi.v3.core.Handle;

/** SQL for the outbox and the feed. Row-level security scopes every statement to the transaction's tenant. */
final class EventDao {

    private EventDao() {
    }

    /** An event as stored; {@code position} is its place in the feed, "txid:position". */
    record Row(UUID id, String type, OffsetDateTime occurredAt, String data, String position) {
    }

    /** The event; the webhook deliverer makes its deliveries once it has committed (see {@code WebhookDao#dispatch}). */
    static void insert(Handle handle, UUID tenantId, UUID id, String type, String entityType, UUID entityId,
                       UUID[] readers, String data) {
        handle.createUpdate("""
                        INSERT INTO event (tenant_id, id, type, entity_type, entity_id, readers, data)
                        VALUES (:tenant, :id, :type, :entityType, :entityId, :readers, CAST(:data AS jsonb))""")
                .bind("tenant", tenantId)
                .bind("id", id)
                .bind("type", type)
                .bind("entityType", entityType)
                .bind("entityId", entityId)
                .bind("readers", readers)
                .bind("data", data)
                .execute();
    }

    /**
     * Events after the position, in feed order, of those whose transaction is older than every transaction
     * still running: a later page can only add events after the last one served.
     */
    static List<Row> page(Handle handle, FeedPosition after, List<String> types, UUID reader, int limit) {
        Where where = new Where()
                .and("txid < pg_snapshot_xmin(pg_current_snapshot())")
                .and("afterTxid", after == null ? null : after.txid(),
                        "(txid, position) > (CAST(:afterTxid AS xid8), :afterPosition)")
                .and("types", types == null ? null : types.toArray(String[]::new), "type = ANY (:types)")
                .and("reader", reader, ":reader = ANY (readers)")
                .bind("limit", limit + 1);
        if (after != null) {
            where.bind("afterPosition", after.position());
        }
        return where.bindTo(handle.createQuery("SELECT id, type, occurred_at, data::text, txid::text || ':' || position"
                        + " FROM event" + where.clause() + "ORDER BY txid, position LIMIT :limit"))
                .map((rs, ctx) -> new Row(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class), rs.getString(4), rs.getString(5)))
                .list();
    }
}
