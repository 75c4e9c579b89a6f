package nl.regiopool.agreement;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.regiopool.api.model.LoanAgreementStatus;
import nl.regiopool.api.model.MemberStatus;
import nl.regiopool.api.model.WorkerStatus;
import nl.regiopool.auth.Caller;
import nl.regiopool.db.Timestamps;
import nl.regiopool.page.Where;
import nl.regiopool.settings.CooperativeTime;
import nl.regiopool.tenancy.Transactions;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/** SQL for loan agreements and their versions. Row-level security scopes every statement to the tenant. */
final class AgreementDao {

    private static final String AGREEMENT_COLUMNS = """
            a.id, a.number, a.lender_member_id, a.borrower_member_id, a.worker_id, a.role, a.cao_rule_set_code,
            a.waadi_regime, a.status, a.proposed_at, a.activated_at, a.ended_at, a.terminated_at, a.termination_reason,
            a.termination_effective_date, a.cancelled_at, a.cancellation_reason, a.consented_on, a.consent_method,
            a.consent_recorded_at, a.consent_recorded_by, a.version, a.created_at, a.updated_at""";

    /** Maps {@link #AGREEMENT_COLUMNS} by position: every query of agreements selects them first, in this order. */
    private static final RowMapper<AgreementRow> ROW = AgreementRowMapper.INSTANCE;

    private static final String VERSION_COLUMNS = """
            agreement_id, version_no, start_date, end_date, hours_per_week, tariff_cents_per_hour,
            cost_price_cents_per_hour, vat_eligible, vat_unmet_conditions, lender_approved_at, lender_approved_by,
            borrower_approved_at, borrower_approved_by, created_at, in_force_from, superseded_at, effective_from""";

    /** {@link #VERSION_COLUMNS} of the version table as {@code w}, for a query that has other columns of those names. */
    private static final String VERSION_COLUMNS_OF_W = Arrays.stream(VERSION_COLUMNS.split(","))
            .map(column -> "w." + column.strip()).collect(Collectors.joining(", "));

    /** How many columns {@link #AGREEMENT_COLUMNS} are: the versions' columns follow them in a page with versions. */
    private static final int AGREEMENT_COLUMN_COUNT = AGREEMENT_COLUMNS.split(",").length;

    /** The terms version that stood at :at: the latest in force by then, else the proposal (version 1). */
    private static final String TERMS_AT = """
            CROSS JOIN LATERAL (
                SELECT * FROM loan_agreement_version v
                WHERE v.tenant_id = a.tenant_id AND v.agreement_id = a.id
                  AND (v.version_no = 1 OR v.in_force_from <= :at)
                ORDER BY (v.in_force_from <= :at) DESC NULLS LAST, v.version_no DESC
                LIMIT 1) t\s""";

    /**
     * For a vatEligible filter over the whole cooperative: the agreements whose terms standing at :at have that VAT
     * eligibility, walked in agreement id order in the index of the terms alone. The terms standing at :at are the
     * version whose time in force holds :at (a version is superseded the moment the next one comes into force), or
     * version 1 before any is in force; the join on {@code t.version_no} keeps exactly the rows {@link #TERMS_AT}
     * selects. Both subqueries are fenced (OFFSET 0) so the planner keeps this walk: estimated from statistics
     * alone it prefers walking every agreement in id order and reading its terms, which reads tens of thousands of
     * agreements when the matches lie far apart. A version made after :at cannot stand at :at (version 1 is made
     * with its agreement; a later one comes into force no earlier than it is made, which the table checks), so the
     * walk passes over those in the index alone instead of reading each one's agreement: an :at before most
     * agreements existed would otherwise read them all. That test sits outside the fence (the caller adds it): inside,
     * it would lower the walk's estimated rows until the planner preferred reading and sorting all of them.
     */
    private static final String VAT_STANDING_AT = """
            (SELECT s.agreement_id, s.version_no, s.created_at FROM loan_agreement_version s
             WHERE s.vat_eligible = :vatEligible AND (s.version_no = 1 OR s.in_force_from <= :at)
               AND (s.superseded_at IS NULL OR s.superseded_at > :at)%s
             ORDER BY s.agreement_id OFFSET 0) s
            CROSS JOIN LATERAL (SELECT * FROM loan_agreement a WHERE a.id = s.agreement_id OFFSET 0) a
            """;

