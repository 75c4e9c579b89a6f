package nl.regiopool.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.api.model.WebhookDelivery;
import nl.regiopool.api.model.WebhookDeliveryStatus;
import nl.regiopool.api.model.WebhookEndpoint;
import nl.regiopool.api.model.WebhookEndpointStatus;
import nl.regiopool.db.PlannedEachTime;
import nl.regiopool.page.Where;
import nl.regiopool.tenancy.Ids;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for webhook endpoints and their deliveries. Row-level security scopes every statement to the tenant. */
final class WebhookDao {

    private static final String ENDPOINT = "id, member_id, url, event_types, description, status, disabled_reason,"
            + " secret, previous_secret, previous_secret_expires_at, consecutive_failures, version, created_at, updated_at";
    private static final String DELIVERY = "d.id, d.endpoint_id, d.event_id, (SELECT type FROM event WHERE event.id ="
            + " d.event_id), d.status, d.attempts, d.last_attempt_at, d.response_status, d.latency_ms, d.error,"
            + " d.next_attempt_at, d.created_at";

    private WebhookDao() {
    }

    /** An endpoint as stored; {@link #view()} leaves the secrets out. */
    record Endpoint(UUID id, UUID memberId, String url, List<String> eventTypes, String description, String status,
                    String disabledReason, String secret, String previousSecret, Instant previousSecretExpiresAt,
                    int consecutiveFailures, int version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        WebhookEndpoint view() {
            return new WebhookEndpoint(id, url, eventTypes, WebhookEndpointStatus.fromValue(status), createdAt, updatedAt)
                    .memberId(memberId).description(description).disabledReason(disabledReason);
        }
    }

    /** A delivery claimed for an attempt, with what the attempt sends and where. */
    record Claimed(UUID tenantId, UUID id, UUID endpointId, int attempts, UUID eventId, String eventType,
                   OffsetDateTime occurredAt, String data, String url, String secret, String previousSecret,
                   Instant previousSecretExpiresAt) {

        /** The secrets that sign at the instant: the current one, and the previous one during a rotation. */
        List<String> secretsAt(Instant at) {
            return previousSecret != null && previousSecretExpiresAt.isAfter(at) ? List.of(secret, previousSecret)
                    : List.of(secret);
        }
    }

    /** A new endpoint; the cooperative's first also starts its dispatch cursor ({@link #startDispatch}). */
    static Endpoint insert(Handle handle, UUID tenantId, UUID id, UUID memberId, String url, List<String> eventTypes,
                           String description, String secret) {
        startDispatch(handle, tenantId);
        return handle.createQuery("""
                        INSERT INTO webhook_endpoint (tenant_id, id, member_id, url, event_types, description, secret)
                        VALUES (:tenant, :id, :member, :url, :types, :description, :secret)
                        RETURNING\s""" + ENDPOINT)
                .bind("tenant", tenantId)
                .bind("id", id)
                .bind("member", memberId)
                .bind("url", url)
                .bind("types", eventTypes.toArray(String[]::new))
                .bind("description", description)
                .bind("secret", secret)
                .map(WebhookDao::endpoint)
                .one();
    }

    /**
     * Starts the cooperative's dispatch cursor with its first endpoint, at the horizon of running transactions:
     * every event before it was written before the endpoint existed. Later endpoints find the cursor in place.
     */
    static void startDispatch(Handle handle, UUID tenantId) {
        handle.createUpdate("""
                        INSERT INTO webhook_dispatch (tenant_id, txid, position)
                        VALUES (:tenant, pg_snapshot_xmin(pg_current_snapshot()), 0)
                        ON CONFLICT (tenant_id) DO NOTHING""")
                .bind("tenant", tenantId)
                .execute();
    }

