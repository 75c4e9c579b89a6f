package nl.regiopool.request;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import nl.regiopool.agreement.AgreementRules;
import nl.regiopool.agreement.RuleBreach;
import nl.regiopool.api.model.Candidate;
import nl.regiopool.api.model.CandidateReason;
import nl.regiopool.api.model.CandidateReasonCode;
import nl.regiopool.api.model.MemberStatus;
import nl.regiopool.api.model.RuleViolation;
import nl.regiopool.api.model.WorkerStatus;
import nl.regiopool.availability.Availability;
import nl.regiopool.cao.RuleSetVersion;
import nl.regiopool.cao.Shift;
import nl.regiopool.cao.Weeks;
import nl.regiopool.geo.Coordinates;
import nl.regiopool.geo.Distance;
import nl.regiopool.placement.PlacementChecks;

/**
 * One candidate judged for a staffing request as if each of the request's shifts were placed: the blockers (the
 * checks a placement create runs, plus the pool's, the contract's and the home share's hours) and the reasons that
 * make up its score. Values in, a {@link Candidate} out; the database is read before, in bulk.
 */
final class CandidateChecks {

    static final int ACTIVE_AGREEMENT_POINTS = 20;
    static final int WORKED_HERE_POINTS = 10;
    /** Per whole hour lent this month: spreads the load over the pool. */
    static final int POINTS_PER_HOUR_LENT = -1;
    /** Distance points: this many at 0 km, one less per whole {@link #KM_PER_DISTANCE_POINT} km, never below 0. */
    static final int DISTANCE_POINTS = 20;
    static final int KM_PER_DISTANCE_POINT = 2;
    /** The worker stated it is available for every checked shift. */
    static final int STATED_AVAILABLE_POINTS = 15;
    /** The worker stated it is not available for some checked shift (and ranks after the others, see Candidates). */
    static final int STATED_UNAVAILABLE_POINTS = -15;

    private static final Set<String> AGREEMENT_CODES = Set.of("CONTRACT_HOURS_EXCEEDED", "HOME_SHARE_TOO_LOW");

    /** What every candidate of one request is checked against. */
    record Request(UUID borrowerMemberId, String role, List<Shift> shifts, LocalDate firstDay, LocalDate lastDay,
                   ZoneId zone, RuleSetVersion rules, CandidateDao.Cooperative cooperative, Coordinates location) {
    }

    private CandidateChecks() {
    }

    /** The reasons of the worker's score: what is known before its checks. */
    static List<CandidateReason> reasons(Request request, CandidateDao.Pooled worker, Availability availability) {
        List<CandidateReason> reasons = reasons(worker);
        distance(request.location(), worker.location().coordinates()).ifPresent(reasons::add);
        availability(request, availability).ifPresent(reasons::add);
        return reasons;
    }

    static int score(List<CandidateReason> reasons) {
        return reasons.stream().mapToInt(CandidateReason::getPoints).sum();
    }

    /** The worker judged with its {@link #reasons}: the blockers of the checks a placement of each shift would run. */
    static Candidate judge(Request request, CandidateDao.Pooled worker, List<CandidateDao.Existing> existing,
                           List<CandidateReason> reasons) {
        List<RuleViolation> blockers = new ArrayList<>();
        if (!WorkerStatus.ACTIVE.toString().equals(worker.status())) {
            blockers.add(new RuleViolation("WORKER_NOT_ACTIVE", "Only an ACTIVE worker can be lent.")
                    .limit(WorkerStatus.ACTIVE.toString()).actual(worker.status()).entityIds(List.of(worker.workerId())));
        }
        for (Shift shift : request.shifts()) {
            LocalDate day = shift.startsAt().atZone(request.zone()).toLocalDate();
            if (!worker.qualifiedOn(day)) {
                blockers.add(new RuleViolation("ROLE_NOT_QUALIFIED", "The worker holds no qualification as "
                        + request.role() + " valid on " + day + ".").limit(request.role())
                        .actual("none valid on " + day).entityIds(List.of(worker.workerId())));
                break;
            }
        }
        blockers.addAll(overlaps(request, existing));
        blockers.addAll(workingTime(request, existing));
        blockers.addAll(poolHours(request, worker, existing));
        if (worker.activeAgreementId() == null) {
            blockers.addAll(agreementHours(request, worker));
        }
        return new Candidate(worker.workerId(), worker.employerMemberId(), blockers.isEmpty(), score(reasons),
                new ArrayList<>(reasons), blockers);
    }

