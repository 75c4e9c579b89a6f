package nl.regiopool.request;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.api.model.CoverageReason;
import nl.regiopool.api.model.QualificationRole;
import nl.regiopool.api.model.RequestedShift;
import nl.regiopool.api.model.StaffingRequest;
import nl.regiopool.api.model.StaffingRequestKind;
import nl.regiopool.api.model.StaffingRequestStatus;
import nl.regiopool.page.Where;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for staffing requests, their shifts and pools. Row-level security scopes every statement to the tenant. */
final class StaffingRequestDao {

    private static final String COLUMNS = """
            id, member_id, role, kind, starts_at, start_date, end_date, hours_per_week, reason, location_postcode,
            max_tariff_cents_per_hour, notes, status, cancelled_at, cancellation_reason, expired_at, version,
            created_at, updated_at""";

    private StaffingRequestDao() {
    }

    /** A request as the API shows it (shifts and pools included) and its version for the ETag. */
    record Row(StaffingRequest request, Instant startsAt, int version) {
        UUID id() {
            return request.getId();
        }

        StaffingRequestStatus status() {
            return request.getStatus();
        }
    }

    /** What a request needs to know of the member it is for. */
    record MemberFacts(String status, String postcode) {
    }

    record Filter(UUID memberId, StaffingRequestStatus status, StaffingRequestKind kind, QualificationRole role) {
    }

    /** The fields a create or patch writes; the shifts are written separately. */
    record Values(UUID memberId, QualificationRole role, StaffingRequestKind kind, Instant startsAt,
                  LocalDate startDate, LocalDate endDate, Integer hoursPerWeek, CoverageReason reason,
                  String locationPostcode, Long maxTariffCentsPerHour, String notes) {
    }

    static Optional<MemberFacts> member(Handle handle, UUID memberId) {
        return handle.createQuery("SELECT status, postcode FROM member WHERE id = :id")
                .bind("id", memberId)
                .map((rs, ctx) -> new MemberFacts(rs.getString("status"), rs.getString("postcode")))
                .findOne();
    }