    /**
     * Makes the deliveries of the next events after the cooperative's dispatch cursor, at most {@code limit} of
     * them, and moves the cursor past them: a row, due at once, per event and endpoint that gets it (see
     * {@link Subscriptions}; a disabled endpoint's rows wait for it to be enabled again). Only events of transactions
     * older than every one still running, in feed order, so an event that commits late is never passed over. The
     * cursor is locked SKIP LOCKED: while one node dispatches a cooperative, the others leave it to that node. Returns
     * the events dispatched (0: none, or another node is at it).
     *
     * <p>Delivery ids are time-ordered ({@link Ids}), so each row's primary key entry goes at the end of its index; random
     * ones put every insert on a page of its own, which after each checkpoint costs a whole page in the WAL.
     *
     * <p>The endpoints are locked (key share) as they are read, so one deleted meanwhile is left out rather than
     * failing the insert's foreign key. Events are matched to endpoints here rather than in a join: with the
     * endpoints' statistics taken while there were few, the planner tested every endpoint against every event
     * (200 endpoints: most of the statement's time).
     */
    static int dispatch(Handle handle, int limit) {
        Optional<Cursor> cursor = handle.createQuery("""
                        SELECT txid::text, position FROM webhook_dispatch
                        WHERE tenant_id = current_tenant_id() FOR UPDATE SKIP LOCKED""")
                .map((rs, ctx) -> new Cursor(rs.getString(1), rs.getLong(2)))
                .findOne();
        if (cursor.isEmpty()) {
            return 0;
        }
        List<Subscriptions.Published> events = handle.createQuery("""
                        SELECT e.id, e.txid::text, e.position, e.type, e.readers, e.occurred_at FROM event e
                        WHERE e.tenant_id = current_tenant_id()
                            AND (e.txid, e.position) > (CAST(:txid AS xid8), :position)
                            AND e.txid < pg_snapshot_xmin(pg_current_snapshot())
                        ORDER BY e.txid, e.position
                        LIMIT :limit""")
                .bind("txid", cursor.get().txid())
                .bind("position", cursor.get().position())
                .bind("limit", limit)
                .map((rs, ctx) -> new Subscriptions.Published(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getLong(3), rs.getString(4), Arrays.asList((UUID[]) rs.getArray(5).getArray()),
                        rs.getObject(6, OffsetDateTime.class)))
                .list();
        if (events.isEmpty()) {
            return 0;
        }
        List<Subscriptions.Subscriber> subscribers = handle.createQuery("""
                        SELECT id, member_id, event_types, created_at FROM webhook_endpoint
                        WHERE tenant_id = current_tenant_id() AND deleted_at IS NULL
                        FOR KEY SHARE""")
                .map((rs, ctx) -> new Subscriptions.Subscriber(rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class), new HashSet<>(Arrays.asList((String[]) rs.getArray(3).getArray())),
                        rs.getObject(4, OffsetDateTime.class)))
                .list();
        List<Subscriptions.Target> targets = new Subscriptions(subscribers).targets(events);
        if (!targets.isEmpty()) {
            handle.createUpdate("""
                            INSERT INTO webhook_delivery (tenant_id, id, endpoint_id, event_id, event_txid, event_position,
                                next_attempt_at)
                            SELECT current_tenant_id(), t.id, t.endpoint, t.event, t.txid, t.position, t.due
                            FROM unnest(:ids, :endpoints, :events, CAST(:txids AS xid8[]), :positions,
                                CAST(:dues AS timestamptz[])) AS t(id, endpoint, event, txid, position, due)""")
                    .bind("ids", targets.stream().map(target -> Ids.next()).toArray(UUID[]::new))
                    .bind("endpoints", targets.stream().map(Subscriptions.Target::endpointId).toArray(UUID[]::new))
                    .bind("events", targets.stream().map(target -> target.event().id()).toArray(UUID[]::new))
                    .bind("txids", targets.stream().map(target -> target.event().txid()).toArray(String[]::new))
                    .bind("positions", targets.stream().map(target -> target.event().position()).toArray(Long[]::new))
                    .bind("dues", targets.stream().map(target -> target.event().occurredAt().toString())
                            .toArray(String[]::new))
                    .execute();
        }
        Subscriptions.Published last = events.get(events.size() - 1);
        handle.createUpdate("UPDATE webhook_dispatch SET txid = CAST(:txid AS xid8), position = :position"
                        + " WHERE tenant_id = current_tenant_id()")
                .bind("txid", last.txid())
                .bind("position", last.position())
                .execute();
        return events.size();
    }

    /** The last event whose deliveries have been made. */
    private record Cursor(String txid, long position) {
    }

    /** The endpoint if the owner (a member, or null for any) may see it; locked for update when asked. */
    static Optional<Endpoint> find(Handle handle, UUID id, UUID owner, boolean lock) {
        Where where = new Where().and("id = :id").bind("id", id).and("deleted_at IS NULL")
                .and("owner", owner, "member_id = :owner");
        return where.bindTo(handle.createQuery("SELECT " + ENDPOINT + " FROM webhook_endpoint" + where.clause()
                        + (lock ? "FOR UPDATE" : "")))
                .map(WebhookDao::endpoint)
                .findOne();
    }

    static List<Endpoint> list(Handle handle, UUID owner, UUID after, int limit) {
        Where where = new Where().and("deleted_at IS NULL").and("owner", owner, "member_id = :owner")
                .and("after", after, "id > :after").bind("limit", limit + 1);
        return where.bindTo(handle.createQuery("SELECT " + ENDPOINT + " FROM webhook_endpoint" + where.clause()
                        + "ORDER BY id LIMIT :limit"))
                .map(WebhookDao::endpoint)
                .list();
    }

    static Endpoint rotate(Handle handle, UUID id, String secret, Instant previousUntil) {
        return handle.createQuery("""
                        UPDATE webhook_endpoint SET previous_secret = secret, previous_secret_expires_at = :until,
                            secret = :secret, version = version + 1, updated_at = now()
                        WHERE id = :id
                        RETURNING\s""" + ENDPOINT)
                .bind("id", id)
                .bind("secret", secret)
                .bind("until", utc(previousUntil))
                .map(WebhookDao::endpoint)
                .one();
    }

    static Endpoint update(Handle handle, UUID id, String url, List<String> eventTypes, String description) {
        return handle.createQuery("""
                        UPDATE webhook_endpoint SET url = :url, event_types = :types, description = :description,
                            version = version + 1, updated_at = now()
                        WHERE id = :id
                        RETURNING\s""" + ENDPOINT)
                .bind("id", id)
                .bind("url", url)
                .bind("types", eventTypes.toArray(String[]::new))
                .bind("description", description)
                .map(WebhookDao::endpoint)
                .one();
    }

    static Endpoint enable(Handle handle, UUID id) {
        return handle.createQuery("""
                        UPDATE webhook_endpoint SET status = 'ENABLED', disabled_reason = NULL, consecutive_failures = 0,
                            version = version + 1, updated_at = now()
                        WHERE id = :id
                        RETURNING\s""" + ENDPOINT)
                .bind("id", id)
                .map(WebhookDao::endpoint)
                .one();
    }

    static Endpoint disable(Handle handle, UUID id, String reason) {
        return handle.createQuery("""
                        UPDATE webhook_endpoint SET status = 'DISABLED', disabled_reason = :reason,
                            version = version + 1, updated_at = now()
                        WHERE id = :id
                        RETURNING\s""" + ENDPOINT)
                .bind("id", id)
                .bind("reason", reason)
                .map(WebhookDao::endpoint)
                .one();
    }

    /**
     * Deletes the endpoint as the API sees it: gone from every read, given no new deliveries, sent none (disabled).
     * Its deliveries and then its row are removed in the background ({@link #purgeDeliveries}, {@link #removeDeleted}),
     * a batch per transaction: removed in this one, a busy endpoint's history outgrew the statement timeout.
     */
    static void delete(Handle handle, UUID id) {
        handle.createUpdate("""
                        UPDATE webhook_endpoint SET deleted_at = now(), status = 'DISABLED', disabled_reason = 'Deleted.',
                            version = version + 1, updated_at = now()
                        WHERE id = :id""")
                .bind("id", id)
                .execute();
    }

    /** Endpoints deleted through the API whose deliveries are still being removed. */
    static List<UUID> deletedEndpoints(Handle handle) {
        return handle.createQuery("SELECT id FROM webhook_endpoint WHERE tenant_id = current_tenant_id()"
                        + " AND deleted_at IS NOT NULL ORDER BY id")
                .mapTo(UUID.class)
                .list();
    }

    /**
     * Removes up to {@code batch} deliveries of a deleted endpoint; returns how many. The rows are found once and
     * deleted by their addresses (a TID scan): joined back by key, a plan made with the statistics of a table that
     * looked empty tested every row against every other, past the statement timeout.
     */
    static int purgeDeliveries(Handle handle, UUID endpointId, int batch) {
        return handle.createUpdate("""
                        DELETE FROM webhook_delivery
                        WHERE ctid = ANY (ARRAY(
                                SELECT ctid FROM webhook_delivery
                                WHERE tenant_id = current_tenant_id() AND endpoint_id = :endpoint
                                LIMIT :batch))
                            AND tenant_id = current_tenant_id() AND endpoint_id = :endpoint""")
                .bind("endpoint", endpointId)
                .bind("batch", batch)
                .execute();
    }

    /**
     * Removes a deleted endpoint's row once it has no deliveries left (a batch that came out short may only mean that
     * another node removed the same rows meanwhile); a delivery a dispatch made after the last batch (it read the
     * endpoint before the delete committed) goes with it.
     */
    static void removeDeleted(Handle handle, UUID endpointId) {
        handle.createUpdate("""
                        DELETE FROM webhook_endpoint WHERE id = :id AND deleted_at IS NOT NULL
                            AND NOT EXISTS (SELECT FROM webhook_delivery
                                WHERE tenant_id = current_tenant_id() AND endpoint_id = :id)""")
                .bind("id", endpointId)
                .execute();
    }

    /** Counts a failed attempt against the endpoint; returns the failures in a row (0: the endpoint is gone). */
    static int failed(Handle handle, UUID endpointId) {
        return handle.createQuery("""
                        UPDATE webhook_endpoint SET consecutive_failures = consecutive_failures + 1 WHERE id = :id
                        RETURNING consecutive_failures""")
                .bind("id", endpointId)
                .mapTo(Integer.class)
                .findOne().orElse(0);
    }

    /** A delivery that its receiver accepted. */
    record Success(UUID id, UUID endpointId, Instant at, int responseStatus, long latencyMs) {
    }

    /**
     * Records accepted deliveries in one statement each for deliveries and endpoints: every delivery SUCCEEDED,
     * its endpoint's failures in a row back to 0. Planned for the table as it is on every execution, as the claim
     * is: a generic plan made while the table was nearly empty joined the ids by scanning it.
     */
    static void succeeded(Handle handle, List<Success> successes) {
        handle.createUpdate("""
                        UPDATE webhook_delivery d SET status = 'SUCCEEDED', attempts = d.attempts + 1,
                            last_attempt_at = r.at, response_status = r.response, latency_ms = r.latency, error = NULL,
                            next_attempt_at = NULL
                        FROM unnest(:ids, CAST(:ats AS timestamptz[]), :responses, :latencies) AS r(id, at, response, latency)
                        WHERE d.tenant_id = current_tenant_id() AND d.id = r.id""")
                .addCustomizer(PlannedEachTime.INSTANCE)
                .bind("ids", successes.stream().map(Success::id).toArray(UUID[]::new))
                .bind("ats", successes.stream().map(success -> success.at().toString()).toArray(String[]::new))
                .bind("responses", successes.stream().map(Success::responseStatus).toArray(Integer[]::new))
                .bind("latencies", successes.stream().map(Success::latencyMs).toArray(Long[]::new))
                .execute();
        handle.createUpdate("""
                        UPDATE webhook_endpoint SET consecutive_failures = 0
                        WHERE tenant_id = current_tenant_id() AND id = ANY(:ids) AND consecutive_failures > 0""")
                .bind("ids", successes.stream().map(Success::endpointId).distinct().toArray(UUID[]::new))
                .execute();
    }

    /** A delivery and its event's position in the outbox, the list's sort key. */
    record Listed(WebhookDelivery delivery, long position) {
    }

    static List<Listed> deliveries(Handle handle, UUID endpointId, Long before, int limit) {
        Where where = new Where().and("d.endpoint_id = :endpoint").bind("endpoint", endpointId)
                .and("before", before, "d.event_position < :before").bind("limit", limit + 1);
        return where.bindTo(handle.createQuery("SELECT " + DELIVERY + ", d.event_position FROM webhook_delivery d"
                        + where.clause() + "ORDER BY d.event_position DESC LIMIT :limit"))
                .map((rs, ctx) -> new Listed(delivery(rs, ctx), rs.getLong(13)))
                .list();
    }

    /** Makes the delivery due now, as a new round of attempts. */
    static Optional<WebhookDelivery> retry(Handle handle, UUID endpointId, UUID id, Instant now) {
        return handle.createQuery("""
                        WITH d AS (
                            UPDATE webhook_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = :now
                            WHERE id = :id AND endpoint_id = :endpoint
                            RETURNING *)
                        SELECT\s""" + DELIVERY + " FROM d")
                .bind("id", id)
                .bind("endpoint", endpointId)
                .bind("now", utc(now))
                .map(WebhookDao::delivery)
                .findOne();
    }

    /**
     * Set for the claim only: no plan that sorts where an index gives the order. See {@link #claim}; the plan is
     * tested under missing and misleading statistics. The claim's last step always sorts, so with sorting off its
     * cost is above every JIT threshold: without {@code jit = off} a PostgreSQL built with LLVM spent about 600 ms
     * compiling each claim, on an empty queue.
     */
    static final String CLAIM_PLANNER = "SET LOCAL enable_sort = off; SET LOCAL jit = off";

    /** The claim statement ({@link #claim}), planned with {@link #CLAIM_PLANNER}. */
    static final String CLAIM = """
                        WITH heads AS (
                            SELECT head.ctid, head.id, head.next_attempt_at, endpoint.id AS endpoint_id, endpoint.url,
                                endpoint.secret, endpoint.previous_secret, endpoint.previous_secret_expires_at
                            FROM webhook_endpoint endpoint
                            CROSS JOIN LATERAL (
                                SELECT first.ctid, first.id, first.next_attempt_at, first.event_txid
                                FROM webhook_delivery first
                                WHERE first.tenant_id = endpoint.tenant_id AND first.endpoint_id = endpoint.id
                                    AND first.status = 'PENDING'
                                ORDER BY first.event_txid, first.event_position
                                LIMIT 1) head
                            WHERE endpoint.tenant_id = current_tenant_id() AND endpoint.status = 'ENABLED'
                                AND head.next_attempt_at <= :now
                                AND head.event_txid < pg_snapshot_xmin(pg_current_snapshot())
                            ORDER BY head.next_attempt_at
                            LIMIT :limit),
                        due AS (
                            SELECT locked.ctid, locked.tenant_id, locked.id, locked.endpoint_id, locked.event_txid,
                                locked.event_position, heads.url, heads.secret, heads.previous_secret,
                                heads.previous_secret_expires_at
                            FROM heads
                            CROSS JOIN LATERAL (
                                SELECT d.ctid, d.tenant_id, d.id, d.endpoint_id, d.event_txid, d.event_position
                                FROM webhook_delivery d
                                WHERE d.ctid = heads.ctid AND d.tenant_id = current_tenant_id() AND d.id = heads.id
                                    AND d.next_attempt_at <= :now
                                FOR UPDATE SKIP LOCKED) locked),
                        followers AS (
                            SELECT next.id, next.endpoint_id, next.attempts, next.event_id, next.event_txid,
                                next.event_position, due.url, due.secret, due.previous_secret,
                                due.previous_secret_expires_at
                            FROM due
                            CROSS JOIN LATERAL (
                                SELECT d.id, d.endpoint_id, d.attempts, d.event_id, d.event_txid, d.event_position
                                FROM webhook_delivery d
                                WHERE d.tenant_id = current_tenant_id() AND d.endpoint_id = due.endpoint_id
                                    AND d.status = 'PENDING'
                                    AND (d.event_txid, d.event_position) > (due.event_txid, due.event_position)
                                    AND d.event_txid < pg_snapshot_xmin(pg_current_snapshot())
                                ORDER BY d.event_txid, d.event_position
                                LIMIT :followers) next),
                        leased AS (
                            UPDATE webhook_delivery d SET next_attempt_at = :leaseUntil
                            FROM due WHERE d.ctid = due.ctid AND d.tenant_id = due.tenant_id AND d.id = due.id
                            RETURNING d.id, d.endpoint_id, d.attempts, d.event_id, d.event_txid, d.event_position, due.url,
                                due.secret, due.previous_secret, due.previous_secret_expires_at),
                        claimed AS (
                            SELECT * FROM leased UNION ALL SELECT * FROM followers)
                        SELECT claimed.id, claimed.endpoint_id, claimed.attempts, event.id, event.type, event.occurred_at,
                            event.data::text, claimed.url, claimed.secret, claimed.previous_secret,
                            claimed.previous_secret_expires_at
                        FROM claimed
                        CROSS JOIN LATERAL (
                            SELECT e.id, e.type, e.occurred_at, e.data FROM event e
                            WHERE e.tenant_id = current_tenant_id() AND e.id = claimed.event_id OFFSET 0) event
                        ORDER BY claimed.endpoint_id, claimed.event_txid, claimed.event_position""";

    /**
     * Claims due deliveries of enabled endpoints, in runs of at most {@code perEndpoint} per endpoint: its first
     * pending one, in event order, of a transaction older than any still running, if that is due, and the pending
     * ones after it. The claim moves the first one's next attempt to the lease's end, which holds the whole run: no
     * pass takes an endpoint whose first pending delivery is not due, and a run's results are recorded in one
     * transaction. A node that dies mid-run leaves the run to be claimed again when the lease ends. Only the first of
     * an endpoint can be waiting for a retry (a run stops at its first failure), so the ones after it are taken as
     * they are. Each endpoint's first pending delivery is one step down the pending index, so a claim costs the same
     * however many deliveries wait. SKIP LOCKED lets any number of nodes claim at once; the due conditions are
     * repeated on the locked first row, so a delivery another node claimed since this statement's snapshot is not
     * claimed again. Naming {@code current_tenant_id()} (the row-level security policy's own value) lets the planner
     * probe the indexes by tenant. The rows come ordered by endpoint and event.
     *
     * <p>The plan must not depend on the tables' statistics, which are often wrong here: taken while the tables were
     * nearly empty (they fill faster than autovacuum looks), or just after a cooperative's endpoints were deleted,
     * when every delivery row was dead (no live rows: every way to a row costs the planner the same). Such plans
     * found each endpoint's first pending delivery by scanning the cooperative's deliveries and sorting them, for
     * every endpoint: seconds per claim, up to the statement timeout, until autovacuum analyzed the table again. So
     * the first pending delivery and the ones after it are read in a subquery per endpoint, with sorting turned off
     * for the statement ({@link #CLAIM_PLANNER}): the pending index gives their order, so it is the only plan left
     * without a sort. The first is locked and leased by its row's address ({@code ctid}, a TID scan: a row another
     * node updated meanwhile is followed to its newest version and checked again), and its event read by key in a
     * subquery of its own that {@code OFFSET 0} keeps from being folded back into a join. The endpoint's url and
     * secrets travel with the rows from the heads: joined back to the heads at the end, the planner (one row
     * expected everywhere) ran the whole run lookup again for every head.
     *
     * <p>The claim is planned afresh on every pass (never a server-side prepared statement): a connection's generic
     * plan, made while the queue was empty and kept until autovacuum first analyzes the table (a minute or more
     * later), probed the heads at a cost that grew with the queue, and passes ran back to back on a core.
     */
    static List<Claimed> claim(Handle handle, UUID tenantId, Instant now, Instant leaseUntil, int endpoints,
                               int perEndpoint) {
        handle.execute(CLAIM_PLANNER);
        List<Claimed> claimed = handle.createQuery(CLAIM)
                .addCustomizer(PlannedEachTime.INSTANCE)
                .bind("now", utc(now))
                .bind("leaseUntil", utc(leaseUntil))
                .bind("limit", endpoints)
                .bind("followers", perEndpoint - 1)
                .map((rs, ctx) -> {
                    OffsetDateTime previousUntil = rs.getObject(11, OffsetDateTime.class);
                    return new Claimed(tenantId, rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getInt(3), rs.getObject(4, UUID.class), rs.getString(5),
                            rs.getObject(6, OffsetDateTime.class), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), previousUntil == null ? null : previousUntil.toInstant());
                })
                .list();
        handle.execute("RESET enable_sort; RESET jit");
        return claimed;
    }

    /**
     * Whether the cooperative has a delivery pending, one step into the pending index. Without one the claim, planned
     * afresh every time (about 2 ms of planning), has nothing to find: a region of cooperatives without endpoints
     * spent a few percent of a core on claims every second.
     */
    static boolean anyPending(Handle handle) {
        return handle.createQuery("SELECT EXISTS (SELECT FROM webhook_delivery"
                        + " WHERE tenant_id = current_tenant_id() AND status = 'PENDING')")
                .mapTo(Boolean.class)
                .one();
    }

    /** Records an attempt: the delivery's next state (null next attempt: done, SUCCEEDED or FAILED). */
    static void attempted(Handle handle, UUID id, String status, Instant at, Integer responseStatus, long latencyMs,
                          String error, Instant nextAttemptAt) {
        handle.createUpdate("""
                        UPDATE webhook_delivery SET status = :status, attempts = attempts + 1, last_attempt_at = :at,
                            response_status = :response, latency_ms = :latency, error = :error, next_attempt_at = :next
                        WHERE id = :id""")
                .bind("id", id)
                .bind("status", status)
                .bind("at", utc(at))
                .bind("response", responseStatus)
                .bind("latency", latencyMs)
                .bind("error", error)
                .bind("next", nextAttemptAt == null ? null : utc(nextAttemptAt))
                .execute();
    }

    /** Deliveries pending, and events whose deliveries are still to be made. */
    static long pendingCount(Handle handle) {
        return handle.createQuery("""
                        SELECT (SELECT count(*) FROM webhook_delivery WHERE status = 'PENDING')
                            + (SELECT count(*) FROM event e JOIN webhook_dispatch cursor ON cursor.tenant_id = e.tenant_id
                               WHERE (e.txid, e.position) > (cursor.txid, cursor.position))""")
                .mapTo(Long.class).one();
    }

    static List<UUID> cooperatives(Handle handle) {
        return handle.createQuery("SELECT id FROM cooperative ORDER BY id").mapTo(UUID.class).list();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Endpoint endpoint(ResultSet rs, StatementContext ctx) throws SQLException {
        OffsetDateTime previousUntil = rs.getObject("previous_secret_expires_at", OffsetDateTime.class);
        return new Endpoint(rs.getObject("id", UUID.class), rs.getObject("member_id", UUID.class), rs.getString("url"),
                Arrays.asList((String[]) rs.getArray("event_types").getArray()), rs.getString("description"),
                rs.getString("status"), rs.getString("disabled_reason"), rs.getString("secret"),
                rs.getString("previous_secret"), previousUntil == null ? null : previousUntil.toInstant(),
                rs.getInt("consecutive_failures"), rs.getInt("version"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }

    private static WebhookDelivery delivery(ResultSet rs, StatementContext ctx) throws SQLException {
        long latency = rs.getLong(9);
        Long latencyMs = rs.wasNull() ? null : latency;
        int response = rs.getInt(8);
        Integer responseStatus = rs.wasNull() ? null : response;
        return new WebhookDelivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getString(4), WebhookDeliveryStatus.fromValue(rs.getString(5)), rs.getInt(6),
                rs.getObject(12, OffsetDateTime.class))
                .lastAttemptAt(rs.getObject(7, OffsetDateTime.class)).responseStatus(responseStatus)
                .latencyMs(latencyMs).error(rs.getString(10)).nextAttemptAt(rs.getObject(11, OffsetDateTime.class));
    }
}
