package nl.regiopool.request;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import nl.regiopool.api.model.StaffingRequest;
import nl.regiopool.api.model.StaffingRequestKind;
import nl.regiopool.cao.Shift;
import nl.regiopool.cao.Weeks;

/**
 * The hours per week a request asks for, as the candidate checks count them and as the agreement made for a
 * release lends them. Pure.
 */
final class RequestedHours {

    static final int MAX_PER_WEEK = 60;

    private RequestedHours() {
    }

    /** COVERAGE: its hoursPerWeek. SHIFTS: the worked hours of its busiest ISO week, at least 1, at most 60. */
    static int perWeek(StaffingRequest request, ZoneId zone) {
        if (request.getKind() == StaffingRequestKind.COVERAGE) {
            return request.getHoursPerWeek();
        }
        List<Shift> shifts = request.getShifts().stream().map(shift -> new Shift(shift.getId(),
                shift.getStartsAt().toInstant(), shift.getEndsAt().toInstant(), shift.getBreakMinutes(), null))
                .toList();
        return Math.max(1, Math.min(MAX_PER_WEEK, busiestWeek(shifts, zone)));
    }

    /** The worked hours (breaks off) in the busiest ISO week the shifts touch, rounded up to whole hours. */
    static int busiestWeek(List<Shift> shifts, ZoneId zone) {
        long most = 0;
        for (LocalDate monday : shifts.stream().flatMap(shift -> Weeks.mondaysTouched(shift, zone).stream())
                .distinct().toList()) {
            long seconds = shifts.stream().mapToLong(shift -> Weeks.workedInWeek(shift, monday, zone).getSeconds())
                    .sum();
            most = Math.max(most, seconds);
        }
        return (int) ((most + 3599) / 3600);
    }
}