    /**
     * A page of one member's agreements, lent or borrowed: each side walked in id order in its own index, the two
     * merged (a Merge Append that stops at a page). Filtered as {@code :party IN (lender, borrower)} the planner reads
     * every agreement of the member and sorts them for each page. An agreement has two different parties, so no row
     * comes from both sides.
     */
    private static final String BY_SIDE = """
            SELECT * FROM (
                (SELECT %1$s FROM loan_agreement a %2$sORDER BY a.id LIMIT :limit)
                UNION ALL
                (SELECT %1$s FROM loan_agreement a %3$sORDER BY a.id LIMIT :limit)) a
            ORDER BY a.id LIMIT :limit""";

    /**
     * "Had this status at :at", one predicate per status; the same as {@link AgreementRow#statusAt} because a DRAFT or
     * PROPOSED agreement can only be cancelled, and only an ACTIVE one can end or be terminated.
     */
    private static final Map<LoanAgreementStatus, String> STATUS_AT_PREDICATES = Map.of(
            LoanAgreementStatus.DRAFT, "(a.proposed_at IS NULL OR a.proposed_at > :at) AND (a.cancelled_at IS NULL OR a.cancelled_at > :at)",
            LoanAgreementStatus.PROPOSED, "a.proposed_at <= :at AND (a.activated_at IS NULL OR a.activated_at > :at)"
                    + " AND (a.cancelled_at IS NULL OR a.cancelled_at > :at)",
            LoanAgreementStatus.ACTIVE, "a.activated_at <= :at AND (a.ended_at IS NULL OR a.ended_at > :at)"
                    + " AND (a.terminated_at IS NULL OR a.terminated_at > :at)",
            LoanAgreementStatus.ENDED, "a.ended_at <= :at",
            LoanAgreementStatus.TERMINATED, "a.terminated_at <= :at",
            LoanAgreementStatus.CANCELLED, "a.cancelled_at <= :at");

    private AgreementDao() {
    }

    /** Who may see which agreements: everyone in the tenant, or a member only where it is a party. */
    record Visibility(UUID memberId) {
        static final Visibility ALL = new Visibility(null);

        /** The rows the caller reads, as {@link Caller#memberScope()} decides for every concept. */
        static Visibility of(Caller caller) {
            return new Visibility(caller.memberScope().orElse(null));
        }
    }

    record Filter(UUID memberId, UUID lenderMemberId, UUID borrowerMemberId, UUID workerId, LoanAgreementStatus status,
                  String role, LocalDate periodFrom, LocalDate periodTo, Boolean vatEligible) {
    }

    static int nextNumber(Handle handle, UUID tenantId, int year) {
        return handle.createQuery("""
                        INSERT INTO loan_agreement_number (tenant_id, year, last_number) VALUES (:tenant, :year, 1)
                        ON CONFLICT (tenant_id, year) DO UPDATE SET last_number = loan_agreement_number.last_number + 1
                        RETURNING last_number""")
                .bind("tenant", tenantId).bind("year", year)
                .mapTo(Integer.class).one();
    }

    static void insert(Handle handle, UUID tenantId, UUID id, String number, UUID lender, UUID borrower, UUID worker,
                       String role, String caoRuleSetCode, String waadiRegime) {
        handle.createUpdate("""
                        INSERT INTO loan_agreement (tenant_id, id, number, lender_member_id, borrower_member_id, worker_id,
                            role, cao_rule_set_code, waadi_regime, status)
                        VALUES (:tenant, :id, :number, :lender, :borrower, :worker, :role, :cao, :waadi, :status)""")
                .bind("tenant", tenantId).bind("id", id).bind("number", number).bind("lender", lender)
                .bind("borrower", borrower).bind("worker", worker).bind("role", role).bind("cao", caoRuleSetCode)
                .bind("waadi", waadiRegime).bind("status", AgreementLifecycle.INITIAL.toString())
                .execute();
    }

