package nl.regiopool.request;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.agreement.AgreementRules;
import nl.regiopool.cao.Shift;
import nl.regiopool.geo.Coordinates;
import org.jdbi.v3.core.Handle;

/** SQL of the candidate ranking: the prefilter of pooled workers and the facts each check reads, in bulk. */
final class CandidateDao {

    private static final String TERMS_NOW = """
            CROSS JOIN LATERAL (
                SELECT * FROM loan_agreement_version v
                WHERE v.tenant_id = a.tenant_id AND v.agreement_id = a.id
                  AND (v.version_no = 1 OR v.in_force_from <= now())
                ORDER BY (v.in_force_from <= now()) DESC NULLS LAST, v.version_no DESC
                LIMIT 1) t\s""";

    private CandidateDao() {
    }

    /**
     * The question: the request's role, member, period (local dates) and pools, the month to count lent hours in,
     * and the workers to consider (null: every pooled worker).
     */
    record Question(UUID requestId, String role, UUID borrowerMemberId, LocalDate firstDay, LocalDate lastDay,
                    boolean onlyRequestPools, Instant monthStart, Instant monthEnd, List<UUID> onlyWorkerIds) {
    }

    /**
     * A pooled worker of another member who holds the role, with what the checks and the score read: the
     * qualification's validity, the pool memberships' hours limit (null: none), the ACTIVE agreement that already
     * lends the worker to the borrower in this role over the whole period (null: none), the worker's agreements
     * (PROPOSED or ACTIVE) whose terms meet the period, how often the worker has worked at the borrower, and the
     * seconds lent this month.
     */
    record Pooled(UUID workerId, UUID employerMemberId, String status, int contractHoursPerWeek,
                  boolean qualificationOpenEnded, LocalDate qualificationValidUntil, Integer poolMaxHoursPerWeek,
                  UUID activeAgreementId, List<AgreementRules.OtherAgreement> otherAgreements, long workedHere,
                  long secondsLentThisMonth, Located location) {

        boolean qualifiedOn(LocalDate day) {
            return qualificationOpenEnded || (qualificationValidUntil != null && !qualificationValidUntil.isBefore(day));
        }
    }

    /**
     * One of a worker's existing shifts: planned times (the overlap check), worked times (the working-time
     * rules), whether it holds time and counts as work, and whether it is a borrowed shift (lent hours).
     */
    record Existing(UUID workerId, Shift planned, Shift worked, boolean holdsTime, boolean countsAsWork,
                    boolean borrowed) {
    }

    /**
     * Where someone is: stated coordinates, else the cached location of the postcode (null coordinates when the
     * geocoder found none); {@code unlocatedPostcode} is the postcode not yet looked up, null when there is none.
     */
    record Located(Coordinates coordinates, String unlocatedPostcode) {

        static Located of(Double statedLatitude, Double statedLongitude, String postcode, boolean cached,
                          Double cachedLatitude, Double cachedLongitude) {
            Optional<Coordinates> stated = Coordinates.of(statedLatitude, statedLongitude);
            if (stated.isPresent()) {
                return new Located(stated.get(), null);
            }
            if (cached || postcode == null) {
                return new Located(Coordinates.of(cachedLatitude, cachedLongitude).orElse(null), null);
            }
            return new Located(null, postcode);
        }
    }

    record Cooperative(BigDecimal marginPercent, int minHomeEmployerSharePercent) {
    }

    /**
     * The pooled workers with what the checks and the score read, one query per concern: the pooled workers
     * themselves, then for all of them at once their agreements (the covering one and the others that meet the
     * period), the shifts worked at the borrower and the hours lent this month. Each per-worker fact is an index
     * probe per worker (a lateral join), so that neither the cooperative's placement history nor its other
     * agreements are read. ({@code worker_id = ANY(:workers)} is no
     * substitute: with the array bound as a parameter the planner filters a scan of the cooperative's agreements
     * with it, comparing every row with every element.)
     */
    static List<Pooled> pooled(Handle handle, Question question) {
        List<Pooled> pooled = pooledWorkers(handle, question);
        if (pooled.isEmpty()) {
            return pooled;
        }
        UUID[] workers = pooled.stream().map(Pooled::workerId).toArray(UUID[]::new);
        Map<UUID, List<Agreement>> agreements = agreements(handle, workers);
        Map<UUID, Long> workedHere = workedHere(handle, question, workers);
        Map<UUID, Long> secondsLent = secondsLent(handle, question, workers);
        return pooled.stream().map(worker -> {
            List<Agreement> own = agreements.getOrDefault(worker.workerId(), List.of());
            return new Pooled(worker.workerId(), worker.employerMemberId(), worker.status(),
                    worker.contractHoursPerWeek(), worker.qualificationOpenEnded(), worker.qualificationValidUntil(),
                    worker.poolMaxHoursPerWeek(),
                    own.stream().filter(agreement -> agreement.covers(question)).map(Agreement::id).findFirst()
                            .orElse(null),
                    own.stream().filter(agreement -> agreement.meets(question.firstDay(), question.lastDay()))
                            .map(agreement -> new AgreementRules.OtherAgreement(agreement.id(),
                                    agreement.hoursPerWeek())).toList(),
                    workedHere.getOrDefault(worker.workerId(), 0L), secondsLent.getOrDefault(worker.workerId(), 0L),
                    worker.location());
        }).toList();
    }