    /** Pool id → its allowed roles (empty: any role), for the pools among {@code ids} that exist. */
    static Map<UUID, List<String>> poolRoles(Handle handle, Collection<UUID> ids) {
        Map<UUID, List<String>> roles = new HashMap<>();
        if (ids.isEmpty()) {
            return roles;
        }
        handle.createQuery("SELECT id, allowed_roles FROM pool WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map((rs, ctx) -> Map.entry(rs.getObject("id", UUID.class),
                        List.of((String[]) rs.getArray("allowed_roles").getArray())))
                .forEach(entry -> roles.put(entry.getKey(), entry.getValue()));
        return roles;
    }

    static void insert(Handle handle, UUID tenantId, UUID id, Values values) {
        handle.createUpdate("""
                        INSERT INTO staffing_request (tenant_id, id, member_id, role, kind, starts_at, start_date, end_date,
                            hours_per_week, reason, location_postcode, max_tariff_cents_per_hour, notes)
                        VALUES (:tenant, :id, :memberId, :role, :kind, :startsAt, :startDate, :endDate, :hoursPerWeek,
                            :reason, :postcode, :maxTariff, :notes)""")
                .bind("tenant", tenantId)
                .bind("id", id)
                .bind("memberId", values.memberId())
                .bind("role", values.role().toString())
                .bind("kind", values.kind().toString())
                .bind("startsAt", utc(values.startsAt()))
                .bind("startDate", values.startDate())
                .bind("endDate", values.endDate())
                .bind("hoursPerWeek", values.hoursPerWeek())
                .bind("reason", values.reason() == null ? null : values.reason().toString())
                .bind("postcode", values.locationPostcode())
                .bind("maxTariff", values.maxTariffCentsPerHour())
                .bind("notes", values.notes())
                .execute();
    }

    /** The changeable fields of an OPEN request. */
    static void update(Handle handle, UUID id, Instant startsAt, String locationPostcode, Long maxTariffCentsPerHour,
                       String notes) {
        handle.createUpdate("""
                        UPDATE staffing_request SET starts_at = :startsAt, location_postcode = :postcode,
                            max_tariff_cents_per_hour = :maxTariff, notes = :notes, version = version + 1,
                            updated_at = now()
                        WHERE id = :id""")
                .bind("id", id)
                .bind("startsAt", utc(startsAt))
                .bind("postcode", locationPostcode)
                .bind("maxTariff", maxTariffCentsPerHour)
                .bind("notes", notes)
                .execute();
    }

    static void cancel(Handle handle, UUID id, String by, String reason) {
        handle.createUpdate("""
                        UPDATE staffing_request SET status = 'CANCELLED', cancelled_at = now(), cancelled_by = :by,
                            cancellation_reason = :reason, version = version + 1, updated_at = now()
                        WHERE id = :id""")
                .bind("id", id)
                .bind("by", by)
                .bind("reason", reason)
                .execute();
    }

    static void setStatus(Handle handle, UUID id, StaffingRequestStatus status) {
        handle.createUpdate("""
                        UPDATE staffing_request SET status = :status, version = version + 1, updated_at = now()
                        WHERE id = :id""")
                .bind("id", id)
                .bind("status", status.toString())
                .execute();
    }

    static void expire(Handle handle, UUID id) {
        handle.createUpdate("""
                        UPDATE staffing_request SET status = 'EXPIRED', expired_at = now(), version = version + 1,
                            updated_at = now()
                        WHERE id = :id""")
                .bind("id", id)
                .execute();
    }

    static void replaceShifts(Handle handle, UUID tenantId, UUID requestId, List<RequestedShift> shifts) {
        handle.createUpdate("DELETE FROM staffing_request_shift WHERE staffing_request_id = :id")
                .bind("id", requestId)
                .execute();
        for (RequestedShift shift : shifts) {
            handle.createUpdate("""
                            INSERT INTO staffing_request_shift (tenant_id, id, staffing_request_id, starts_at, ends_at,
                                break_minutes)
                            VALUES (:tenant, :id, :requestId, :startsAt, :endsAt, :breakMinutes)""")
                    .bind("tenant", tenantId)
                    .bind("id", shift.getId())
                    .bind("requestId", requestId)
                    .bind("startsAt", shift.getStartsAt())
                    .bind("endsAt", shift.getEndsAt())
                    .bind("breakMinutes", shift.getBreakMinutes())
                    .execute();
        }
    }

    static void replacePools(Handle handle, UUID tenantId, UUID requestId, Collection<UUID> poolIds) {
        handle.createUpdate("DELETE FROM staffing_request_pool WHERE staffing_request_id = :id")
                .bind("id", requestId)
                .execute();
        for (UUID poolId : poolIds) {
            handle.createUpdate("""
                            INSERT INTO staffing_request_pool (tenant_id, staffing_request_id, pool_id)
                            VALUES (:tenant, :requestId, :poolId)""")
                    .bind("tenant", tenantId)
                    .bind("requestId", requestId)
                    .bind("poolId", poolId)
                    .execute();
        }
    }

    /** The request if it exists and the viewer (null: any) is its member; {@code lock} takes its row lock. */
    static Optional<Row> find(Handle handle, UUID id, UUID viewer, boolean lock) {
        Where where = new Where().and("id = :id").bind("id", id).and("viewer", viewer, "member_id = :viewer");
        return where.bindTo(handle.createQuery("SELECT " + COLUMNS + " FROM staffing_request" + where.clause()
                        + (lock ? "FOR UPDATE" : "")))
                .map(StaffingRequestDao::map)
                .findOne()
                .map(row -> withDetails(handle, List.of(row)).get(0));
    }

    static List<Row> list(Handle handle, UUID viewer, Filter filter, UUID after, int limit) {
        Where where = new Where()
                .and("viewer", viewer, "member_id = :viewer")
                .and("memberId", filter.memberId(), "member_id = :memberId")
                .and("status", filter.status() == null ? null : filter.status().toString(), "status = :status")
                .and("kind", filter.kind() == null ? null : filter.kind().toString(), "kind = :kind")
                .and("role", filter.role() == null ? null : filter.role().toString(), "role = :role")
                .and("after", after, "id > :after")
                .bind("limit", limit + 1);
        List<Row> rows = where.bindTo(handle.createQuery("SELECT " + COLUMNS + " FROM staffing_request"
                        + where.clause() + "ORDER BY id LIMIT :limit"))
                .map(StaffingRequestDao::map)
                .list();
        return withDetails(handle, rows);
    }

    /**
     * The OPEN or PARTIALLY_FILLED SHIFTS requests of other members than the worker's employer that are in, or
     * (naming no pool) open to, a pool the worker belongs to during the request; soonest first, at most {@code limit}.
     */
    static List<Row> openForWorker(Handle handle, UUID workerId, Instant now, int limit) {
        List<Row> rows = handle.createQuery("SELECT " + COLUMNS + """
                         FROM staffing_request r
                        WHERE r.kind = 'SHIFTS' AND r.status IN ('OPEN', 'PARTIALLY_FILLED') AND r.starts_at > :now
                          AND r.member_id <> (SELECT w.employer_member_id FROM worker w WHERE w.id = :worker)
                          AND EXISTS (
                              SELECT 1 FROM pool_membership m
                              WHERE m.worker_id = :worker
                                AND (m.pool_id IN (SELECT rp.pool_id FROM staffing_request_pool rp
                                                   WHERE rp.staffing_request_id = r.id)
                                     OR NOT EXISTS (SELECT 1 FROM staffing_request_pool rp
                                                    WHERE rp.staffing_request_id = r.id)))
                        ORDER BY r.starts_at, r.id LIMIT :limit""")
                .bind("worker", workerId)
                .bind("now", utc(now))
                .bind("limit", limit)
                .map(StaffingRequestDao::map)
                .list();
        return withDetails(handle, rows);
    }

    /** Member id → name, for the members among {@code ids}. */
    static Map<UUID, String> memberNames(Handle handle, Collection<UUID> ids) {
        Map<UUID, String> names = new HashMap<>();
        handle.createQuery("SELECT id, name FROM member WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map((rs, ctx) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("name")))
                .forEach(entry -> names.put(entry.getKey(), entry.getValue()));
        return names;
    }

    /** OPEN requests whose start has passed, locked; rows another node holds are skipped. */
    static List<Row> claimExpired(Handle handle, int limit) {
        List<Row> rows = handle.createQuery("SELECT " + COLUMNS + """
                         FROM staffing_request WHERE status = 'OPEN' AND starts_at <= now()
                        ORDER BY starts_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .bind("limit", limit)
                .map(StaffingRequestDao::map)
                .list();
        return withDetails(handle, rows);
    }

    static List<UUID> cooperatives(Handle handle) {
        return handle.createQuery("SELECT id FROM cooperative ORDER BY id").mapTo(UUID.class).list();
    }

    private static List<Row> withDetails(Handle handle, List<Row> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        UUID[] ids = rows.stream().map(Row::id).toArray(UUID[]::new);
        Map<UUID, List<RequestedShift>> shifts = new HashMap<>();
        handle.createQuery("""
                        SELECT staffing_request_id, id, starts_at, ends_at, break_minutes FROM staffing_request_shift
                        WHERE staffing_request_id = ANY(:ids) ORDER BY starts_at""")
                .bind("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getObject("staffing_request_id", UUID.class), new RequestedShift(
                        rs.getObject("id", UUID.class),
                        rs.getObject("starts_at", OffsetDateTime.class),
                        rs.getObject("ends_at", OffsetDateTime.class),
                        rs.getInt("break_minutes"))))
                .forEach(entry -> shifts.computeIfAbsent(entry.getKey(), key -> new java.util.ArrayList<>())
                        .add(entry.getValue()));
        Map<UUID, List<UUID>> pools = new HashMap<>();
        handle.createQuery("""
                        SELECT staffing_request_id, pool_id FROM staffing_request_pool
                        WHERE staffing_request_id = ANY(:ids) ORDER BY pool_id""")
                .bind("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getObject("staffing_request_id", UUID.class),
                        rs.getObject("pool_id", UUID.class)))
                .forEach(entry -> pools.computeIfAbsent(entry.getKey(), key -> new java.util.ArrayList<>())
                        .add(entry.getValue()));
        for (Row row : rows) {
            row.request().shifts(shifts.getOrDefault(row.id(), List.of()))
                    .poolIds(pools.getOrDefault(row.id(), List.of()));
        }
        return rows;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Row map(ResultSet rs, StatementContext ctx) throws SQLException {
        String reason = rs.getString("reason");
        Integer hoursPerWeek = rs.getObject("hours_per_week", Integer.class);
        Long maxTariff = rs.getObject("max_tariff_cents_per_hour", Long.class);
        StaffingRequest request = new StaffingRequest()
                .id(rs.getObject("id", UUID.class))
                .memberId(rs.getObject("member_id", UUID.class))
                .role(QualificationRole.fromValue(rs.getString("role")))
                .kind(StaffingRequestKind.fromValue(rs.getString("kind")))
                .startDate(rs.getObject("start_date", LocalDate.class))
                .endDate(rs.getObject("end_date", LocalDate.class))
                .hoursPerWeek(hoursPerWeek)
                .reason(reason == null ? null : CoverageReason.fromValue(reason))
                .locationPostcode(rs.getString("location_postcode"))
                .maxTariffCentsPerHour(maxTariff)
                .notes(rs.getString("notes"))
                .status(StaffingRequestStatus.fromValue(rs.getString("status")))
                .cancelledAt(rs.getObject("cancelled_at", OffsetDateTime.class))
                .cancellationReason(rs.getString("cancellation_reason"))
                .expiredAt(rs.getObject("expired_at", OffsetDateTime.class))
                .createdAt(rs.getObject("created_at", OffsetDateTime.class))
                .updatedAt(rs.getObject("updated_at", OffsetDateTime.class));
        return new Row(request, rs.getObject("starts_at", OffsetDateTime.class).toInstant(), rs.getInt("version"));
    }
}
