package nl.regiopool.worker;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.api.model.ContractType;
import nl.regiopool.api.model.MemberStatus;
import nl.regiopool.api.model.Qualification;
import nl.regiopool.api.model.QualificationRole;
import nl.regiopool.api.model.Worker;
import nl.regiopool.api.model.WorkerStatus;
import nl.regiopool.api.model.WorkerVisibility;
import nl.regiopool.page.Where;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * SQL for workers. Row-level security scopes every statement to the transaction's tenant; the
 * access rules between members are in {@link #VISIBLE}: which workers a viewer sees and how much.
 */
final class WorkerDao {

    /** A membership that has not ended: the worker is "in the pool" now or from a planned day. */
    private static final String IN_A_POOL = "(m.valid_to IS NULL OR m.valid_to >= tenant_today())";

    /**
     * Every worker the viewer may see, with the fields it may see: FULL for admins and the
     * employing member, NO_CONTACT for auditors, LIMITED for other members' workers that are in a
     * pool; no row at all otherwise.
     */
    private static final String VISIBLE = """
            WITH visible AS (
                SELECT w.*, CASE
                        WHEN :scope = 'ADMIN' THEN 'FULL'
                        WHEN :scope = 'AUDITOR' THEN 'NO_CONTACT'
                        WHEN w.employer_member_id = :viewerMember THEN 'FULL'
                        WHEN EXISTS (SELECT 1 FROM pool_membership m WHERE m.worker_id = w.id AND\s""" + IN_A_POOL + """
                            ) THEN 'LIMITED'
                    END AS visibility
                FROM worker w
            )
            SELECT v.id, v.employer_member_id, v.given_name, v.family_name, v.status, v.visibility, v.version,
                   v.created_at, v.updated_at,
                   CASE WHEN v.visibility = 'FULL' THEN v.email END AS email,
                   CASE WHEN v.visibility = 'FULL' THEN v.phone END AS phone,
                   CASE WHEN v.visibility <> 'LIMITED' THEN v.contract_hours_per_week END AS contract_hours_per_week,
                   CASE WHEN v.visibility <> 'LIMITED' THEN v.contract_type END AS contract_type,
                   CASE WHEN v.visibility <> 'LIMITED' THEN v.hourly_cost_cents END AS hourly_cost_cents,
                   CASE WHEN v.visibility <> 'LIMITED' THEN v.postcode END AS postcode,
                   CASE WHEN v.visibility <> 'LIMITED' THEN v.latitude END AS latitude,
                   CASE WHEN v.visibility <> 'LIMITED' THEN v.longitude END AS longitude,
                   ARRAY(SELECT DISTINCT m.pool_id FROM pool_membership m
                          WHERE m.worker_id = v.id AND\s""" + IN_A_POOL + """
                          ORDER BY m.pool_id) AS pool_ids,
                   ARRAY(SELECT q.role FROM worker_qualification q WHERE q.worker_id = v.id ORDER BY q.role) AS q_roles,
                   ARRAY(SELECT q.big_number FROM worker_qualification q WHERE q.worker_id = v.id ORDER BY q.role) AS q_big,
                   ARRAY(SELECT q.valid_until FROM worker_qualification q WHERE q.worker_id = v.id ORDER BY q.role) AS q_until
            FROM visible v
            WHERE v.visibility IS NOT NULL
            """;

    private WorkerDao() {
    }

    record Row(Worker worker, int version) {
    }

    /** The columns a write stores; ids, status and timestamps aside. */
    record Values(UUID employerMemberId, String givenName, String familyName, String email, String phone,
                  int contractHoursPerWeek, ContractType contractType, int hourlyCostCents, String postcode,
                  WorkerStatus status, Double latitude, Double longitude) {
    }

    static void insert(Handle handle, UUID tenantId, UUID id, Values values) {
        Update insert = handle.createUpdate("""
                        INSERT INTO worker (tenant_id, id, employer_member_id, given_name, family_name, email, phone,
                            contract_hours_per_week, contract_type, hourly_cost_cents, postcode, status, latitude,
                            longitude)
                        VALUES (:tenant, :id, :employer, :givenName, :familyName, :email, :phone, :hours,
                            :contractType, :cost, :postcode, :status, :latitude, :longitude)""")
                .bind("tenant", tenantId)
                .bind("id", id)
                .bind("employer", values.employerMemberId());
        bindValues(insert, values).execute();
    }

    static void update(Handle handle, UUID id, Values values) {
        Update update = handle.createUpdate("""
                        UPDATE worker SET given_name = :givenName, family_name = :familyName, email = :email,
                            phone = :phone, contract_hours_per_week = :hours, contract_type = :contractType,
                            hourly_cost_cents = :cost, postcode = :postcode, status = :status,
                            latitude = :latitude, longitude = :longitude,
                            version = version + 1, updated_at = now()
                        WHERE id = :id""")
                .bind("id", id);
        bindValues(update, values).execute();
    }

    private static Update bindValues(Update statement, Values values) {
        return statement
                .bind("givenName", values.givenName())
                .bind("familyName", values.familyName())
                .bind("email", values.email())
                .bind("phone", values.phone())
                .bind("hours", values.contractHoursPerWeek())
                .bind("contractType", values.contractType().toString())
                .bind("cost", values.hourlyCostCents())
                .bind("postcode", values.postcode())
                .bind("status", values.status().toString())
                .bind("latitude", values.latitude())
                .bind("longitude", values.longitude());
    }

    static void replaceQualifications(Handle handle, UUID tenantId, UUID workerId, List<Qualification> qualifications) {
        handle.createUpdate("DELETE FROM worker_qualification WHERE worker_id = :worker")
                .bind("worker", workerId)
                .execute();
        for (Qualification qualification : qualifications) {
            handle.createUpdate("""
                            INSERT INTO worker_qualification (tenant_id, worker_id, role, big_number, valid_until)
                            VALUES (:tenant, :worker, :role, :big, :until)""")
                    .bind("tenant", tenantId)
                    .bind("worker", workerId)
                    .bind("role", qualification.getRole().toString())
                    .bind("big", qualification.getBigNumber())
                    .bind("until", qualification.getValidUntil())
                    .execute();
        }
    }

    /** Locks the worker row for a change; false when there is no such worker in the tenant. */
    static boolean lock(Handle handle, UUID id) {
        return handle.createQuery("SELECT 1 FROM worker WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }

    /** The employer's status, if it is a member of the tenant. */
    static Optional<MemberStatus> memberStatus(Handle handle, UUID memberId) {
        return handle.createQuery("SELECT status FROM member WHERE id = :id")
                .bind("id", memberId)
                .map((rs, ctx) -> MemberStatus.fromValue(rs.getString("status")))
                .findOne();
    }

    static Optional<Row> find(Handle handle, Viewer viewer, UUID id) {
        return viewing(handle.createQuery(VISIBLE + " AND v.id = :id"), viewer)
                .bind("id", id)
                .map(WorkerDao::map)
                .findOne();
    }

    record Filter(UUID employerMemberId, QualificationRole role, WorkerStatus status, UUID poolId, String nameContains) {
    }

    static List<Row> list(Handle handle, Viewer viewer, Filter filter, UUID after, int limit) {
        Where where = new Where()
                .and("employer", filter.employerMemberId(), "v.employer_member_id = :employer")
                .and("status", filter.status() == null ? null : filter.status().toString(), "v.status = :status")
                .and("role", filter.role() == null ? null : filter.role().toString(),
                        "EXISTS (SELECT 1 FROM worker_qualification q WHERE q.worker_id = v.id AND q.role = :role)")
                .and("pool", filter.poolId(), "EXISTS (SELECT 1 FROM pool_membership m"
                        + " WHERE m.worker_id = v.id AND m.pool_id = :pool AND " + IN_A_POOL + ")")
                .and("name", filter.nameContains() == null ? null : likeEscaped(filter.nameContains()),
                        "(v.given_name || ' ' || v.family_name) ILIKE '%' || :name || '%' ESCAPE '\\'")
                .and("after", after, "v.id > :after")
                .bind("limit", limit + 1);
        return where.bindTo(viewing(handle.createQuery(VISIBLE + where.andClause() + "ORDER BY v.id LIMIT :limit"), viewer))
                .map(WorkerDao::map)
                .list();
    }

    private static Query viewing(Query query, Viewer viewer) {
        return query.bind("scope", viewer.scope().name()).bind("viewerMember", viewer.memberId());
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Row map(ResultSet rs, StatementContext ctx) throws SQLException {
        Worker worker = new Worker(
                rs.getObject("id", UUID.class),
                rs.getString("given_name"),
                rs.getString("family_name"),
                rs.getObject("employer_member_id", UUID.class),
                qualifications(rs),
                Arrays.asList((UUID[]) rs.getArray("pool_ids").getArray()),
                WorkerStatus.fromValue(rs.getString("status")),
                WorkerVisibility.fromValue(rs.getString("visibility")),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class))
                .email(rs.getString("email"))
                .phone(rs.getString("phone"))
                .contractHoursPerWeek((Integer) rs.getObject("contract_hours_per_week"))
                .contractType(rs.getString("contract_type") == null ? null : ContractType.fromValue(rs.getString("contract_type")))
                .hourlyCostCents((Integer) rs.getObject("hourly_cost_cents"))
                .postcode(rs.getString("postcode"))
                .latitude((Double) rs.getObject("latitude"))
                .longitude((Double) rs.getObject("longitude"));
        return new Row(worker, rs.getInt("version"));
    }

    private static List<Qualification> qualifications(ResultSet rs) throws SQLException {
        String[] roles = (String[]) array(rs.getArray("q_roles"));
        String[] bigNumbers = (String[]) array(rs.getArray("q_big"));
        Date[] validUntil = (Date[]) array(rs.getArray("q_until"));
        List<Qualification> qualifications = new ArrayList<>(roles.length);
        for (int i = 0; i < roles.length; i++) {
            qualifications.add(new Qualification(QualificationRole.fromValue(roles[i]))
                    .bigNumber(bigNumbers[i])
                    .validUntil(validUntil[i] == null ? null : validUntil[i].toLocalDate()));
        }
        return qualifications;
    }

    private static Object array(Array array) throws SQLException {
        return array.getArray();
    }
}