    static void insertVersion(Handle handle, UUID tenantId, UUID agreementId, int versionNo, LocalDate startDate,
                              LocalDate endDate, int hoursPerWeek, long tariff, long costPrice,
                              VatExemptionRules.Assessment vat, LocalDate effectiveFrom) {
        handle.createUpdate("""
                        INSERT INTO loan_agreement_version (tenant_id, agreement_id, version_no, start_date, end_date,
                            hours_per_week, tariff_cents_per_hour, cost_price_cents_per_hour, vat_eligible,
                            vat_unmet_conditions, effective_from)
                        VALUES (:tenant, :agreement, :versionNo, :start, :end, :hours, :tariff, :cost, :vatEligible, :vatUnmet,
                            :effectiveFrom)""")
                .bind("tenant", tenantId).bind("agreement", agreementId).bind("versionNo", versionNo)
                .bind("start", startDate).bind("end", endDate).bind("hours", hoursPerWeek).bind("tariff", tariff)
                .bind("cost", costPrice).bind("vatEligible", vat.eligible())
                .bind("vatUnmet", vat.unmetConditions().toArray(String[]::new))
                .bind("effectiveFrom", effectiveFrom)
                .execute();
    }

    static Optional<AgreementRow> find(Handle handle, UUID id, Visibility visibility, boolean forUpdate) {
        Where where = new Where().and("a.id = :id").bind("id", id)
                .and("viewer", visibility.memberId(), ":viewer IN (a.lender_member_id, a.borrower_member_id)");
        return where.bindTo(handle.createQuery("SELECT " + AGREEMENT_COLUMNS + " FROM loan_agreement a" + where.clause()
                        + (forUpdate ? "FOR UPDATE" : "")))
                .map(ROW)
                .findOne();
    }

    /** An agreement with all versions of its terms, in version order. */
    record Listed(AgreementRow row, List<TermsRow> versions) {
    }

