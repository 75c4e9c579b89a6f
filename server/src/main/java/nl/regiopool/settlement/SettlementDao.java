package nl.regiopool.settlement;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import nl.regiopool.page.Where;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** SQL for settlements, their statements, lines and positions. Row-level security scopes every statement. */
final class SettlementDao {

    private static final String COLUMNS = """
            s.id, s.period, s.status, s.fee_cents_per_hour, s.computed_at, s.closed_at, s.closed_by, s.version,
            s.created_at""";

    private static final String STATEMENT_COLUMNS = """
            st.id, st.settlement_id, s.period, st.lender_member_id, st.borrower_member_id, st.vat_percent,
            st.vat_exemption_ground, st.line_count, st.subtotal_cents, st.vat_cents, st.total_cents""";

    private static final String LINE_COLUMNS = """
            l.id, l.statement_id, l.placement_id, l.agreement_id, l.worker_id, l.lender_member_id,
            l.borrower_member_id, l.work_date, l.worked_seconds, l.base_cents, l.surcharge_cents, l.fee_cents,
            l.vat_cents, l.flags, l.correction_of_period""";

    /**
     * A completed shift as pricing needs it, with the terms of its agreement in force at the shift's start (the
     * latest version in force by then, else the first) and what closed settlements already charged for it.
     */
    private static final String SOURCE = """
            SELECT p.id, p.agreement_id, p.worker_id, a.lender_member_id, a.borrower_member_id, p.starts_at,
                   p.actual_starts_at, p.actual_ends_at, p.actual_break_minutes,
                   p.override_reason IS NOT NULL AS overridden, a.cao_rule_set_code, t.tariff_cents_per_hour,
                   t.cost_price_cents_per_hour, t.vat_eligible, settled.worked_seconds AS settled_seconds,
                   settled.base_cents AS settled_base, settled.surcharge_cents AS settled_surcharge,
                   settled.fee_cents AS settled_fee, %s AS origin_period
            FROM placement p
            JOIN loan_agreement a ON a.tenant_id = p.tenant_id AND a.id = p.agreement_id
            CROSS JOIN LATERAL (
                SELECT * FROM loan_agreement_version v
                WHERE v.tenant_id = a.tenant_id AND v.agreement_id = a.id
                  AND (v.version_no = 1 OR v.in_force_from <= p.starts_at)
                ORDER BY (v.in_force_from <= p.starts_at) DESC NULLS LAST, v.version_no DESC
                LIMIT 1) t
            CROSS JOIN LATERAL (
                SELECT coalesce(sum(l.worked_seconds), 0) AS worked_seconds, coalesce(sum(l.base_cents), 0) AS base_cents,
                       coalesce(sum(l.surcharge_cents), 0) AS surcharge_cents, coalesce(sum(l.fee_cents), 0) AS fee_cents
                FROM settlement_line l
                JOIN settlement ls ON ls.tenant_id = l.tenant_id AND ls.id = l.settlement_id AND ls.status = 'CLOSED'
                WHERE l.tenant_id = p.tenant_id AND l.placement_id = p.id) settled
            %s
            WHERE p.kind = 'SHIFT' AND p.status = 'COMPLETED'
              AND NOT (p.disputed_at IS NOT NULL AND p.dispute_resolved_at IS NULL)
              AND %s
            ORDER BY p.id""";

    private SettlementDao() {
    }

    record Row(UUID id, LocalDate period, String status, int feeCentsPerHour, OffsetDateTime computedAt,
               OffsetDateTime closedAt, String closedBy, int version, OffsetDateTime createdAt) {

        boolean closed() {
            return "CLOSED".equals(status);
        }
    }

    record StatementRow(UUID id, UUID settlementId, LocalDate period, UUID lenderMemberId, UUID borrowerMemberId,
                        int vatPercent, String vatExemptionGround, int lineCount, long subtotalCents, long vatCents,
                        long totalCents) {
    }

    record LineRow(UUID id, UUID statementId, UUID placementId, UUID agreementId, UUID workerId, UUID lenderMemberId,
                   UUID borrowerMemberId, LocalDate workDate, long workedSeconds, long baseCents, long surchargeCents,
                   long feeCents, long vatCents, List<String> flags, LocalDate correctionOfPeriod) {
    }

