package nl.regiopool.request;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.Map;
import java.util.TreeMap;
import nl.regiopool.api.model.RequestedShift;
import nl.regiopool.api.model.StaffingRequest;
import nl.regiopool.api.model.StaffingRequestKind;

/** The hours per week a request asks for: the agreement made for it lends at least that many. Pure. */
final class RequestedHours {

    static final int MAX_PER_WEEK = 60;

    private RequestedHours() {
    }

    /**
     * COVERAGE: its hoursPerWeek. SHIFTS: the worked minutes (breaks off) of its busiest ISO week in the zone,
     * counted in the week each shift starts, rounded up to whole hours, at least 1 and at most 60.
     */
    static int perWeek(StaffingRequest request, ZoneId zone) {
        if (request.getKind() == StaffingRequestKind.COVERAGE) {
            return request.getHoursPerWeek();
        }
        Map<String, Long> minutesPerWeek = new TreeMap<>();
        for (RequestedShift shift : request.getShifts()) {
            LocalDate day = shift.getStartsAt().atZoneSameInstant(zone).toLocalDate();
            String week = day.get(IsoFields.WEEK_BASED_YEAR) + "-" + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            long minutes = Duration.between(shift.getStartsAt(), shift.getEndsAt()).toMinutes() - shift.getBreakMinutes();
            minutesPerWeek.merge(week, Math.max(0, minutes), Long::sum);
        }
        long busiest = minutesPerWeek.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long hours = (busiest + 59) / 60;
        return (int) Math.max(1, Math.min(MAX_PER_WEEK, hours));
    }
}