    /**
     * One page of agreements as they stood at {@code at} ({@code historical}: an {@code asOf} in the past), each with
     * all versions of its terms, in one query that {@code queries} makes: the page, then its versions joined to it.
     * The terms version is joined into the page only when a filter needs it.
     */
    static List<Listed> list(Transactions.BoundQuery queries, Visibility visibility, Filter filter, Instant at,
                             boolean historical, UUID after, int limit) {
        // a member's agreements, on either side, with no narrower party filter: walked side by side (BY_SIDE)
        UUID party = visibility.memberId() != null ? visibility.memberId() : filter.memberId();
        boolean bySide = party != null && filter.lenderMemberId() == null && filter.borrowerMemberId() == null
                && filter.workerId() == null;
        Where where = new Where().and("a.created_at <= :at")
                .bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .bind("limit", limit + 1)
                .and("viewer", bySide ? null : visibility.memberId(), ":viewer IN (a.lender_member_id, a.borrower_member_id)")
                .and("member", bySide && party.equals(filter.memberId()) ? null : filter.memberId(),
                        ":member IN (a.lender_member_id, a.borrower_member_id)")
                .and("lender", filter.lenderMemberId(), "a.lender_member_id = :lender")
                .and("borrower", filter.borrowerMemberId(), "a.borrower_member_id = :borrower")
                .and("worker", filter.workerId(), "a.worker_id = :worker")
                .and("role", filter.role(), "a.role = :role");
        // today's status is a column with an index; a past one is derived from the moments of each step, as
        // plain comparisons the planner can estimate from column statistics (a CASE it cannot)
        if (filter.status() != null) {
            if (historical) {
                where.and(STATUS_AT_PREDICATES.get(filter.status()));
            } else {
                where.and("status", filter.status().toString(), "a.status = :status");
            }
        }
        where.and("periodTo", filter.periodTo(), "t.start_date <= :periodTo")
                .and("periodFrom", filter.periodFrom(), "(t.end_date IS NULL OR t.end_date >= :periodFrom)")
                .and("vatEligible", filter.vatEligible(), "t.vat_eligible = :vatEligible")
                .and("after", after, "a.id > :after");
        boolean byTerms = filter.periodFrom() != null || filter.periodTo() != null || filter.vatEligible() != null;
        boolean byParty = visibility.memberId() != null || filter.memberId() != null || filter.lenderMemberId() != null
                || filter.borrowerMemberId() != null || filter.workerId() != null;
        String from = "loan_agreement a ";
        String order = "a.id";
        if (filter.vatEligible() != null && !byParty) {
            from = VAT_STANDING_AT.formatted(after == null ? "" : " AND s.agreement_id > :after");
            where.and("t.version_no = s.version_no").and("s.created_at <= :at");
            // the same order as a.id, which the planner cannot see through the fence
            order = "s.agreement_id";
        }
        String terms = byTerms ? TERMS_AT : "";
        String page = bySide
                ? BY_SIDE.formatted(AGREEMENT_COLUMNS, terms + "WHERE a.lender_member_id = :party" + where.andClause(),
                        terms + "WHERE a.borrower_member_id = :party" + where.andClause())
                : "SELECT " + AGREEMENT_COLUMNS + " FROM " + from + terms + where.clause() + "ORDER BY " + order
                        + " LIMIT :limit";
        if (bySide) {
            where.bind("party", party);
        }
        Query query = queries.create("SELECT p.*, " + VERSION_COLUMNS_OF_W + " FROM (" + page + ") p"
                + " JOIN loan_agreement_version w ON w.agreement_id = p.id ORDER BY p.id, w.version_no");
        return where.bindTo(query).scanResultSet((results, ctx) -> {
            ResultSet rs = results.get();
            List<Listed> listed = new ArrayList<>();
            Listed current = null;
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                if (current == null || !current.row().id().equals(id)) {
                    current = new Listed(ROW.map(rs, ctx), new ArrayList<>(2));
                    listed.add(current);
                }
                current.versions().add(terms(rs, AGREEMENT_COLUMN_COUNT));
            }
            return listed;
        });
    }

    /** Every agreement that lends the worker, in id order. */
    static List<AgreementRow> ofWorker(Handle handle, UUID workerId) {
        return handle.createQuery("SELECT " + AGREEMENT_COLUMNS + " FROM loan_agreement a WHERE a.worker_id = :worker"
                        + " ORDER BY a.id")
                .bind("worker", workerId)
                .map(ROW)
                .list();
    }

    static Map<UUID, List<TermsRow>> versions(Handle handle, Collection<UUID> agreementIds) {
        if (agreementIds.isEmpty()) {
            return Map.of();
        }
        return handle.createQuery("SELECT " + VERSION_COLUMNS + " FROM loan_agreement_version"
                        + " WHERE agreement_id = ANY(:ids) ORDER BY agreement_id, version_no")
                .bind("ids", agreementIds.toArray(UUID[]::new))
                .map((rs, ctx) -> terms(rs))
                .stream()
                .collect(Collectors.groupingBy(TermsRow::agreementId, Collectors.toList()));
    }

    /** Names of the members and workers the agreements name, for readers who do not read ids. */
    static AgreementCsv.Names names(Handle handle, Collection<UUID> memberIds, Collection<UUID> workerIds) {
        Map<UUID, String> members = new HashMap<>();
        Map<UUID, String> workers = new HashMap<>();
        if (!memberIds.isEmpty()) {
            handle.createQuery("SELECT id, name FROM member WHERE id = ANY(:ids)")
                    .bind("ids", memberIds.toArray(UUID[]::new))
                    .map((rs, ctx) -> members.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        }
        if (!workerIds.isEmpty()) {
            handle.createQuery("SELECT id, given_name || ' ' || family_name FROM worker WHERE id = ANY(:ids)")
                    .bind("ids", workerIds.toArray(UUID[]::new))
                    .map((rs, ctx) -> workers.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        }
        return new AgreementCsv.Names(members, workers);
    }

    static List<TermsRow> versionsPage(Handle handle, UUID agreementId, Integer afterVersion, int limit) {
        Where where = new Where().and("agreement_id = :id").bind("id", agreementId).bind("limit", limit + 1)
                .and("after", afterVersion, "version_no > :after");
        return where.bindTo(handle.createQuery("SELECT " + VERSION_COLUMNS + " FROM loan_agreement_version"
                        + where.clause() + "ORDER BY version_no LIMIT :limit"))
                .map((rs, ctx) -> terms(rs))
                .list();
    }

    /** Hours per week of the worker's other PROPOSED or ACTIVE agreements whose current terms overlap the period. */
    static List<AgreementRules.OtherAgreement> overlapping(Handle handle, UUID workerId, UUID exceptAgreementId,
                                                           LocalDate start, LocalDate end) {
        return handle.createQuery("""
                        SELECT a.id, t.hours_per_week FROM loan_agreement a
                        """ + TERMS_AT + """
                         WHERE a.worker_id = :worker AND a.id <> :except AND a.status IN ('PROPOSED', 'ACTIVE')
                          AND t.start_date <= COALESCE(CAST(:end AS date), 'infinity'::date)
                          AND (t.end_date IS NULL OR t.end_date >= :start)
                        ORDER BY a.id""")
                .bind("at", timestamp(CooperativeTime.now(handle)))
                .bind("worker", workerId).bind("except", exceptAgreementId).bind("start", start).bind("end", end)
                .map((rs, ctx) -> new AgreementRules.OtherAgreement(rs.getObject(1, UUID.class), rs.getInt(2)))
                .list();
    }

    /** Writes the agreement row back, bumping its ETag version. */
    static void update(Handle handle, AgreementRow row) {
        handle.createUpdate("""
                        UPDATE loan_agreement SET status = :status, proposed_at = :proposedAt, activated_at = :activatedAt,
                            ended_at = :endedAt, terminated_at = :terminatedAt, termination_reason = :terminationReason,
                            termination_effective_date = :terminationEffectiveDate, cancelled_at = :cancelledAt,
                            cancellation_reason = :cancellationReason, consented_on = :consentedOn,
                            consent_method = :consentMethod, consent_recorded_at = :consentRecordedAt,
                            consent_recorded_by = :consentRecordedBy, version = version + 1, updated_at = now()
                        WHERE id = :id""")
                .bind("id", row.id()).bind("status", row.status())
                .bindMethods(row.steps()).bindMethods(row.consent())
                .execute();
    }

    static void approve(Handle handle, UUID agreementId, int versionNo, boolean lenderSide, Instant at, String by) {
        String side = lenderSide ? "lender" : "borrower";
        handle.createUpdate("UPDATE loan_agreement_version SET " + side + "_approved_at = :at, " + side
                        + "_approved_by = :by WHERE agreement_id = :id AND version_no = :versionNo")
                .bind("at", timestamp(at)).bind("by", by).bind("id", agreementId).bind("versionNo", versionNo)
                .execute();
    }

    static void refreshCostPrice(Handle handle, UUID agreementId, int versionNo, long costPrice, VatExemptionRules.Assessment vat) {
        handle.createUpdate("""
                        UPDATE loan_agreement_version SET cost_price_cents_per_hour = :cost, vat_eligible = :eligible,
                            vat_unmet_conditions = :unmet
                        WHERE agreement_id = :id AND version_no = :versionNo""")
                .bind("cost", costPrice).bind("eligible", vat.eligible())
                .bind("unmet", vat.unmetConditions().toArray(String[]::new))
                .bind("id", agreementId).bind("versionNo", versionNo)
                .execute();
    }

    static void bringIntoForce(Handle handle, UUID agreementId, int versionNo, Instant at) {
        handle.createUpdate("""
                        UPDATE loan_agreement_version SET superseded_at = :at
                        WHERE agreement_id = :id AND in_force_from IS NOT NULL AND superseded_at IS NULL""")
                .bind("at", timestamp(at)).bind("id", agreementId)
                .execute();
        handle.createUpdate("UPDATE loan_agreement_version SET in_force_from = :at WHERE agreement_id = :id AND version_no = :versionNo")
                .bind("at", timestamp(at)).bind("id", agreementId).bind("versionNo", versionNo)
                .execute();
    }

    /** The worker as the rules need it, or empty when it is not in the tenant. */
    static Optional<AgreementRules.Worker> worker(Handle handle, UUID workerId) {
        return handle.createQuery("""
                        SELECT w.id, w.employer_member_id, w.status, w.contract_hours_per_week,
                               coalesce(array_agg(q.role) FILTER (WHERE q.role IS NOT NULL), '{}') AS roles,
                               coalesce(array_agg(q.valid_until) FILTER (WHERE q.role IS NOT NULL), '{}') AS valid_until
                        FROM worker w LEFT JOIN worker_qualification q ON q.tenant_id = w.tenant_id AND q.worker_id = w.id
                        WHERE w.id = :id
                        GROUP BY w.id, w.employer_member_id, w.status, w.contract_hours_per_week""")
                .bind("id", workerId)
                .map((rs, ctx) -> {
                    String[] roles = (String[]) rs.getArray("roles").getArray();
                    Object[] validUntil = (Object[]) rs.getArray("valid_until").getArray();
                    List<AgreementRules.Qualification> qualifications = new java.util.ArrayList<>();
                    for (int i = 0; i < roles.length; i++) {
                        qualifications.add(new AgreementRules.Qualification(roles[i],
                                validUntil[i] == null ? null : ((java.sql.Date) validUntil[i]).toLocalDate()));
                    }
                    return new AgreementRules.Worker(rs.getObject("id", UUID.class),
                            rs.getObject("employer_member_id", UUID.class), WorkerStatus.fromValue(rs.getString("status")),
                            rs.getInt("contract_hours_per_week"), qualifications);
                })
                .findOne();
    }

    record WorkerCost(long hourlyCostCents, String contractType) {
    }

    static WorkerCost workerCost(Handle handle, UUID workerId) {
        return handle.createQuery("SELECT hourly_cost_cents, contract_type FROM worker WHERE id = :id")
                .bind("id", workerId)
                .map((rs, ctx) -> new WorkerCost(rs.getLong(1), rs.getString(2)))
                .one();
    }

    static Optional<AgreementRules.Party> member(Handle handle, UUID memberId) {
        return handle.createQuery("SELECT id, status FROM member WHERE id = :id")
                .bind("id", memberId)
                .map((rs, ctx) -> new AgreementRules.Party(rs.getObject(1, UUID.class),
                        MemberStatus.fromValue(rs.getString(2))))
                .findOne();
    }

    static Optional<String> memberCaoRuleSet(Handle handle, UUID memberId) {
        return handle.createQuery("SELECT cao_rule_set_code FROM member WHERE id = :id")
                .bind("id", memberId).mapTo(String.class).findOne();
    }

    /** Every cooperative's id, for a platform job that visits each tenant in turn (a platform read, no RLS). */
    static List<UUID> cooperatives(Handle handle) {
        return handle.createQuery("SELECT id FROM cooperative ORDER BY id").mapTo(UUID.class).list();
    }

    /** Agreements whose terms in force ended before today in the tenant's zone, claimed so that nodes share the work. */
    static List<AgreementRow> claimExpired(Handle handle, int limit) {
        return handle.createQuery("SELECT " + AGREEMENT_COLUMNS + " FROM loan_agreement a " + TERMS_AT
                        + " WHERE a.status = 'ACTIVE' AND t.end_date < tenant_today()"
                        // the candidates, found by loan_agreement_version_ending_idx: terms in force now that ended
                        + " AND a.id IN (SELECT e.agreement_id FROM loan_agreement_version e WHERE e.in_force_from IS NOT NULL"
                        + " AND e.superseded_at IS NULL AND e.end_date IS NOT NULL AND e.end_date < tenant_today())"
                        + " ORDER BY a.id LIMIT :limit FOR UPDATE OF a SKIP LOCKED")
                .bind("at", timestamp(CooperativeTime.now(handle))).bind("limit", limit)
                .map(ROW)
                .list();
    }

    private static TermsRow terms(ResultSet rs) throws SQLException {
        return terms(rs, 0);
    }

    /** Maps {@link #VERSION_COLUMNS} by position, after the first {@code skipped} columns of the row. */
    private static TermsRow terms(ResultSet rs, int skipped) throws SQLException {
        int c = skipped;
        Array unmet = rs.getArray(c + 9);
        return new TermsRow(rs.getObject(c + 1, UUID.class), rs.getInt(c + 2),
                rs.getObject(c + 3, LocalDate.class), rs.getObject(c + 4, LocalDate.class),
                rs.getInt(c + 5), rs.getLong(c + 6), rs.getLong(c + 7),
                rs.getBoolean(c + 8), Arrays.asList((String[]) unmet.getArray()),
                instant(rs, c + 10), rs.getString(c + 11),
                instant(rs, c + 12), rs.getString(c + 13),
                instant(rs, c + 14), instant(rs, c + 15), instant(rs, c + 16),
                rs.getObject(c + 17, LocalDate.class));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return Timestamps.instant(rs, column);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

}
