package nl.regiopool.event;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.regiopool.page.Where;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.ResultIterator;

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
     * Feed events one filtered page looks at, at most: a member reads a small share of its cooperative's events, and
     * a page that walked until it was full would, for a quiet member, walk every event after its last one on every
     * poll.
     */
    static final int WALK = 2_000;
    private static final int WALK_FETCH = 250;

    /** A page's events, and the position of the last event it looked at (null when it looked at none). */
    record Page(List<Row> rows, String lookedUpTo) {
    }

    /** An event a page looked at: its position, and the event if the page wants it. */
    private record Walked(String position, Row wanted) {
    }

    /**
     * Up to {@code limit} of the events after the position that the reader may read and of the types asked for, in
     * feed order, of those whose transaction is older than every transaction still running: a later page can only
     * add events after the last one looked at. With a filter it looks at {@link #WALK} events at most, so a page
     * may hold fewer than {@code limit} although more follow.
     */
    static Page page(Handle handle, FeedPosition after, List<String> types, UUID reader, int limit) {
        Where where = new Where()
                .and("txid < pg_snapshot_xmin(pg_current_snapshot())")
                .and("afterTxid", after == null ? null : after.txid(),
                        "(txid, position) > (CAST(:afterTxid AS xid8), :afterPosition)");
        if (after != null) {
            where.bind("afterPosition", after.position());
        }
        List<String> wanted = new ArrayList<>();
        if (types != null) {
            wanted.add("type = ANY (:types)");
            where.bind("types", types.toArray(String[]::new));
        }
        if (reader != null) {
            wanted.add(":reader = ANY (readers)");
            where.bind("reader", reader);
        }
        boolean filtered = !wanted.isEmpty();
        String isWanted = filtered ? "(" + String.join(" AND ", wanted) + ")" : "true";
        where.bind("walk", filtered ? WALK : limit);
        List<Row> rows = new ArrayList<>();
        String lookedUpTo = null;
        try (ResultIterator<Walked> walked = where.bindTo(handle.createQuery(
                        "SELECT id, type, occurred_at, CASE WHEN " + isWanted + " THEN data::text END,"
                                + " txid::text || ':' || position, " + isWanted
                                + " FROM event" + where.clause() + "ORDER BY txid, position LIMIT :walk"))
                .setFetchSize(filtered ? WALK_FETCH : 0)
                .map((rs, ctx) -> {
                    String position = rs.getString(5);
                    return new Walked(position, rs.getBoolean(6) ? new Row(rs.getObject(1, UUID.class),
                            rs.getString(2), rs.getObject(3, OffsetDateTime.class), rs.getString(4), position) : null);
                })
                .iterator()) {
            while (rows.size() < limit && walked.hasNext()) {
                Walked event = walked.next();
                lookedUpTo = event.position();
                if (event.wanted() != null) {
                    rows.add(event.wanted());
                }
            }
        }
        return new Page(rows, lookedUpTo);
    }
}