    /** A PROPOSED or ACTIVE agreement of a pooled worker, with its terms in force now. */
    record Agreement(UUID id, UUID borrowerMemberId, String role, String status, LocalDate startDate,
                     LocalDate endDate, int hoursPerWeek) {

        /** ACTIVE and lending the worker to the question's borrower in its role over the whole period. */
        boolean covers(Question question) {
            return "ACTIVE".equals(status) && borrowerMemberId.equals(question.borrowerMemberId())
                    && role.equals(question.role()) && !startDate.isAfter(question.firstDay())
                    && (endDate == null || !endDate.isBefore(question.lastDay()));
        }

        /** The terms meet [firstDay, lastDay]. */
        boolean meets(LocalDate firstDay, LocalDate lastDay) {
            return !startDate.isAfter(lastDay) && (endDate == null || !endDate.isBefore(firstDay));
        }
    }

    /** The pooled workers of other members who hold the role, without the per-worker facts (zero, none). */
    private static List<Pooled> pooledWorkers(Handle handle, Question question) {
        String pools = question.onlyRequestPools()
                ? " AND m.pool_id IN (SELECT rp.pool_id FROM staffing_request_pool rp WHERE rp.staffing_request_id = :request)"
                : "";
        if (question.onlyWorkerIds() != null) {
            pools += " AND m.worker_id = ANY(:onlyWorkers)";
        }
        return handle.createQuery("""
                        WITH pooled AS (
                            SELECT m.worker_id, bool_or(m.max_hours_per_week IS NULL) AS unlimited,
                                   max(m.max_hours_per_week) AS max_hours
                            FROM pool_membership m
                            JOIN pool p ON p.tenant_id = m.tenant_id AND p.id = m.pool_id
                            WHERE m.valid_from <= :lastDay AND (m.valid_to IS NULL OR m.valid_to >= :firstDay)
                              AND (cardinality(p.allowed_roles) = 0 OR :role = ANY(p.allowed_roles))""" + pools + """

                            GROUP BY m.worker_id)
                        SELECT w.id, w.employer_member_id, w.status, w.contract_hours_per_week,
                               q.open_ended, q.valid_until, w.postcode, w.latitude, w.longitude,
                               loc.postcode IS NOT NULL AS cached, loc.latitude AS cached_latitude,
                               loc.longitude AS cached_longitude,
                               CASE WHEN pooled.unlimited THEN NULL ELSE pooled.max_hours END AS pool_max_hours
                        FROM pooled
                        JOIN worker w ON w.id = pooled.worker_id
                        JOIN LATERAL (SELECT bool_or(wq.valid_until IS NULL) AS open_ended, max(wq.valid_until) AS valid_until
                                      FROM worker_qualification wq
                                      WHERE wq.tenant_id = w.tenant_id AND wq.worker_id = w.id AND wq.role = :role) q
                             ON q.open_ended IS NOT NULL
                        LEFT JOIN postcode_location loc ON loc.postcode = w.postcode
                        WHERE w.employer_member_id <> :borrower
                        ORDER BY w.id""")
                .bind("request", question.requestId())
                .bind("onlyWorkers", question.onlyWorkerIds() == null ? new UUID[0]
                        : question.onlyWorkerIds().toArray(UUID[]::new))
                .bind("role", question.role())
                .bind("borrower", question.borrowerMemberId())
                .bind("firstDay", question.firstDay())
                .bind("lastDay", question.lastDay())
                .map((rs, ctx) -> new Pooled(rs.getObject("id", UUID.class),
                        rs.getObject("employer_member_id", UUID.class), rs.getString("status"),
                        rs.getInt("contract_hours_per_week"), Boolean.TRUE.equals(rs.getObject("open_ended")),
                        rs.getObject("valid_until", LocalDate.class), (Integer) rs.getObject("pool_max_hours"),
                        null, List.of(), 0, 0,
                        Located.of((Double) rs.getObject("latitude"), (Double) rs.getObject("longitude"),
                                rs.getString("postcode"), rs.getBoolean("cached"),
                                (Double) rs.getObject("cached_latitude"), (Double) rs.getObject("cached_longitude"))))
                .list();
    }

