package nl.regiopool.pool;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.api.model.MembershipKind;
import nl.regiopool.api.model.PoolMembership;
import nl.regiopool.api.model.WorkerStatus;
import nl.regiopool.page.Where;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * SQL for pool memberships. The table's EXCLUDE constraint keeps one worker's memberships of one
 * pool from overlapping, whatever runs concurrently.
 */
final class MembershipDao {

    private static final String COLUMNS = "id, pool_id, worker_id, kind, valid_from, valid_to, max_hours_per_week,"
            + " version, created_at, updated_at";

    private MembershipDao() {
    }

    record Row(PoolMembership membership, int version) {
    }

    /** What a membership needs to know about its worker. */
    record WorkerFacts(WorkerStatus status, UUID employerMemberId, List<String> roles) {
    }

    static Optional<WorkerFacts> worker(Handle handle, UUID workerId) {
        return handle.createQuery("""
                        SELECT w.status, w.employer_member_id,
                               ARRAY(SELECT q.role FROM worker_qualification q WHERE q.worker_id = w.id) AS roles
                        FROM worker w WHERE w.id = :id""")
                .bind("id", workerId)
                .map((rs, ctx) -> new WorkerFacts(WorkerStatus.fromValue(rs.getString("status")),
                        rs.getObject("employer_member_id", UUID.class),
                        List.of((String[]) rs.getArray("roles").getArray())))
                .findOne();
    }

    static Row insert(Handle handle, UUID tenantId, UUID id, PoolMembership values) {
        return handle.createQuery("""
                        INSERT INTO pool_membership (tenant_id, id, pool_id, worker_id, kind, valid_from, valid_to,
                            max_hours_per_week)
                        VALUES (:tenant, :id, :pool, :worker, :kind, :from, :to, :maxHours)
                        RETURNING\s""" + COLUMNS)
                .bind("tenant", tenantId)
                .bind("id", id)
                .bind("pool", values.getPoolId())
                .bind("worker", values.getWorkerId())
                .bind("kind", values.getKind().toString())
                .bind("from", values.getFrom())
                .bind("to", values.getTo())
                .bind("maxHours", values.getMaxHoursPerWeek())
                .map(MembershipDao::map)
                .one();
    }

    /**
     * Which memberships a member (the viewer) sees: those of its own workers and those that have not ended
     * (an ended membership of another member's worker names a worker the member may no longer see). Other
     * callers see them all.
     */
    private static final String VISIBLE_TO_VIEWER = """
            (m.valid_to IS NULL OR m.valid_to >= tenant_today()
             OR EXISTS (SELECT 1 FROM worker w WHERE w.id = m.worker_id AND w.employer_member_id = :viewer))""";

    static Optional<Row> find(Handle handle, UUID poolId, UUID id, UUID viewerMember) {
        Where where = new Where()
                .and("m.pool_id = :pool").bind("pool", poolId)
                .and("m.id = :id").bind("id", id)
                .and("viewer", viewerMember, VISIBLE_TO_VIEWER);
        return where.bindTo(handle.createQuery("SELECT " + COLUMNS + " FROM pool_membership m" + where.clause()))
                .map(MembershipDao::map)
                .findOne();
    }

    static Optional<Row> findForUpdate(Handle handle, UUID poolId, UUID id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM pool_membership WHERE pool_id = :pool AND id = :id FOR UPDATE")
                .bind("pool", poolId)
                .bind("id", id)
                .map(MembershipDao::map)
                .findOne();
    }

    static List<Row> list(Handle handle, UUID poolId, UUID viewerMember, UUID after, int limit) {
        Where where = new Where()
                .and("m.pool_id = :pool").bind("pool", poolId)
                .and("viewer", viewerMember, VISIBLE_TO_VIEWER)
                .and("after", after, "m.id > :after")
                .bind("limit", limit + 1);
        return where.bindTo(handle.createQuery("SELECT " + COLUMNS + " FROM pool_membership m" + where.clause()
                        + "ORDER BY m.id LIMIT :limit"))
                .map(MembershipDao::map)
                .list();
    }

    /** Every membership of the worker, ended ones included, in start order. */
    static List<Row> ofWorker(Handle handle, UUID workerId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM pool_membership m WHERE m.worker_id = :worker"
                        + " ORDER BY m.valid_from, m.id")
                .bind("worker", workerId)
                .map(MembershipDao::map)
                .list();
    }

    static Row update(Handle handle, UUID id, LocalDate to, Integer maxHoursPerWeek) {
        return handle.createQuery("""
                        UPDATE pool_membership SET valid_to = :to, max_hours_per_week = :maxHours,
                            version = version + 1, updated_at = now()
                        WHERE id = :id
                        RETURNING\s""" + COLUMNS)
                .bind("id", id)
                .bind("to", to)
                .bind("maxHours", maxHoursPerWeek)
                .map(MembershipDao::map)
                .one();
    }

    private static Row map(ResultSet rs, StatementContext ctx) throws SQLException {
        PoolMembership membership = new PoolMembership(
                rs.getObject("id", UUID.class),
                rs.getObject("pool_id", UUID.class),
                rs.getObject("worker_id", UUID.class),
                MembershipKind.fromValue(rs.getString("kind")),
                rs.getObject("valid_from", LocalDate.class),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class))
                .to(rs.getObject("valid_to", LocalDate.class))
                .maxHoursPerWeek((Integer) rs.getObject("max_hours_per_week"));
        return new Row(membership, rs.getInt("version"));
    }
}