    private static List<RuleViolation> overlaps(Request request, List<CandidateDao.Existing> existing) {
        List<RuleViolation> overlaps = new ArrayList<>();
        for (Shift shift : request.shifts()) {
            existing.stream().filter(CandidateDao.Existing::holdsTime)
                    .filter(other -> other.planned().overlaps(shift.startsAt(), shift.endsAt()))
                    .findFirst()
                    .ifPresent(other -> overlaps.add(new RuleViolation("PLACEMENT_OVERLAP",
                            "The worker has another shift at that time.")
                            .entityIds(List.of(other.planned().id(), shift.id()))));
        }
        return overlaps;
    }

    /** Each shift against the worker's worked shifts and the request's other shifts, all as if placed. */
    private static List<RuleViolation> workingTime(Request request, List<CandidateDao.Existing> existing) {
        List<Shift> worked = existing.stream().filter(CandidateDao.Existing::countsAsWork)
                .map(CandidateDao.Existing::worked).toList();
        Map<String, RuleViolation> distinct = new LinkedHashMap<>();
        for (List<RuleViolation> found : PlacementChecks.workingTimeEach(request.rules(), request.zone(),
                request.shifts(), worked)) {
            for (RuleViolation violation : found) {
                distinct.putIfAbsent(violation.getCode() + new TreeSet<>(violation.getEntityIds()), violation);
            }
        }
        return List.copyOf(distinct.values());
    }

    /** The request's hours plus the worker's borrowed shifts, per ISO week, within the pool membership's limit. */
    private static List<RuleViolation> poolHours(Request request, CandidateDao.Pooled worker,
                                                 List<CandidateDao.Existing> existing) {
        if (worker.poolMaxHoursPerWeek() == null) {
            return List.of();
        }
        Duration limit = Duration.ofHours(worker.poolMaxHoursPerWeek());
        for (LocalDate monday : mondays(request)) {
            Duration total = Duration.ZERO;
            List<UUID> ids = new ArrayList<>();
            for (Shift shift : request.shifts()) {
                total = total.plus(Weeks.workedInWeek(shift, monday, request.zone()));
            }
            for (CandidateDao.Existing other : existing) {
                Duration part = other.borrowed() && other.countsAsWork()
                        ? Weeks.workedInWeek(other.worked(), monday, request.zone()) : Duration.ZERO;
                if (!part.isZero()) {
                    total = total.plus(part);
                    ids.add(other.worked().id());
                }
            }
            if (total.compareTo(limit) > 0) {
                return List.of(new RuleViolation("POOL_MAX_HOURS_PER_WEEK", "In the week of " + monday
                        + " the worker would be lent for more than the pool membership's hours per week.")
                        .limit(hours(limit)).actual(hours(total)).entityIds(ids));
            }
        }
        return List.of();
    }

