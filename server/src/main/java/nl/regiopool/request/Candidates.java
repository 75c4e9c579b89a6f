package nl.regiopool.request;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import nl.regiopool.api.model.Candidate;
import nl.regiopool.api.model.CandidateReason;
import nl.regiopool.api.model.RequestedShift;
import nl.regiopool.api.model.StaffingRequest;
import nl.regiopool.api.model.StaffingRequestKind;
import nl.regiopool.availability.Availability;
import nl.regiopool.availability.StatedAvailability;
import nl.regiopool.cao.Shift;
import nl.regiopool.placement.PlacementChecks;
import nl.regiopool.settings.CooperativeTime;
import nl.regiopool.tenancy.Ids;
import org.jdbi.v3.core.Handle;

/**
 * Ranks the pooled workers of other members for a staffing request: prefilter in SQL, then the full check each.
 *
 * <p>The order is eligible first, then stated unavailability, score (highest first) and worker id. Everything but
 * eligibility is known before the checks, so a page of eligible candidates checks the pool in that order, batch
 * by batch (each batch in parallel), only until the page and one more eligible candidate are found.
 */
final class Candidates {

    static final LocalTime COVERAGE_DAY_START = LocalTime.of(9, 0);
    /** The fewest workers checked at once: one SQL read of their shifts, then the checks in parallel. */
    private static final int MIN_BATCH = 8;

    /**
     * The candidates at [offset, offset + limit) of the ranking, whether more follow, and the shifts that were checked
     * (the request's own, or a COVERAGE request's representative week).
     */
    record Page(List<Candidate> candidates, boolean more, List<RequestedShift> checkedShifts,
                boolean representativeWeek, Set<String> unlocatedPostcodes) {
    }

    private Candidates() {
    }

    /** Whether each of the workers is an eligible candidate for the request, by the same checks as the ranking. */
    static Set<UUID> eligibleAmong(Handle handle, StaffingRequest request, List<UUID> workerIds) {
        Set<UUID> eligible = new TreeSet<>();
        if (!workerIds.isEmpty()) {
            Pool.of(handle, request, workerIds).ranked(handle, false, Integer.MAX_VALUE)
                    .forEach(candidate -> eligible.add(candidate.getWorkerId()));
        }
        return eligible;
    }

    /** Whether the worker is an eligible candidate for the request, by the same checks as the ranking. */
    static boolean eligible(Handle handle, StaffingRequest request, UUID workerId) {
        return eligibleAmong(handle, request, List.of(workerId)).contains(workerId);
    }

    /** A page of the ranking: with only eligible candidates asked for, the pool is checked until the page is full. */
    static Page page(Handle handle, StaffingRequest request, boolean includeIneligible, int offset, int limit) {
        Pool pool = Pool.of(handle, request, null);
        int wanted = includeIneligible ? Integer.MAX_VALUE : offset + limit + 1;
        List<Candidate> ranked = pool.ranked(handle, includeIneligible, wanted);
        int end = Math.min(ranked.size(), offset + limit);
        List<Candidate> page = offset >= ranked.size() ? List.of() : List.copyOf(ranked.subList(offset, end));
        return new Page(page, end < ranked.size(), pool.checked, pool.coverage, pool.unlocated);
    }

    /** A pooled worker with the reasons of its score, known before its checks. */
    private record Scored(CandidateDao.Pooled worker, List<CandidateReason> reasons, boolean statedUnavailable) {

        int score() {
            return CandidateChecks.score(reasons);
        }
    }

    /** The request's pool with every fact its checks read but the workers' shifts, in the order of the ranking. */
    private static final class Pool {

        private final CandidateChecks.Request checks;
        private final List<Scored> order;
        private final List<RequestedShift> checked;
        private final boolean coverage;
        private final Set<String> unlocated;
        private final Instant shiftsFrom;
        private final Instant shiftsTo;

        private Pool(CandidateChecks.Request checks, List<Scored> order, List<RequestedShift> checked, boolean coverage,
                     Set<String> unlocated) {
            this.checks = checks;
            this.order = order;
            this.checked = checked;
            this.coverage = coverage;
            this.unlocated = unlocated;
            this.shiftsFrom = checks.shifts().stream().map(Shift::startsAt).min(Instant::compareTo).orElseThrow()
                    .minus(PlacementChecks.HORIZON);
            this.shiftsTo = checks.shifts().stream().map(Shift::endsAt).max(Instant::compareTo).orElseThrow()
                    .plus(PlacementChecks.HORIZON);
        }

