package nl.regiopool.settlement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import nl.regiopool.page.Where;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

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

    /** The completed shifts to settle, in no particular order: a month is settled as it streams. */
    private static final String SOURCE = """
            SELECT p.id, p.agreement_id, p.worker_id, p.starts_at, p.actual_starts_at, p.actual_ends_at,
                   p.actual_break_minutes, p.override_reason IS NOT NULL AS overridden
            FROM placement p
            WHERE p.kind = 'SHIFT' AND p.status = 'COMPLETED'
              AND NOT (p.disputed_at IS NOT NULL AND p.dispute_resolved_at IS NULL)
              AND p.starts_at >= :from AND p.starts_at < :to""";

    /**
     * What closed settlements charged for those shifts (their lines are the sealed ones), read before the month's
     * lines are written.
     */
    private static final String SETTLED = """
            SELECT l.placement_id, sum(l.worked_seconds) AS worked_seconds, sum(l.base_cents) AS base_cents,
                   sum(l.surcharge_cents) AS surcharge_cents, sum(l.fee_cents) AS fee_cents
            FROM settlement_line l
            WHERE l.sealed AND (l.tenant_id, l.placement_id) IN (SELECT p.tenant_id, p.id FROM placement p
                WHERE p.kind = 'SHIFT' AND p.status = 'COMPLETED'
                  AND NOT (p.disputed_at IS NOT NULL AND p.dispute_resolved_at IS NULL)
                  AND p.starts_at >= :from AND p.starts_at < :to %s)
            GROUP BY l.placement_id""";

    /** An agreement's parties, CAO and versions, newest first. */
    private static final String TERMS = """
            SELECT a.id, a.lender_member_id, a.borrower_member_id, a.cao_rule_set_code, v.version_no, v.in_force_from,
                   v.tariff_cents_per_hour, v.cost_price_cents_per_hour, v.vat_eligible
            FROM loan_agreement a
            JOIN loan_agreement_version v ON v.tenant_id = a.tenant_id AND v.agreement_id = a.id
            WHERE %s
            ORDER BY a.id, v.version_no DESC""";

    private static final int LINES_PER_INSERT = 2500;
    /** Sources read at a time: several batches of lines, so that most of their pricing overlaps an insert. */
    private static final int SOURCES_PER_FETCH = 10_000;

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

    /** A completed shift to settle: its worked time. */
    record Source(UUID placementId, UUID agreementId, UUID workerId, OffsetDateTime startsAt,
                  OffsetDateTime actualStartsAt, OffsetDateTime actualEndsAt, int actualBreakMinutes,
                  boolean overridden) {
    }

    /** An agreement's parties and CAO, with its versions newest first. */
    record Terms(UUID agreementId, UUID lenderMemberId, UUID borrowerMemberId, String caoRuleSetCode,
                 List<Version> versions) {

        /** The latest version in force at {@code instant}, else the first (empty when there is none). */
        Optional<Version> at(OffsetDateTime instant) {
            Version first = null;
            for (Version v : versions) {
                if (v.inForceFrom() != null && !v.inForceFrom().isAfter(instant)) {
                    return Optional.of(v);
                }
                if (v.versionNo() == 1) {
                    first = v;
                }
            }
            return Optional.ofNullable(first);
        }
    }

    record Version(int versionNo, OffsetDateTime inForceFrom, long tariffCentsPerHour, long costPriceCentsPerHour,
                   boolean vatEligible) {
    }

    /** A closed month: its first day and when it was closed. */
    record Closed(LocalDate period, OffsetDateTime closedAt) {
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

    /** The completed shifts starting in [from, to). */
    static void sources(Handle handle, OffsetDateTime from, OffsetDateTime to, Consumer<Source> each) {
        handle.createQuery(SOURCE).bind("from", from).bind("to", to).setFetchSize(SOURCES_PER_FETCH)
                .map((rs, ctx) -> source(rs)).forEach(each);
    }

    /**
     * The completed shifts starting in [from, to) that changed after {@code closedAt} (a resolved dispute, a late
     * completion): candidates for correction lines of a month closed then.
     */
    static void changedSince(Handle handle, OffsetDateTime from, OffsetDateTime to, OffsetDateTime closedAt,
                             Consumer<Source> each) {
        handle.createQuery(SOURCE + " AND p.updated_at > :closedAt").bind("from", from).bind("to", to)
                .bind("closedAt", closedAt).setFetchSize(SOURCES_PER_FETCH)
                .map((rs, ctx) -> source(rs)).forEach(each);
    }

    /** What closed settlements charged for the shifts {@link #sources} (or {@link #changedSince}) reads. */
    static Map<UUID, SettlementMath.Settled> settled(Handle handle, OffsetDateTime from, OffsetDateTime to,
                                                     OffsetDateTime changedSince) {
        Map<UUID, SettlementMath.Settled> settled = new HashMap<>();
        Query query = handle.createQuery(String.format(SETTLED, changedSince == null ? "" : "AND p.updated_at > :closedAt"))
                .bind("from", from).bind("to", to);
        if (changedSince != null) {
            query.bind("closedAt", changedSince);
        }
        query.map((rs, ctx) -> Map.entry(rs.getObject("placement_id", UUID.class),
                        new SettlementMath.Settled(rs.getLong("worked_seconds"), rs.getLong("base_cents"),
                                rs.getLong("surcharge_cents"), rs.getLong("fee_cents"))))
                .forEach(e -> settled.put(e.getKey(), e.getValue()));
        return settled;
    }

    /** The closed months before {@code period}. */
    static List<Closed> closedBefore(Handle handle, LocalDate period) {
        return handle.createQuery("""
                        SELECT period, closed_at FROM settlement WHERE status = 'CLOSED' AND period < :period
                        ORDER BY period""")
                .bind("period", period)
                .map((rs, ctx) -> new Closed(rs.getObject("period", LocalDate.class),
                        rs.getObject("closed_at", OffsetDateTime.class)))
                .list();
    }

    /** The terms of every agreement with a completed shift starting in [from, to). */
    static void terms(Handle handle, OffsetDateTime from, OffsetDateTime to, Consumer<Terms> each) {
        terms(handle.createQuery(String.format(TERMS, """
                        (a.tenant_id, a.id) IN (SELECT p.tenant_id, p.agreement_id FROM placement p
                                                WHERE p.kind = 'SHIFT' AND p.status = 'COMPLETED'
                                                  AND p.starts_at >= :from AND p.starts_at < :to)"""))
                .bind("from", from).bind("to", to).setFetchSize(2000), each);
    }

    static Optional<Terms> terms(Handle handle, UUID agreementId) {
        List<Terms> found = new ArrayList<>();
        terms(handle.createQuery(String.format(TERMS, "a.id = :agreement")).bind("agreement", agreementId), found::add);
        return found.stream().findFirst();
    }

    /** Groups the rows of {@link #TERMS} (ordered by agreement) into one {@link Terms} each. */
    private static void terms(Query query, Consumer<Terms> each) {
        Terms[] current = new Terms[1];
        query.map((rs, ctx) -> {
            UUID id = rs.getObject("id", UUID.class);
            Terms terms = current[0] != null && current[0].agreementId().equals(id) ? null
                    : new Terms(id, rs.getObject("lender_member_id", UUID.class),
                            rs.getObject("borrower_member_id", UUID.class), rs.getString("cao_rule_set_code"),
                            new ArrayList<>(2));
            Version version = new Version(rs.getInt("version_no"), rs.getObject("in_force_from", OffsetDateTime.class),
                    rs.getLong("tariff_cents_per_hour"), rs.getLong("cost_price_cents_per_hour"),
                    rs.getBoolean("vat_eligible"));
            return Map.entry(Optional.ofNullable(terms), version);
        }).forEach(row -> {
            if (row.getKey().isPresent()) {
                if (current[0] != null) {
                    each.accept(current[0]);
                }
                current[0] = row.getKey().get();
            }
            current[0].versions().add(row.getValue());
        });
        if (current[0] != null) {
            each.accept(current[0]);
        }
    }

    /**
     * Writes a month's rows as they are computed: a statement when its first line comes (with placeholder sums,
     * see {@link #finishStatements}), lines {@value #LINES_PER_INSERT} to a statement. Each batch of lines is
     * inserted on a thread of its own while the next batch is priced (one batch in flight at a time, on the same
     * connection and transaction, whose driver runs one statement at a time), so that a month costs about the
     * database's time rather than the database's and the pricing's added up. Close it before the transaction ends.
     */
    static final class MonthWriter implements AutoCloseable {
        private final Handle handle;
        private final UUID tenantId;
        private final UUID settlementId;
        private final Set<UUID> statements = new HashSet<>();
        private final List<SettlementMath.Line> pending = new ArrayList<>(LINES_PER_INSERT);
        private final ExecutorService inserts = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "settlement-lines");
            thread.setDaemon(true);
            return thread;
        });
        private Future<?> inserting = CompletableFuture.completedFuture(null);

        MonthWriter(Handle handle, UUID tenantId, UUID settlementId) {
            this.handle = handle;
            this.tenantId = tenantId;
            this.settlementId = settlementId;
        }

        void line(SettlementMath.Line line) {
            if (statements.add(line.statementId())) {
                openStatement(line);
            }
            pending.add(line);
            if (pending.size() == LINES_PER_INSERT) {
                flush();
            }
        }

        /** Writes the remaining lines, the statements' sums and the positions. */
        void finish(List<SettlementMath.Statement> sums, List<SettlementMath.Position> positions) {
            flush();
            awaitInsert();
            finishStatements(sums);
            insertPositions(positions);
        }

        /** Waits for the batch in flight (a failure of it is the caller's from {@link #finish}) and stops the thread. */
        @Override
        public void close() {
            try {
                inserting.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // seen by finish, or the month is abandoned for another failure
            } finally {
                inserts.shutdown();
            }
        }

        private void awaitInsert() {
            try {
                inserting.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a settlement's lines were inserted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Exception checked) {
                    throw new UnableToExecuteStatementException(checked, null);
                }
                throw (Error) e.getCause();
            }
        }

        /** A statement has at least one line (a CHECK): its real sums follow when the month is complete. */
        private void openStatement(SettlementMath.Line line) {
            SettlementMath.Vat vat = line.vat();
            handle.createUpdate("""
                            INSERT INTO settlement_statement (tenant_id, id, settlement_id, lender_member_id,
                                borrower_member_id, vat_percent, vat_exemption_ground, line_count, subtotal_cents,
                                vat_cents, total_cents)
                            VALUES (:tenant, :id, :settlement, :lender, :borrower, :vatPercent, :ground, 1, 0, 0, 0)""")
                    .bind("tenant", tenantId).bind("id", line.statementId()).bind("settlement", settlementId)
                    .bind("lender", line.lenderMemberId()).bind("borrower", line.borrowerMemberId())
                    .bind("vatPercent", vat.percent()).bind("ground", vat.exemptionGround())
                    .execute();
        }

        private void finishStatements(List<SettlementMath.Statement> sums) {
            if (sums.isEmpty()) {
                return;
            }
            handle.createUpdate("""
                            UPDATE settlement_statement st
                            SET line_count = u.line_count, subtotal_cents = u.subtotal, vat_cents = u.vat,
                                total_cents = u.total
                            FROM unnest(:ids, :lineCounts, :subtotals, :vats, :totals)
                                AS u(id, line_count, subtotal, vat, total)
                            WHERE st.settlement_id = :settlement AND st.id = u.id""")
                    .bind("settlement", settlementId)
                    .bind("ids", sums.stream().map(SettlementMath.Statement::id).toArray(UUID[]::new))
                    .bind("lineCounts", sums.stream().map(SettlementMath.Statement::lineCount).toArray(Integer[]::new))
                    .bind("subtotals", sums.stream().map(SettlementMath.Statement::subtotalCents).toArray(Long[]::new))
                    .bind("vats", sums.stream().map(SettlementMath.Statement::vatCents).toArray(Long[]::new))
                    .bind("totals", sums.stream().map(SettlementMath.Statement::totalCents).toArray(Long[]::new))
                    .execute();
        }

        private void insertPositions(List<SettlementMath.Position> positions) {
            PreparedBatch batch = handle.prepareBatch("""
                    INSERT INTO settlement_position (tenant_id, settlement_id, member_id, receivable_cents,
                        payable_cents, net_cents)
                    VALUES (:tenant, :settlement, :member, :receivable, :payable, :net)""");
            for (SettlementMath.Position p : positions) {
                batch.bind("tenant", tenantId).bind("settlement", settlementId).bindByType("member", p.memberId(), UUID.class)
                        .bind("receivable", p.receivableCents()).bind("payable", p.payableCents())
                        .bind("net", p.netCents()).add();
            }
            execute(batch);
        }

        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            LineBatch batch = LineBatch.of(pending);
            pending.clear();
            awaitInsert();
            Connection connection = handle.getConnection();
            inserting = inserts.submit(() -> {
                batch.insert(connection, tenantId, settlementId);
                return null;
            });
        }
    }

    /** A batch of lines as the columns of one INSERT ... SELECT FROM unnest(...). */
    private record LineBatch(UUID[] ids, UUID[] statementIds, UUID[] placements, UUID[] agreements, UUID[] workers,
                             UUID[] lenders, UUID[] borrowers, String[] workDates, Long[] seconds, Long[] bases,
                             Long[] surcharges, Long[] fees, Long[] vats, String[] flags, String[] corrections) {

        private static final String INSERT = """
                INSERT INTO settlement_line (tenant_id, id, settlement_id, statement_id, placement_id,
                    agreement_id, worker_id, lender_member_id, borrower_member_id, work_date, worked_seconds,
                    base_cents, surcharge_cents, fee_cents, vat_cents, flags, correction_of_period)
                SELECT ?, u.id, ?, u.statement, u.placement, u.agreement, u.worker, u.lender,
                       u.borrower, u.work_date, u.seconds, u.base, u.surcharge, u.fee, u.vat,
                       string_to_array(u.flags, ' '), u.correction_of
                FROM unnest(?, ?, ?, ?, ?, ?, ?, CAST(? AS date[]), ?, ?, ?, ?, ?, ?, CAST(? AS date[]))
                    AS u(id, statement, placement, agreement, worker, lender, borrower, work_date, seconds,
                         base, surcharge, fee, vat, flags, correction_of)""";

        static LineBatch of(List<SettlementMath.Line> lines) {
            int n = lines.size();
            LineBatch b = new LineBatch(new UUID[n], new UUID[n], new UUID[n], new UUID[n], new UUID[n], new UUID[n],
                    new UUID[n], new String[n], new Long[n], new Long[n], new Long[n], new Long[n], new Long[n],
                    new String[n], new String[n]);
            for (int i = 0; i < n; i++) {
                SettlementMath.Line l = lines.get(i);
                b.ids[i] = l.id();
                b.statementIds[i] = l.statementId();
                b.placements[i] = l.placementId();
                b.agreements[i] = l.agreementId();
                b.workers[i] = l.workerId();
                b.lenders[i] = l.lenderMemberId();
                b.borrowers[i] = l.borrowerMemberId();
                b.workDates[i] = l.workDate().toString();
                b.seconds[i] = l.workedSeconds();
                b.bases[i] = l.baseCents();
                b.surcharges[i] = l.surchargeCents();
                b.fees[i] = l.feeCents();
                b.vats[i] = l.vatCents();
                b.flags[i] = String.join(" ", l.flags().stream().map(Enum::name).sorted().toList());
                b.corrections[i] = l.correctionOf() == null ? null : l.correctionOf().atDay(1).toString();
            }
            return b;
        }

        /**
         * Inserts the batch. The foreign-key check of a line's statement is planned once per connection, at the first
         * line it checks, when the month's statement table holds a row or two: planned then, it scans the table for
         * every line, and keeps doing so when the month has hundreds of statements (a fifth of a month's compute).
         * Planned with sequential scans off, it reads the statement's key.
         */
        void insert(Connection connection, UUID tenantId, UUID settlementId) throws SQLException {
            try (Statement session = connection.createStatement();
                 PreparedStatement insert = connection.prepareStatement(INSERT)) {
                session.execute("SET LOCAL enable_seqscan = off");
                int i = 0;
                insert.setObject(++i, tenantId);
                insert.setObject(++i, settlementId);
                for (UUID[] column : List.of(ids, statementIds, placements, agreements, workers, lenders, borrowers)) {
                    insert.setArray(++i, connection.createArrayOf("uuid", column));
                }
                insert.setArray(++i, connection.createArrayOf("text", workDates));
                for (Long[] column : List.of(seconds, bases, surcharges, fees, vats)) {
                    insert.setArray(++i, connection.createArrayOf("bigint", column));
                }
                insert.setArray(++i, connection.createArrayOf("text", flags));
                insert.setArray(++i, connection.createArrayOf("text", corrections));
                insert.executeUpdate();
                session.execute("SET LOCAL enable_seqscan TO DEFAULT");
            }
        }
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

    /** One line of a statement as the CSV export writes it: ids and dates as text, money in cents. */
    interface CsvRow {
        void write(String id, String placementId, String agreementId, String workerId, String workDate, long seconds,
                   long baseCents, long surchargeCents, long vatCents, long feeCents, String flags,
                   String correctionOfPeriod) throws IOException;
    }

    /**
     * Writes every line of a statement to {@code out} in id order, straight from the result set, which the driver
     * fetches {@code fetchSize} rows at a time: no model object per line and never the statement in memory.
     */
    static void csvLines(Handle handle, UUID statementId, int fetchSize, CsvRow out) {
        handle.createQuery("""
                        SELECT l.id, l.placement_id, l.agreement_id, l.worker_id,
                               l.work_date::text, l.worked_seconds, l.base_cents, l.surcharge_cents, l.vat_cents,
                               l.fee_cents, array_to_string(l.flags, ' '), to_char(l.correction_of_period, 'YYYY-MM')
                        FROM settlement_line l
                        WHERE l.statement_id = :statement
                        ORDER BY l.id""")
                .bind("statement", statementId)
                .setFetchSize(fetchSize)
                .scanResultSet((supplier, ctx) -> {
                    ResultSet rs = supplier.get();
                    try {
                        while (rs.next()) {
                            out.write(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                                    rs.getLong(10), rs.getString(11), rs.getString(12));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                });
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
                rs.getObject("worker_id", UUID.class), rs.getObject("starts_at", OffsetDateTime.class),
                rs.getObject("actual_starts_at", OffsetDateTime.class), rs.getObject("actual_ends_at", OffsetDateTime.class),
                rs.getInt("actual_break_minutes"), rs.getBoolean("overridden"));
    }
}