    /**
     * Per worker, its PROPOSED and ACTIVE agreements with the terms in force now, by id. The worker's agreements are
     * found by a probe of the worker index that names only the worker: with the status or the borrower in the probe
     * as well, and no statistics yet, the planner may walk the cooperative's ACTIVE agreements for every worker.
     */
    private static Map<UUID, List<Agreement>> agreements(Handle handle, UUID[] workers) {
        Map<UUID, List<Agreement>> byWorker = new HashMap<>();
        handle.createQuery("""
                        SELECT a.worker_id, a.id, a.borrower_member_id, a.role, a.status, t.start_date, t.end_date,
                               t.hours_per_week
                        FROM unnest(:workers) AS candidate(id)
                        CROSS JOIN LATERAL (
                            SELECT * FROM loan_agreement a WHERE a.worker_id = candidate.id OFFSET 0) a
                        """ + TERMS_NOW + """
                        WHERE a.status IN ('PROPOSED', 'ACTIVE')
                        ORDER BY a.id""")
                .bind("workers", workers)
                .map((rs, ctx) -> Map.entry(rs.getObject("worker_id", UUID.class),
                        new Agreement(rs.getObject("id", UUID.class), rs.getObject("borrower_member_id", UUID.class),
                                rs.getString("role"), rs.getString("status"), rs.getObject("start_date", LocalDate.class),
                                rs.getObject("end_date", LocalDate.class), rs.getInt("hours_per_week"))))
                .forEach(entry -> byWorker.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(entry.getValue()));
        return byWorker;
    }

    /** Per worker, its shifts at the borrower that were confirmed or completed (workers with none are absent). */
    private static Map<UUID, Long> workedHere(Handle handle, Question question, UUID[] workers) {
        Map<UUID, Long> worked = new HashMap<>();
        handle.createQuery("""
                        SELECT candidate.id, here.shifts
                        FROM unnest(:workers) AS candidate(id)
                        CROSS JOIN LATERAL (
                            SELECT count(*) AS shifts FROM placement pl
                            WHERE pl.worker_id = candidate.id AND pl.borrower_member_id = :borrower
                              AND pl.kind = 'SHIFT' AND pl.status IN ('CONFIRMED', 'COMPLETED')) here
                        WHERE here.shifts > 0""")
                .bind("workers", workers)
                .bind("borrower", question.borrowerMemberId())
                .map((rs, ctx) -> Map.entry(rs.getObject(1, UUID.class), rs.getLong(2)))
                .forEach(entry -> worked.put(entry.getKey(), entry.getValue()));
        return worked;
    }

    /** Per worker, the worked seconds of its borrowed shifts (not cancelled, not no-shows) starting this month. */
    private static Map<UUID, Long> secondsLent(Handle handle, Question question, UUID[] workers) {
        Map<UUID, Long> lent = new HashMap<>();
        handle.createQuery("""
                        SELECT candidate.id, month.seconds
                        FROM unnest(:workers) AS candidate(id)
                        CROSS JOIN LATERAL (
                            SELECT sum(extract(epoch FROM pl.ends_at - pl.starts_at) - pl.break_minutes * 60) AS seconds
                            FROM placement pl
                            WHERE pl.worker_id = candidate.id AND pl.kind = 'SHIFT'
                              AND pl.status NOT IN ('CANCELLED', 'NO_SHOW')
                              AND pl.starts_at >= :monthStart AND pl.starts_at < :monthEnd) month
                        WHERE month.seconds IS NOT NULL""")
                .bind("workers", workers)
                .bind("monthStart", utc(question.monthStart()))
                .bind("monthEnd", utc(question.monthEnd()))
                .map((rs, ctx) -> Map.entry(rs.getObject(1, UUID.class), rs.getBigDecimal(2).longValue()))
                .forEach(entry -> lent.put(entry.getKey(), entry.getValue()));
        return lent;
    }