        /** The pool of the request: every pooled worker, or only {@code onlyWorkerIds} when that is not null. */
        static Pool of(Handle handle, StaffingRequest request, List<UUID> onlyWorkerIds) {
            ZoneId zone = CooperativeTime.zone(handle);
            boolean coverage = request.getKind() == StaffingRequestKind.COVERAGE;
            List<RequestedShift> checked = coverage ? representativeWeek(request, zone) : request.getShifts();
            List<Shift> shifts = checked.stream().map(shift -> new Shift(shift.getId(), shift.getStartsAt().toInstant(),
                    shift.getEndsAt().toInstant(), shift.getBreakMinutes(), "REQUEST")).toList();
            LocalDate firstDay = coverage ? request.getStartDate() : shifts.get(0).startsAt().atZone(zone).toLocalDate();
            LocalDate lastDay = coverage ? request.getEndDate() : shifts.stream().map(Shift::endsAt)
                    .max(Instant::compareTo).orElseThrow().minusNanos(1).atZone(zone).toLocalDate();
            LocalDate month = CooperativeTime.today(handle).withDayOfMonth(1);
            CandidateDao.Question question = new CandidateDao.Question(request.getId(), request.getRole().toString(),
                    request.getMemberId(), firstDay, lastDay, !request.getPoolIds().isEmpty(),
                    month.atStartOfDay(zone).toInstant(), month.plusMonths(1).atStartOfDay(zone).toInstant(),
                    onlyWorkerIds);
            List<CandidateDao.Pooled> pooled = CandidateDao.pooled(handle, question);
            Map<UUID, Availability> stated = StatedAvailability.ofAll(handle,
                    pooled.stream().map(CandidateDao.Pooled::workerId).toList());
            CandidateDao.Located location = CandidateDao.requestLocation(handle, request.getMemberId(),
                    request.getLocationPostcode());
            CandidateChecks.Request checks = new CandidateChecks.Request(request.getMemberId(),
                    request.getRole().toString(), shifts, firstDay, lastDay, zone,
                    PlacementChecks.rules(handle, CandidateDao.caoRuleSetCode(handle, request.getMemberId())
                            .orElse(null), firstDay),
                    CandidateDao.cooperative(handle), location.coordinates());
            List<Scored> order = pooled.stream().map(worker -> {
                List<CandidateReason> reasons = CandidateChecks.reasons(checks, worker,
                        stated.getOrDefault(worker.workerId(), Availability.UNSTATED));
                return new Scored(worker, reasons, CandidateChecks.statedUnavailable(reasons));
            }).sorted(Comparator.comparing(Scored::statedUnavailable)
                    .thenComparing(Comparator.comparing(Scored::score).reversed())
                    .thenComparing(scored -> scored.worker().workerId())).toList();
            Set<String> unlocated = new TreeSet<>();
            if (location.unlocatedPostcode() != null) {
                unlocated.add(location.unlocatedPostcode());
            }
            pooled.stream().map(worker -> worker.location().unlocatedPostcode()).filter(Objects::nonNull)
                    .forEach(unlocated::add);
            return new Pool(checks, order, checked, coverage, unlocated);
        }

        /**
         * The candidates in ranking order: the eligible ones, then (with {@code includeIneligible}) the others. Without
         * the ineligible ones, checking stops once {@code wanted} eligible candidates are found.
         */
        List<Candidate> ranked(Handle handle, boolean includeIneligible, int wanted) {
            List<Candidate> eligible = new ArrayList<>();
            List<Candidate> ineligible = new ArrayList<>();
            int next = 0;
            int batch = (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_BATCH, wanted + wanted / 4L));
            while (next < order.size() && (includeIneligible || eligible.size() < wanted)) {
                List<Scored> slice = order.subList(next, (int) Math.min(order.size(), (long) next + batch));
                for (Candidate candidate : judge(handle, slice)) {
                    (candidate.getEligible() ? eligible : ineligible).add(candidate);
                }
                next += slice.size();
                batch = (int) Math.min(Integer.MAX_VALUE, 2L * batch);
            }
            if (includeIneligible) {
                eligible.addAll(ineligible);
            }
            return eligible;
        }

        /** The workers' shifts read at once, then each worker checked, in parallel, in the order given. */
        private List<Candidate> judge(Handle handle, List<Scored> workers) {
            Map<UUID, List<CandidateDao.Existing>> existing = CandidateDao.shifts(handle,
                    workers.stream().map(scored -> scored.worker().workerId()).toList(), shiftsFrom, shiftsTo);
            return workers.parallelStream().map(scored -> CandidateChecks.judge(checks, scored.worker(),
                    existing.getOrDefault(scored.worker().workerId(), List.of()), scored.reasons())).toList();
        }
    }

    /**
     * A COVERAGE request's hours per week spread evenly over the weekdays of its first seven days (all seven days
     * when none is a weekday), each day from 09:00 local time with the break the Working Hours Act asks for.
     */
    static List<RequestedShift> representativeWeek(StaffingRequest request, ZoneId zone) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = request.getStartDate(); day.isBefore(request.getStartDate().plusDays(7))
                && !day.isAfter(request.getEndDate()); day = day.plusDays(1)) {
            days.add(day);
        }
        List<LocalDate> weekdays = days.stream()
                .filter(day -> day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY)
                .toList();
        List<LocalDate> working = weekdays.isEmpty() ? days : weekdays;
        long minutesPerDay = request.getHoursPerWeek() * 60L / working.size();
        int breakMinutes = minutesPerDay > 10 * 60 ? 45 : minutesPerDay > 5 * 60 + 30 ? 30 : 0;
        return working.stream().map(day -> {
            var startsAt = day.atTime(COVERAGE_DAY_START).atZone(zone);
            var endsAt = startsAt.plus(Duration.ofMinutes(minutesPerDay + breakMinutes));
            return new RequestedShift(Ids.next(), startsAt.toOffsetDateTime(), endsAt.toOffsetDateTime(), breakMinutes);
        }).toList();
    }
}