    record PositionRow(UUID memberId, long receivableCents, long payableCents, long netCents) {
    }

    /** A completed shift to settle: its worked time, agreement terms at its start, and what was settled before. */
    record Source(UUID placementId, UUID agreementId, UUID workerId, UUID lenderMemberId, UUID borrowerMemberId,
                  OffsetDateTime startsAt, OffsetDateTime actualStartsAt, OffsetDateTime actualEndsAt,
                  int actualBreakMinutes, boolean overridden, String caoRuleSetCode, long tariffCentsPerHour,
                  long costPriceCentsPerHour, boolean vatEligible, SettlementMath.Settled settled,
                  LocalDate originPeriod) {
    }

    /** A member as an invoice names it. */
    record Party(UUID id, String name, String kvkNumber, String iban, String postcode) {
    }

    record LineFilter(UUID agreementId, UUID workerId, UUID statementId) {
    }

    static Optional<Row> find(Handle handle, UUID id, boolean forUpdate) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM settlement s WHERE s.id = :id" + (forUpdate ? " FOR UPDATE" : ""))
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne();
    }

    static Optional<Row> findByPeriod(Handle handle, LocalDate period, boolean forUpdate) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM settlement s WHERE s.period = :period"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("period", period).map((rs, ctx) -> row(rs)).findOne();
    }

    static List<Row> list(Handle handle, LocalDate period, String status, UUID after, int limit) {
        Where where = new Where()
                .and("period", period, "s.period = :period")
                .and("status", status, "s.status = :status")
                .and("after", after, "s.id > :after")
                .bind("limit", limit + 1);
        return where.bindTo(handle.createQuery("SELECT " + COLUMNS + " FROM settlement s" + where.clause()
                        + "ORDER BY s.id LIMIT :limit"))
                .map((rs, ctx) -> row(rs)).list();
    }

    /** The latest CLOSED period, if any. */
    static Optional<LocalDate> latestClosed(Handle handle) {
        return handle.createQuery("SELECT max(period) FROM settlement WHERE status = 'CLOSED'")
                .mapTo(LocalDate.class).findOne();
    }

    /** Whether any period before this one was settled. */
    static boolean settledBefore(Handle handle, LocalDate period) {
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM settlement WHERE period < :period)")
                .bind("period", period).mapTo(Boolean.class).one();
    }

    static Row insert(Handle handle, UUID tenantId, UUID id, LocalDate period, int feeCentsPerHour) {
        return handle.createQuery("""
                        INSERT INTO settlement AS s (tenant_id, id, period, status, fee_cents_per_hour, computed_at)
                        VALUES (:tenant, :id, :period, 'DRAFT', :fee, now())
                        RETURNING\s""" + COLUMNS)
                .bind("tenant", tenantId).bind("id", id).bind("period", period).bind("fee", feeCentsPerHour)
                .map((rs, ctx) -> row(rs)).one();
    }

    static Row recomputed(Handle handle, UUID id, int feeCentsPerHour) {
        return handle.createQuery("""
                        UPDATE settlement AS s SET fee_cents_per_hour = :fee, computed_at = now(), version = version + 1
                        WHERE s.id = :id RETURNING\s""" + COLUMNS)
                .bind("id", id).bind("fee", feeCentsPerHour).map((rs, ctx) -> row(rs)).one();
    }

    /** Removes a DRAFT's contents before it is computed again (the triggers refuse it for a closed one). */
    static void clear(Handle handle, UUID id) {
        handle.createUpdate("DELETE FROM settlement_line WHERE settlement_id = :id").bind("id", id).execute();
        handle.createUpdate("DELETE FROM settlement_position WHERE settlement_id = :id").bind("id", id).execute();
        handle.createUpdate("DELETE FROM settlement_statement WHERE settlement_id = :id").bind("id", id).execute();
    }

    static void write(Handle handle, UUID tenantId, UUID settlementId, SettlementMath.Result result) {
        PreparedBatch statements = handle.prepareBatch("""
                INSERT INTO settlement_statement (tenant_id, id, settlement_id, lender_member_id, borrower_member_id,
                    vat_percent, vat_exemption_ground, line_count, subtotal_cents, vat_cents, total_cents)
                VALUES (:tenant, :id, :settlement, :lender, :borrower, :vatPercent, :ground, :lineCount, :subtotal,
                    :vat, :total)""");
        for (SettlementMath.Statement s : result.statements()) {
            statements.bind("tenant", tenantId).bind("id", s.id()).bind("settlement", settlementId)
                    .bind("lender", s.key().lenderMemberId()).bind("borrower", s.key().borrowerMemberId())
                    .bind("vatPercent", s.key().vat().percent()).bind("ground", s.key().vat().exemptionGround())
                    .bind("lineCount", s.lineCount()).bind("subtotal", s.subtotalCents()).bind("vat", s.vatCents())
                    .bind("total", s.totalCents()).add();
        }
        execute(statements);
        PreparedBatch lines = handle.prepareBatch("""
                INSERT INTO settlement_line (tenant_id, id, settlement_id, statement_id, placement_id, agreement_id,
                    worker_id, lender_member_id, borrower_member_id, work_date, worked_seconds, base_cents,
                    surcharge_cents, fee_cents, vat_cents, flags, correction_of_period)
                VALUES (:tenant, :id, :settlement, :statement, :placement, :agreement, :worker, :lender, :borrower,
                    :workDate, :seconds, :base, :surcharge, :fee, :vat, :flags, :correctionOf)""");
        int pending = 0;
        for (SettlementMath.Line l : result.lines()) {
            lines.bind("tenant", tenantId).bind("id", l.id()).bind("settlement", settlementId)
                    .bind("statement", l.statementId()).bind("placement", l.placementId())
                    .bind("agreement", l.agreementId()).bind("worker", l.workerId()).bind("lender", l.lenderMemberId())
                    .bind("borrower", l.borrowerMemberId()).bind("workDate", l.workDate())
                    .bind("seconds", l.workedSeconds()).bind("base", l.baseCents()).bind("surcharge", l.surchargeCents())
                    .bind("fee", l.feeCents()).bind("vat", l.vatCents())
                    .bind("flags", l.flags().stream().map(Enum::name).sorted().toArray(String[]::new))
                    .bind("correctionOf", l.correctionOf() == null ? null : l.correctionOf().atDay(1))
                    .add();
            if (++pending == 1000) {
                lines.execute();
                pending = 0;
            }
        }
        execute(lines);
        PreparedBatch positions = handle.prepareBatch("""
                INSERT INTO settlement_position (tenant_id, settlement_id, member_id, receivable_cents, payable_cents,
                    net_cents)
                VALUES (:tenant, :settlement, :member, :receivable, :payable, :net)""");
        for (SettlementMath.Position p : result.positions()) {
            positions.bind("tenant", tenantId).bind("settlement", settlementId).bindByType("member", p.memberId(), UUID.class)
                    .bind("receivable", p.receivableCents()).bind("payable", p.payableCents()).bind("net", p.netCents())
                    .add();
        }
        execute(positions);
    }

    /** Seals the contents and closes the settlement; from here on the triggers refuse every change. */
    static Row close(Handle handle, UUID id, String by) {
        handle.createUpdate("UPDATE settlement_line SET sealed = true WHERE settlement_id = :id").bind("id", id).execute();
        handle.createUpdate("UPDATE settlement_statement SET sealed = true WHERE settlement_id = :id").bind("id", id).execute();
        handle.createUpdate("UPDATE settlement_position SET sealed = true WHERE settlement_id = :id").bind("id", id).execute();
        return handle.createQuery("""
                        UPDATE settlement AS s SET status = 'CLOSED', closed_at = now(), closed_by = :by,
                            version = version + 1
                        WHERE s.id = :id RETURNING\s""" + COLUMNS)
                .bind("id", id).bind("by", by).map((rs, ctx) -> row(rs)).one();
    }

    /** The month's own completed shifts, by start instant in [from, to). */
    static void sources(Handle handle, OffsetDateTime from, OffsetDateTime to, Consumer<Source> each) {
        handle.createQuery(String.format(SOURCE, "CAST(NULL AS date)", "", "p.starts_at >= :from AND p.starts_at < :to"))
                .bind("from", from).bind("to", to).setFetchSize(2000)
                .map((rs, ctx) -> source(rs)).forEach(each);
    }

    /**
     * Shifts of closed months before {@code period} that changed after their month was closed (a resolved
     * dispute, a late completion): candidates for correction lines.
     */
    static void changedInClosedMonths(Handle handle, LocalDate period, ZoneId zone, Consumer<Source> each) {
        handle.createQuery(String.format(SOURCE, "o.period", """
                        JOIN settlement o ON o.tenant_id = p.tenant_id AND o.status = 'CLOSED' AND o.period < :period
                         AND p.starts_at >= (CAST(o.period AS timestamp) AT TIME ZONE :zone)
                         AND p.starts_at < (CAST(o.period + interval '1 month' AS timestamp) AT TIME ZONE :zone)""",
                        "p.updated_at > o.closed_at"))
                .bind("period", period).bind("zone", zone.getId()).setFetchSize(2000)
                .map((rs, ctx) -> source(rs)).forEach(each);
    }

    static List<StatementRow> statements(Handle handle, UUID settlementId, UUID viewer, UUID memberId, UUID after,
                                         Integer limit) {
        Where where = new Where().and("st.settlement_id = :settlement").bind("settlement", settlementId)
                .and("viewer", viewer, ":viewer IN (st.lender_member_id, st.borrower_member_id)")
                .and("member", memberId, ":member IN (st.lender_member_id, st.borrower_member_id)")
                .and("after", after, "st.id > :after");
        String limitSql = "";
        if (limit != null) {
            where.bind("limit", limit + 1);
            limitSql = " LIMIT :limit";
        }
        return where.bindTo(handle.createQuery("SELECT " + STATEMENT_COLUMNS
                        + " FROM settlement_statement st JOIN settlement s ON s.tenant_id = st.tenant_id AND s.id = st.settlement_id"
                        + where.clause() + "ORDER BY st.id" + limitSql))
                .map((rs, ctx) -> statement(rs)).list();
    }

    static Optional<StatementRow> statement(Handle handle, UUID settlementId, UUID statementId, UUID viewer) {
        Where where = new Where().and("st.settlement_id = :settlement").bind("settlement", settlementId)
                .and("st.id = :id").bind("id", statementId)
                .and("viewer", viewer, ":viewer IN (st.lender_member_id, st.borrower_member_id)");
        return where.bindTo(handle.createQuery("SELECT " + STATEMENT_COLUMNS
                        + " FROM settlement_statement st JOIN settlement s ON s.tenant_id = st.tenant_id AND s.id = st.settlement_id"
                        + where.clause()))
                .map((rs, ctx) -> statement(rs)).findOne();
    }

    static List<PositionRow> positions(Handle handle, UUID settlementId, UUID viewer) {
        Where where = new Where().and("settlement_id = :settlement").bind("settlement", settlementId)
                .and("viewer", viewer, "member_id = :viewer");
        return where.bindTo(handle.createQuery("""
                        SELECT member_id, receivable_cents, payable_cents, net_cents FROM settlement_position"""
                        + where.clause() + "ORDER BY member_id NULLS LAST"))
                .map((rs, ctx) -> new PositionRow(rs.getObject("member_id", UUID.class), rs.getLong("receivable_cents"),
                        rs.getLong("payable_cents"), rs.getLong("net_cents")))
                .list();
    }

    static int lineCount(Handle handle, UUID settlementId, UUID viewer) {
        Where where = new Where().and("settlement_id = :settlement").bind("settlement", settlementId)
                .and("viewer", viewer, ":viewer IN (lender_member_id, borrower_member_id)");
        return where.bindTo(handle.createQuery("SELECT count(*) FROM settlement_line" + where.clause()))
                .mapTo(Integer.class).one();
    }

    static List<LineRow> lines(Handle handle, UUID settlementId, UUID viewer, LineFilter filter, UUID after, int limit) {
        Where where = new Where().and("l.settlement_id = :settlement").bind("settlement", settlementId)
                .and("viewer", viewer, ":viewer IN (l.lender_member_id, l.borrower_member_id)")
                .and("agreement", filter.agreementId(), "l.agreement_id = :agreement")
                .and("worker", filter.workerId(), "l.worker_id = :worker")
                .and("statement", filter.statementId(), "l.statement_id = :statement")
                .and("after", after, "l.id > :after")
                .bind("limit", limit + 1);
        return where.bindTo(handle.createQuery("SELECT " + LINE_COLUMNS + " FROM settlement_line l" + where.clause()
                        + "ORDER BY l.id LIMIT :limit"))
                .map((rs, ctx) -> line(rs)).list();
    }

    static List<Party> parties(Handle handle, Collection<UUID> memberIds) {
        return handle.createQuery("""
                        SELECT id, name, kvk_number, iban, postcode FROM member WHERE id = ANY(:ids) ORDER BY id""")
                .bind("ids", memberIds.toArray(UUID[]::new))
                .map((rs, ctx) -> new Party(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("kvk_number"), rs.getString("iban"), rs.getString("postcode")))
                .list();
    }

    private static void execute(PreparedBatch batch) {
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("period", LocalDate.class), rs.getString("status"),
                rs.getInt("fee_cents_per_hour"), rs.getObject("computed_at", OffsetDateTime.class),
                rs.getObject("closed_at", OffsetDateTime.class), rs.getString("closed_by"), rs.getInt("version"),
                rs.getObject("created_at", OffsetDateTime.class));
    }

    private static StatementRow statement(ResultSet rs) throws SQLException {
        return new StatementRow(rs.getObject("id", UUID.class), rs.getObject("settlement_id", UUID.class),
                rs.getObject("period", LocalDate.class), rs.getObject("lender_member_id", UUID.class),
                rs.getObject("borrower_member_id", UUID.class), rs.getInt("vat_percent"),
                rs.getString("vat_exemption_ground"), rs.getInt("line_count"), rs.getLong("subtotal_cents"),
                rs.getLong("vat_cents"), rs.getLong("total_cents"));
    }

    private static LineRow line(ResultSet rs) throws SQLException {
        Array flags = rs.getArray("flags");
        return new LineRow(rs.getObject("id", UUID.class), rs.getObject("statement_id", UUID.class),
                rs.getObject("placement_id", UUID.class), rs.getObject("agreement_id", UUID.class),
                rs.getObject("worker_id", UUID.class), rs.getObject("lender_member_id", UUID.class),
                rs.getObject("borrower_member_id", UUID.class), rs.getObject("work_date", LocalDate.class),
                rs.getLong("worked_seconds"), rs.getLong("base_cents"), rs.getLong("surcharge_cents"),
                rs.getLong("fee_cents"), rs.getLong("vat_cents"),
                flags == null ? List.of() : Arrays.asList((String[]) flags.getArray()),
                rs.getObject("correction_of_period", LocalDate.class));
    }

    private static Source source(ResultSet rs) throws SQLException {
        return new Source(rs.getObject("id", UUID.class), rs.getObject("agreement_id", UUID.class),
                rs.getObject("worker_id", UUID.class), rs.getObject("lender_member_id", UUID.class),
                rs.getObject("borrower_member_id", UUID.class), rs.getObject("starts_at", OffsetDateTime.class),
                rs.getObject("actual_starts_at", OffsetDateTime.class), rs.getObject("actual_ends_at", OffsetDateTime.class),
                rs.getInt("actual_break_minutes"), rs.getBoolean("overridden"), rs.getString("cao_rule_set_code"),
                rs.getLong("tariff_cents_per_hour"), rs.getLong("cost_price_cents_per_hour"),
                rs.getBoolean("vat_eligible"),
                new SettlementMath.Settled(rs.getLong("settled_seconds"), rs.getLong("settled_base"),
                        rs.getLong("settled_surcharge"), rs.getLong("settled_fee")),
                rs.getObject("origin_period", LocalDate.class));
    }
}
