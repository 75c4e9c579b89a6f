package nl.regiopool.placement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import nl.regiopool.api.model.LoanAgreementStatus;
import nl.regiopool.api.model.PlacementStatus;
import nl.regiopool.page.Cursors;
import nl.regiopool.page.Where;
import nl.regiopool.tenancy.Transactions;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.result.UnableToProduceResultException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;

/** SQL of placements and home shifts, and the few agreement and worker facts placing needs. */
final class PlacementDao {

    private static final String COLUMNS = """
            p.id, p.kind, p.agreement_id, p.worker_id, p.borrower_member_id, p.employer_member_id, p.role,
            p.starts_at, p.ends_at, p.break_minutes, p.location_postcode, p.external_id, p.status, p.confirmed_at,
            p.actual_starts_at, p.actual_ends_at, p.actual_break_minutes, p.completed_at, p.completed_by,
            p.cancelled_at, p.cancelled_by, p.cancellation_reason, p.late_cancellation, p.no_show_at,
            p.override_reason, p.overridden_by, p.overridden_at, p.overridden_violations::text AS overridden_violations,
            p.cost_lines::text AS cost_lines, p.version, p.created_at, p.updated_at, p.disputed_at, p.disputed_by,
            p.dispute_reason, p.dispute_resolved_at, p.dispute_resolved_by, p.dispute_resolution_note""";

    private static final RowMapper<PlacementRow> ROW = PlacementRowMapper.INSTANCE;

    private static final String AGREEMENT_COLUMNS = """
            a.id, a.status, a.worker_id, a.lender_member_id, a.borrower_member_id, a.role,
                   a.cao_rule_set_code, t.start_date, t.end_date, t.hours_per_week, t.tariff_cents_per_hour""";

    private static final String AGREEMENT_FROM = """
            FROM loan_agreement a
            LEFT JOIN loan_agreement_version t ON t.tenant_id = a.tenant_id AND t.agreement_id = a.id
                 AND t.in_force_from <= now() AND (t.superseded_at IS NULL OR t.superseded_at > now())""";

    private static Where agreementWhere(UUID agreementId, UUID viewer) {
        return new Where().and("a.id = :id").bind("id", agreementId)
                .and("viewer", viewer, ":viewer IN (a.lender_member_id, a.borrower_member_id)");
    }

    private PlacementDao() {
    }

    /** The agreement as placing needs it, with the terms in force (null fields when none are). */
    record Agreement(UUID id, LoanAgreementStatus status, UUID workerId, UUID lenderMemberId, UUID borrowerMemberId, String role,
                     String caoRuleSetCode, LocalDate startDate, LocalDate endDate, Integer hoursPerWeek,
                     Long tariffCentsPerHour) {
    }

    /**
     * The agreement as placing needs it, with the worker's employer, the cooperative's time zone and the
     * worker's qualification for the agreement's role: whether one without end date exists, and the latest
     * end date of the others (null when there is none).
     */
    record Placing(Agreement agreement, UUID employerMemberId, ZoneId zone, boolean qualificationOpenEnded,
                   LocalDate qualificationValidUntil) {

        /** Whether the worker holds the agreement's role on the day: open-ended, or valid until that day or later. */
        boolean qualifiedOn(LocalDate on) {
            return qualificationOpenEnded || (qualificationValidUntil != null && !qualificationValidUntil.isBefore(on));
        }
    }

    /**
     * A shift of the worker as the checks need it (not every column of {@link PlacementRow}): who may see it,
     * whether it counts as work and for overlaps, and its planned and actual times.
     */
    record OtherShift(UUID id, String kind, UUID agreementId, UUID borrowerMemberId, UUID employerMemberId,
                      PlacementStatus status, OffsetDateTime startsAt, OffsetDateTime endsAt, int breakMinutes,
                      OffsetDateTime completedAt, OffsetDateTime actualStartsAt, OffsetDateTime actualEndsAt,
                      Integer actualBreakMinutes) {

        /** Counts as work (the engine's input): not cancelled and not a no-show. */
        boolean worked() {
            return PlacementLifecycle.worked(status);
        }

        /**
         * Not cancelled, and the planned times meet [from, to): the overlap the EXCLUDE constraint refuses
         * ({@code tstzrange(starts_at, ends_at) && tstzrange(from, to)}, both half-open and non-empty).
         */
        boolean overlaps(Instant from, Instant to) {
            return PlacementLifecycle.holdsTime(status) && startsAt.toInstant().isBefore(to) && endsAt.toInstant().isAfter(from);
        }

        PlacementRow.WorkedTime workedTime() {
            return completedAt != null
                    ? new PlacementRow.WorkedTime(actualStartsAt, actualEndsAt, actualBreakMinutes)
                    : new PlacementRow.WorkedTime(startsAt, endsAt, breakMinutes);
        }
    }