    /**
     * The agreement a placement would need, checked with the agreement rules: the contract's hours and the home
     * employer's minimum share, with the request's busiest week as its hours per week.
     */
    private static List<RuleViolation> agreementHours(Request request, CandidateDao.Pooled worker) {
        int weekHours = busiestWeekHours(request);
        AgreementRules.Terms terms = new AgreementRules.Terms(null, worker.employerMemberId(),
                request.borrowerMemberId(), request.role(), request.firstDay(), request.lastDay(), weekHours, 1, 1);
        AgreementRules.Worker lent = new AgreementRules.Worker(worker.workerId(), worker.employerMemberId(),
                WorkerStatus.ACTIVE, worker.contractHoursPerWeek(),
                List.of(new AgreementRules.Qualification(request.role(), null)));
        List<RuleBreach> breaches = AgreementRules.check(terms, lent,
                new AgreementRules.Party(worker.employerMemberId(), MemberStatus.ACTIVE),
                new AgreementRules.Party(request.borrowerMemberId(), MemberStatus.ACTIVE),
                new AgreementRules.CooperativeTerms(request.cooperative().marginPercent(),
                        request.cooperative().minHomeEmployerSharePercent()), worker.otherAgreements());
        return breaches.stream().filter(breach -> AGREEMENT_CODES.contains(breach.code()))
                .map(breach -> new RuleViolation(breach.code(), breach.message()).limit(breach.limit())
                        .actual(breach.actual()).entityIds(breach.entityIds()))
                .toList();
    }

    /** The request's worked hours in its busiest ISO week, rounded up to whole hours. */
    static int busiestWeekHours(Request request) {
        return RequestedHours.busiestWeek(request.shifts(), request.zone());
    }

    private static List<CandidateReason> reasons(CandidateDao.Pooled worker) {
        List<CandidateReason> reasons = new ArrayList<>();
        if (worker.activeAgreementId() != null) {
            reasons.add(new CandidateReason(CandidateReasonCode.HAS_ACTIVE_AGREEMENT, BigDecimal.ONE,
                    ACTIVE_AGREEMENT_POINTS));
        }
        if (worker.workedHere() > 0) {
            reasons.add(new CandidateReason(CandidateReasonCode.WORKED_HERE_BEFORE,
                    BigDecimal.valueOf(worker.workedHere()), WORKED_HERE_POINTS));
        }
        reasons.add(new CandidateReason(CandidateReasonCode.HOURS_LENT_THIS_MONTH,
                BigDecimal.valueOf(worker.secondsLentThisMonth()).divide(BigDecimal.valueOf(3600), 2,
                        RoundingMode.HALF_UP).stripTrailingZeros(),
                (int) (worker.secondsLentThisMonth() / 3600) * POINTS_PER_HOUR_LENT));
        return reasons;
    }

    /** The straight-line distance, when both places are known. */
    static Optional<CandidateReason> distance(Coordinates from, Coordinates to) {
        if (from == null || to == null) {
            return Optional.empty();
        }
        double km = Distance.km(from, to);
        int points = Math.max(0, DISTANCE_POINTS - (int) (km / KM_PER_DISTANCE_POINT));
        return Optional.of(new CandidateReason(CandidateReasonCode.DISTANCE_KM,
                BigDecimal.valueOf(km).setScale(1, RoundingMode.HALF_UP), points));
    }

    /** What the worker stated about the checked shifts; nothing when it stated nothing. */
    static Optional<CandidateReason> availability(Request request, Availability availability) {
        if (!availability.stated()) {
            return Optional.empty();
        }
        long uncovered = request.shifts().stream()
                .filter(shift -> !availability.covers(shift.startsAt(), shift.endsAt(), request.zone())).count();
        return Optional.of(uncovered == 0
                ? new CandidateReason(CandidateReasonCode.STATED_AVAILABLE, BigDecimal.valueOf(request.shifts().size()),
                        STATED_AVAILABLE_POINTS)
                : new CandidateReason(CandidateReasonCode.STATED_UNAVAILABLE, BigDecimal.valueOf(uncovered),
                        STATED_UNAVAILABLE_POINTS));
    }

    static boolean statedUnavailable(List<CandidateReason> reasons) {
        return reasons.stream().anyMatch(r -> r.getCode() == CandidateReasonCode.STATED_UNAVAILABLE);
    }

    private static List<LocalDate> mondays(Request request) {
        return request.shifts().stream().flatMap(shift -> Weeks.mondaysTouched(shift, request.zone()).stream())
                .distinct().sorted().toList();
    }

    private static String hours(Duration d) {
        return BigDecimal.valueOf(d.getSeconds()).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + " h";
    }
}