    /**
     * The shifts (not cancelled) of the workers that meet [from, to), by worker: per worker a probe of the overlap
     * constraint's index, which reads only the window (a range on the start time alone reads back to the first).
     * {@code OFFSET 0} keeps the probe per worker: flattened, the planner scans the cooperative's placements.
     */
    static Map<UUID, List<Existing>> shifts(Handle handle, List<UUID> workerIds, Instant from, Instant to) {
        Map<UUID, List<Existing>> byWorker = new HashMap<>();
        if (workerIds.isEmpty()) {
            return byWorker;
        }
        handle.createQuery("""
                        SELECT p.id, p.worker_id, p.kind, p.status, p.starts_at, p.ends_at, p.break_minutes,
                               p.completed_at IS NOT NULL AS completed, p.actual_starts_at, p.actual_ends_at,
                               p.actual_break_minutes
                        FROM unnest(:workers) AS candidate(id)
                        CROSS JOIN LATERAL (
                            SELECT * FROM placement p
                            WHERE p.worker_id = candidate.id AND p.status <> 'CANCELLED'
                              AND tstzrange(p.starts_at, p.ends_at) && tstzrange(:from, :to)
                            OFFSET 0) p""")
                .bind("workers", workerIds.toArray(UUID[]::new))
                .bind("from", utc(from))
                .bind("to", utc(to))
                .map((rs, ctx) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    String kind = rs.getString("kind");
                    Shift planned = new Shift(id, rs.getObject("starts_at", OffsetDateTime.class).toInstant(),
                            rs.getObject("ends_at", OffsetDateTime.class).toInstant(), rs.getInt("break_minutes"), kind);
                    Shift worked = rs.getBoolean("completed")
                            ? new Shift(id, rs.getObject("actual_starts_at", OffsetDateTime.class).toInstant(),
                                    rs.getObject("actual_ends_at", OffsetDateTime.class).toInstant(),
                                    rs.getInt("actual_break_minutes"), kind)
                            : planned;
                    String status = rs.getString("status");
                    return new Existing(rs.getObject("worker_id", UUID.class), planned, worked, true,
                            !"NO_SHOW".equals(status), "SHIFT".equals(kind));
                })
                .forEach(shift -> byWorker.computeIfAbsent(shift.workerId(), key -> new ArrayList<>()).add(shift));
        return byWorker;
    }

    /** The ACTIVE agreement that lends the worker to the borrower in the role over [firstDay, lastDay], if any. */
    static Optional<UUID> coveringAgreement(Handle handle, UUID workerId, UUID borrowerMemberId, String role,
                                            LocalDate firstDay, LocalDate lastDay) {
        return handle.createQuery("SELECT a.id FROM loan_agreement a\n" + TERMS_NOW + """
                         WHERE a.worker_id = :worker AND a.borrower_member_id = :borrower AND a.role = :role
                          AND a.status = 'ACTIVE' AND t.start_date <= :firstDay
                          AND (t.end_date IS NULL OR t.end_date >= :lastDay)
                        ORDER BY a.id LIMIT 1""")
                .bind("worker", workerId)
                .bind("borrower", borrowerMemberId)
                .bind("role", role)
                .bind("firstDay", firstDay)
                .bind("lastDay", lastDay)
                .mapTo(UUID.class)
                .findOne();
    }

    /**
     * Where the request's work is: the member's stated coordinates when the request is at the member's own
     * postcode, else the location of the request's postcode.
     */
    static Located requestLocation(Handle handle, UUID memberId, String locationPostcode) {
        return handle.createQuery("""
                        SELECT CASE WHEN m.postcode = :postcode THEN m.latitude END AS latitude,
                               CASE WHEN m.postcode = :postcode THEN m.longitude END AS longitude,
                               loc.postcode IS NOT NULL AS cached, loc.latitude AS cached_latitude,
                               loc.longitude AS cached_longitude
                        FROM member m LEFT JOIN postcode_location loc ON loc.postcode = :postcode
                        WHERE m.id = :member""")
                .bind("member", memberId)
                .bind("postcode", locationPostcode)
                .map((rs, ctx) -> Located.of((Double) rs.getObject("latitude"), (Double) rs.getObject("longitude"),
                        locationPostcode, rs.getBoolean("cached"), (Double) rs.getObject("cached_latitude"),
                        (Double) rs.getObject("cached_longitude")))
                .findOne()
                .orElse(new Located(null, null));
    }

    static Cooperative cooperative(Handle handle) {
        return handle.createQuery("SELECT margin_percent, min_home_employer_share_percent FROM cooperative_settings")
                .map((rs, ctx) -> new Cooperative(rs.getBigDecimal(1), rs.getInt(2)))
                .findOne()
                .orElse(new Cooperative(BigDecimal.ZERO, 0));
    }

    static Optional<String> caoRuleSetCode(Handle handle, UUID memberId) {
        return handle.createQuery("SELECT cao_rule_set_code FROM member WHERE id = :id").bind("id", memberId)
                .mapTo(String.class).findOne();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