    record Filter(UUID workerId, UUID agreementId, PlacementStatus status, String kind, OffsetDateTime from, OffsetDateTime to) {
    }

    static Optional<Agreement> agreement(Handle handle, UUID agreementId, UUID viewer) {
        Where where = agreementWhere(agreementId, viewer);
        return where.bindTo(handle.createQuery("SELECT " + AGREEMENT_COLUMNS + "\n" + AGREEMENT_FROM + "\n" + where.clause()))
                .map((rs, ctx) -> agreement(rs))
                .findOne();
    }

    /**
     * What placing a shift under the agreement needs, in one statement: the agreement with its terms in force,
     * the worker's employer, the cooperative's time zone (the default when it has no settings row) and the
     * worker's qualification for the agreement's role. With {@code lockWorker} the statement also takes
     * {@link #lockWorker}'s lock on the agreement's worker (evaluated for the found row only), so each later
     * statement of the transaction sees every other committed shift of the worker. Empty, and no lock taken,
     * when there is no such agreement or the viewer may not see it.
     */
    static Optional<Placing> placing(Handle handle, UUID agreementId, UUID viewer, boolean lockWorker,
                                     String defaultTimeZone) {
        Where where = agreementWhere(agreementId, viewer);
        return where.bindTo(handle.createQuery("SELECT " + AGREEMENT_COLUMNS + """
                        , w.employer_member_id,
                            COALESCE((SELECT s.time_zone FROM cooperative_settings s), :defaultZone) AS time_zone,
                            q.open_ended AS qualification_open_ended, q.valid_until AS qualification_valid_until"""
                        + (lockWorker ? ",\n    pg_advisory_xact_lock(hashtextextended(CAST(a.worker_id AS text), 42))" : "")
                        + "\n" + AGREEMENT_FROM + "\n" + """
                        JOIN worker w ON w.tenant_id = a.tenant_id AND w.id = a.worker_id
                        LEFT JOIN LATERAL (SELECT bool_or(wq.valid_until IS NULL) AS open_ended,
                                                  max(wq.valid_until) AS valid_until
                                           FROM worker_qualification wq
                                           WHERE wq.tenant_id = a.tenant_id AND wq.worker_id = a.worker_id
                                             AND wq.role = a.role) q ON true""" + "\n" + where.clause()))
                .bind("defaultZone", defaultTimeZone)
                .map((rs, ctx) -> new Placing(agreement(rs), rs.getObject("employer_member_id", UUID.class),
                        ZoneId.of(rs.getString("time_zone")),
                        Boolean.TRUE.equals(rs.getObject("qualification_open_ended")),
                        rs.getObject("qualification_valid_until", LocalDate.class)))
                .findOne();
    }

    private static Agreement agreement(ResultSet rs) throws SQLException {
        return new Agreement(rs.getObject("id", UUID.class), LoanAgreementStatus.fromValue(rs.getString("status")),
                rs.getObject("worker_id", UUID.class), rs.getObject("lender_member_id", UUID.class),
                rs.getObject("borrower_member_id", UUID.class), rs.getString("role"),
                rs.getString("cao_rule_set_code"), rs.getObject("start_date", LocalDate.class),
                rs.getObject("end_date", LocalDate.class), (Integer) rs.getObject("hours_per_week"),
                (Long) rs.getObject("tariff_cents_per_hour"));
    }

    /** The worker's employer, or empty when the worker is not in the tenant. */
    static Optional<UUID> employer(Handle handle, UUID workerId) {
        return handle.createQuery("SELECT employer_member_id FROM worker WHERE id = :id")
                .bind("id", workerId).mapTo(UUID.class).findOne();
    }

    /** The CAO rule set the member applies, if it names one. */
    static Optional<String> caoRuleSetCode(Handle handle, UUID memberId) {
        return handle.createQuery("SELECT cao_rule_set_code FROM member WHERE id = :id").bind("id", memberId)
                .mapTo(String.class).findOne();
    }

