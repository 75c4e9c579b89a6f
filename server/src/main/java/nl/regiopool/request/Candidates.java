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

/** Ranks the pooled workers of other members for a staffing request: prefilter in SQL, then the full check each. */
final class Candidates {

    static final LocalTime COVERAGE_DAY_START = LocalTime.of(9, 0);

    /** The ranking and the shifts that were checked (the request's own, or a COVERAGE request's representative week). */
    record Ranking(List<Candidate> candidates, List<RequestedShift> checkedShifts, boolean representativeWeek,
                   Set<String> unlocatedPostcodes) {
    }

    private Candidates() {
    }

    /** Every candidate, eligible first, then by score (highest first), then by worker id. */
    static Ranking rank(Handle handle, StaffingRequest request, boolean includeIneligible) {
        return rank(handle, request, includeIneligible, null);
    }

    /** Whether the worker is an eligible candidate for the request, by the same checks as the ranking. */
    static boolean eligible(Handle handle, StaffingRequest request, UUID workerId) {
        return !rank(handle, request, false, workerId).candidates().isEmpty();
    }

    /** The ranking of every pooled worker, or of only {@code onlyWorkerId} when it is not null. */
    static Ranking rank(Handle handle, StaffingRequest request, boolean includeIneligible, UUID onlyWorkerId) {
        ZoneId zone = CooperativeTime.zone(handle);
        boolean coverage = request.getKind() == StaffingRequestKind.COVERAGE;
        List<RequestedShift> checked = coverage ? representativeWeek(request, zone) : request.getShifts();
        List<Shift> shifts = checked.stream().map(shift -> new Shift(shift.getId(), shift.getStartsAt().toInstant(),
                shift.getEndsAt().toInstant(), shift.getBreakMinutes(), "REQUEST")).toList();
        LocalDate firstDay = coverage ? request.getStartDate() : shifts.get(0).startsAt().atZone(zone).toLocalDate();
        LocalDate lastDay = coverage ? request.getEndDate() : shifts.stream().map(Shift::endsAt).max(Instant::compareTo)
                .orElseThrow().minusNanos(1).atZone(zone).toLocalDate();
        LocalDate today = CooperativeTime.today(handle);
        LocalDate month = today.withDayOfMonth(1);
        CandidateDao.Question question = new CandidateDao.Question(request.getId(), request.getRole().toString(),
                request.getMemberId(), firstDay, lastDay, !request.getPoolIds().isEmpty(),
                month.atStartOfDay(zone).toInstant(), month.plusMonths(1).atStartOfDay(zone).toInstant(), onlyWorkerId);
        List<CandidateDao.Pooled> pooled = CandidateDao.pooled(handle, question);
        List<UUID> ids = pooled.stream().map(CandidateDao.Pooled::workerId).toList();
        Instant from = shifts.stream().map(Shift::startsAt).min(Instant::compareTo).orElseThrow()
                .minus(PlacementChecks.HORIZON);
        Instant to = shifts.stream().map(Shift::endsAt).max(Instant::compareTo).orElseThrow()
                .plus(PlacementChecks.HORIZON);
        Map<UUID, List<CandidateDao.Existing>> existing = CandidateDao.shifts(handle, ids, from, to);
        Map<UUID, Availability> stated = StatedAvailability.ofAll(handle, ids);
        CandidateDao.Located location = CandidateDao.requestLocation(handle, request.getMemberId(),
                request.getLocationPostcode());
        CandidateChecks.Request checks = new CandidateChecks.Request(request.getMemberId(),
                request.getRole().toString(), shifts, firstDay, lastDay, zone,
                PlacementChecks.rules(handle, CandidateDao.caoRuleSetCode(handle, request.getMemberId()).orElse(null),
                        firstDay),
                CandidateDao.cooperative(handle), location.coordinates());
        List<Candidate> ranked = pooled.parallelStream()
                .map(worker -> CandidateChecks.judge(checks, worker, existing.getOrDefault(worker.workerId(), List.of()),
                        stated.getOrDefault(worker.workerId(), Availability.UNSTATED)))
                .filter(candidate -> includeIneligible || candidate.getEligible())
                .sorted(Comparator.comparing(Candidate::getEligible).reversed()
                        .thenComparing(CandidateChecks::statedUnavailable)
                        .thenComparing(Comparator.comparing(Candidate::getScore).reversed())
                        .thenComparing(Candidate::getWorkerId))
                .toList();
        Set<String> unlocated = new TreeSet<>();
        if (location.unlocatedPostcode() != null) {
            unlocated.add(location.unlocatedPostcode());
        }
        pooled.stream().map(worker -> worker.location().unlocatedPostcode()).filter(Objects::nonNull)
                .forEach(unlocated::add);
        return new Ranking(ranked, checked, coverage, unlocated);
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