    /**
     * Serialises placement writes per worker, so that each write's rule check sees every other committed
     * shift of the worker (the EXCLUDE constraint alone would only stop overlaps, not, say, too little rest).
     */
    static void lockWorker(Handle handle, UUID workerId) {
        handle.createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(CAST(:worker AS text), 42))")
                .bind("worker", workerId).mapTo(Integer.class).one();
    }

    private static final String INSERT = """
            INSERT INTO placement AS p (tenant_id, id, kind, agreement_id, worker_id, borrower_member_id,
                employer_member_id, role, starts_at, ends_at, break_minutes, location_postcode, external_id,
                status, override_reason, overridden_by, overridden_at, overridden_violations)
            VALUES (:tenant, :id, :kind, :agreementId, :workerId, :borrowerMemberId, :employerMemberId, :role, :startsAt,
                :endsAt, :breakMinutes, :locationPostcode, :externalId, :status, :override.reason, :override.by,
                :override.at, CAST(:override.violationsJson AS jsonb))""";

    /** Inserts the rows in one batch: a roster of a thousand shifts is one round trip, not a thousand. */
    static void insertAll(Handle handle, UUID tenantId, List<PlacementRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(INSERT);
        for (PlacementRow row : rows) {
            insertStatement(batch, tenantId, row).add();
        }
        batch.execute();
    }

    private static <S extends SqlStatement<S>> S insertStatement(S statement, UUID tenantId, PlacementRow row) {
        return statement.bind("tenant", tenantId).bindMethods(row).bindMethods("override", row.override());
    }

    /** {@link #insert}, returning the row as stored (the database's defaults and timestamps filled in). */
    static PlacementRow create(Handle handle, UUID tenantId, PlacementRow row) {
        return insertStatement(handle.createQuery(INSERT + " RETURNING " + COLUMNS), tenantId, row)
                .map(ROW)
                .one();
    }

    static Optional<PlacementRow> find(Handle handle, UUID id, UUID viewer, boolean forUpdate) {
        Where where = new Where().and("p.id = :id").bind("id", id)
                .and("viewer", viewer, ":viewer IN (p.borrower_member_id, p.employer_member_id)");
        return where.bindTo(handle.createQuery("SELECT " + COLUMNS + " FROM placement p" + where.clause()
                        + (forUpdate ? "FOR UPDATE" : "")))
                .map(ROW)
                .findOne();
    }

    /**
     * A page in id order. A member sees the shifts it borrows or employs: one ordered index scan per side, merged
     * (a Merge Append that stops at a page), instead of sorting every shift of the member for each page. A home
     * shift is on both sides (its employer is its borrower), hence DISTINCT ON the id, which the merge order keeps
     * streaming.
     */
    static List<PlacementRow> list(Handle handle, UUID viewer, Filter filter, UUID after, int limit) {
        return listQuery(handle::createQuery, viewer, filter, after, limit)
                .map(ROW)
                .list();
    }

    /**
     * {@link #list}'s page as the API's JSON, written from the result set ({@link PlacementPageJson}), in one round
     * trip with the tenant binding.
     */
    static byte[] pageJson(Transactions.BoundQuery bound, UUID viewer, Filter filter, UUID after, int limit,
                           PlacementPageJson json) {
        return listQuery(bound::create, viewer, filter, after, limit)
                .scanResultSet((rows, context) -> {
                    try {
                        return json.write(rows.get(), limit);
                    } catch (SQLException e) {
                        throw new UnableToProduceResultException(e, context);
                    }
                });
    }

    private static Query listQuery(Function<String, Query> queries, UUID viewer, Filter filter, UUID after, int limit) {
        Where filters = new Where()
                .and("worker", filter.workerId(), "p.worker_id = :worker")
                .and("agreement", filter.agreementId(), "p.agreement_id = :agreement")
                .and("status", filter.status() == null ? null : filter.status().toString(), "p.status = :status")
                .and("kind", filter.kind(), "p.kind = :kind")
                .and("from", filter.from(), "p.ends_at > :from")
                .and("to", filter.to(), "p.starts_at < :to")
                .and("after", after, "p.id > :after");
        String filterSql = filters.andClause();
        // The page size is written into the statement: with LIMIT as a parameter PostgreSQL's generic plan assumes
        // a tenth of the table, so it plans the statement again on every execution (a custom plan for 51 rows);
        // with the number in the text it keeps one plan per page size and connection.
        String fetch = " LIMIT " + Math.addExact(limit, 1);
        String sql = viewer == null
                ? "SELECT " + COLUMNS + " FROM placement p" + filters.clause() + "ORDER BY p.id" + fetch
                : "SELECT DISTINCT ON (p.id) * FROM ("
                        + "(SELECT " + COLUMNS + " FROM placement p WHERE p.borrower_member_id = :viewer" + filterSql
                        + "ORDER BY p.id" + fetch + ") UNION ALL "
                        + "(SELECT " + COLUMNS + " FROM placement p WHERE p.employer_member_id = :viewer" + filterSql
                        + "ORDER BY p.id" + fetch + ")) p ORDER BY p.id" + fetch;
        Query query = queries.apply(sql);
        if (viewer != null) {
            query.bind("viewer", viewer);
        }
        return filters.bindTo(query);
    }

    /**
     * The worker's shifts that are not cancelled and meet [from, to), in start order, with only the columns the
     * checks use: one read serves both the overlap check ({@link OtherShift#overlaps}: no-shows count) and the
     * working-time rules ({@link OtherShift#worked}: no-shows do not).
     */
    static List<OtherShift> shiftsAround(Handle handle, UUID workerId, Instant from, Instant to) {
        return handle.createQuery("""
                        SELECT p.id, p.kind, p.agreement_id, p.borrower_member_id, p.employer_member_id, p.status,
                               p.starts_at, p.ends_at, p.break_minutes, p.completed_at, p.actual_starts_at,
                               p.actual_ends_at, p.actual_break_minutes
                        FROM placement p WHERE p.worker_id = :worker AND p.status <> 'CANCELLED'
                          AND p.starts_at < :to AND p.ends_at > :from ORDER BY p.starts_at""")
                .bind("worker", workerId).bind("from", utc(from)).bind("to", utc(to))
                .map((rs, ctx) -> new OtherShift(rs.getObject("id", UUID.class), rs.getString("kind"),
                        rs.getObject("agreement_id", UUID.class), rs.getObject("borrower_member_id", UUID.class),
                        rs.getObject("employer_member_id", UUID.class), PlacementStatus.fromValue(rs.getString("status")),
                        time(rs, "starts_at"),
                        time(rs, "ends_at"), rs.getInt("break_minutes"), time(rs, "completed_at"),
                        time(rs, "actual_starts_at"), time(rs, "actual_ends_at"),
                        (Integer) rs.getObject("actual_break_minutes")))
                .list();
    }

    /** Every shift of the worker (cancelled ones too) that meets [from, to), in start order. */
    static List<PlacementRow> schedule(Handle handle, UUID workerId, OffsetDateTime from, OffsetDateTime to) {
        return handle.createQuery("SELECT " + COLUMNS + "\n" + """
                         FROM placement p WHERE p.worker_id = :worker AND p.starts_at < :to AND p.ends_at > :from
                        ORDER BY p.starts_at, p.id""")
                .bind("worker", workerId).bind("from", from).bind("to", to)
                .map(ROW)
                .list();
    }

    /** A shift of the worker with the member it is worked for (the borrower; for a home shift, the employer). */
    record WorkedFor(PlacementRow row, String memberName, String memberPostcode) {
    }

    private static final RowMapper<WorkedFor> WORKED_FOR = (rs, ctx) -> new WorkedFor(
            PlacementRowMapper.INSTANCE.map(rs, ctx), rs.getString("member_name"), rs.getString("member_postcode"));

    /**
     * A page of the worker's shifts (every kind and status) that meet [from, to), in (start, id) order after
     * {@code after}, with the member each is worked for.
     */
    static List<WorkedFor> workerShifts(Handle handle, UUID workerId, OffsetDateTime from, OffsetDateTime to,
                                        Cursors.InstantAndId after, int limit) {
        Where where = new Where().and("p.worker_id = :worker").bind("worker", workerId)
                .and("p.starts_at < :to").bind("to", to)
                .and("p.ends_at > :from").bind("from", from)
                .bind("limit", limit + 1);
        if (after != null) {
            where.and("(p.starts_at, p.id) > (:afterStart, :afterId)")
                    .bind("afterStart", utc(after.instant())).bind("afterId", after.id());
        }
        return where.bindTo(handle.createQuery("SELECT " + COLUMNS + ", m.name AS member_name, m.postcode AS member_postcode"
                        + " FROM placement p JOIN member m ON m.tenant_id = p.tenant_id AND m.id = p.borrower_member_id"
                        + where.clause() + "ORDER BY p.starts_at, p.id LIMIT :limit"))
                .map(WORKED_FOR)
                .list();
    }

    /** Every shift of the worker, of every kind and status, in start order. */
    static List<PlacementRow> ofWorker(Handle handle, UUID workerId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM placement p WHERE p.worker_id = :worker"
                        + " ORDER BY p.starts_at, p.id")
                .bind("worker", workerId)
                .map(ROW)
                .list();
    }

    static void updateTimes(Handle handle, UUID id, OffsetDateTime startsAt, OffsetDateTime endsAt, int breakMinutes,
                            String postcode, Overridden override) {
        handle.createUpdate("""
                        UPDATE placement SET starts_at = :startsAt, ends_at = :endsAt, break_minutes = :breakMinutes,
                            location_postcode = :postcode, override_reason = :overrideReason, overridden_by = :overriddenBy,
                            overridden_at = :overriddenAt, overridden_violations = CAST(:overriddenViolations AS jsonb),
                            version = version + 1, updated_at = now()
                        WHERE id = :id""")
                .bind("id", id).bind("startsAt", startsAt).bind("endsAt", endsAt)
                .bind("breakMinutes", breakMinutes).bind("postcode", postcode)
                .bind("overrideReason", override.reason()).bind("overriddenBy", override.by())
                .bind("overriddenAt", override.at()).bind("overriddenViolations", override.violationsJson())
                .execute();
    }

    /** Writes the status fields back (every transition sets some of them), bumping the ETag version. */
    static void updateStatus(Handle handle, PlacementRow row) {
        handle.createUpdate("""
                        UPDATE placement SET status = :status, confirmed_at = :confirmedAt,
                            actual_starts_at = :actualStartsAt, actual_ends_at = :actualEndsAt,
                            actual_break_minutes = :actualBreakMinutes, completed_at = :completedAt,
                            completed_by = :completedBy, cancelled_at = :cancelledAt, cancelled_by = :cancelledBy,
                            cancellation_reason = :cancellationReason, late_cancellation = :lateCancellation,
                            no_show_at = :noShowAt, cost_lines = CAST(:costLines AS jsonb),
                            version = version + 1, updated_at = now()
                        WHERE id = :id""")
                .bind("id", row.id()).bind("status", row.status()).bindMethods(row.progress())
                .execute();
    }

    static void dispute(Handle handle, UUID id, String reason, String by) {
        handle.createUpdate("""
                        UPDATE placement SET disputed_at = now(), disputed_by = :by, dispute_reason = :reason,
                            version = version + 1, updated_at = now()
                        WHERE id = :id""")
                .bind("id", id).bind("reason", reason).bind("by", by)
                .execute();
    }

    /** The corrected actuals and their cost lines, and the dispute marked resolved. */
    static void resolveDispute(Handle handle, PlacementRow corrected, String by, String note) {
        handle.createUpdate("""
                        UPDATE placement SET actual_starts_at = :actualStartsAt, actual_ends_at = :actualEndsAt,
                            actual_break_minutes = :actualBreakMinutes, cost_lines = CAST(:costLines AS jsonb),
                            dispute_resolved_at = now(), dispute_resolved_by = :by, dispute_resolution_note = :note,
                            version = version + 1, updated_at = now()
                        WHERE id = :id""")
                .bind("id", corrected.id()).bindMethods(corrected.progress()).bind("by", by).bind("note", note)
                .execute();
    }

    /** The home shifts of the worker starting in [from, to). */
    static List<PlacementRow> homeShifts(Handle handle, UUID workerId, OffsetDateTime from, OffsetDateTime to) {
        return handle.createQuery("SELECT " + COLUMNS + "\n" + """
                         FROM placement p WHERE p.worker_id = :worker AND p.kind = 'HOME_SHIFT'
                          AND p.starts_at >= :from AND p.starts_at < :to ORDER BY p.starts_at, p.id""")
                .bind("worker", workerId).bind("from", from).bind("to", to)
                .map(ROW)
                .list();
    }

    static void deleteHomeShifts(Handle handle, UUID workerId, OffsetDateTime from, OffsetDateTime to) {
        handle.createUpdate("""
                        DELETE FROM placement WHERE worker_id = :worker AND kind = 'HOME_SHIFT'
                          AND starts_at >= :from AND starts_at < :to""")
                .bind("worker", workerId).bind("from", from).bind("to", to)
                .execute();
    }

    /** The version of the worker's home-shift roster (0 before the first sync). */
    static int rosterVersion(Handle handle, UUID workerId) {
        return handle.createQuery("SELECT version FROM home_roster WHERE worker_id = :worker")
                .bind("worker", workerId).mapTo(Integer.class).findOne().orElse(0);
    }

    static int bumpRoster(Handle handle, UUID tenantId, UUID workerId) {
        return handle.createQuery("""
                        INSERT INTO home_roster (tenant_id, worker_id, version) VALUES (:tenant, :worker, 1)
                        ON CONFLICT (tenant_id, worker_id) DO UPDATE SET version = home_roster.version + 1, updated_at = now()
                        RETURNING version""")
                .bind("tenant", tenantId).bind("worker", workerId).mapTo(Integer.class).one();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class);
    }
}
