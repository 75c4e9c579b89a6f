package nl.regiopool.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import nl.regiopool.api.model.RequestedShift;
import nl.regiopool.api.model.StaffingRequest;
import nl.regiopool.api.model.StaffingRequestKind;
import org.junit.jupiter.api.Test;

class RequestedHoursTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final LocalDate MONDAY = LocalDate.of(2027, 3, 1);

    private static RequestedShift shift(LocalDate day, int from, int fromMinute, int to, int breakMinutes) {
        LocalDate end = to <= from ? day.plusDays(1) : day;
        return new RequestedShift(UUID.randomUUID(),
                ZonedDateTime.of(day, LocalTime.of(from, fromMinute), AMSTERDAM).toOffsetDateTime(),
                ZonedDateTime.of(end, LocalTime.of(to, 0), AMSTERDAM).toOffsetDateTime(), breakMinutes);
    }

    private static StaffingRequest shifts(RequestedShift... shifts) {
        return new StaffingRequest().kind(StaffingRequestKind.SHIFTS).shifts(List.of(shifts));
    }

    @Test
    void threeWeeklyEveningsOfFourAndAHalfHoursLendFiveHoursAWeek() {
        StaffingRequest request = shifts(shift(MONDAY.plusDays(1), 19, 0, 23, 0), shift(MONDAY.plusDays(8), 19, 0, 23, 0),
                shift(MONDAY.plusDays(15), 18, 30, 23, 0));
        assertThat(RequestedHours.perWeek(request, AMSTERDAM)).isEqualTo(5);
    }

    @Test
    void theBusiestWeekCountsWithBreaksOff() {
        StaffingRequest request = shifts(shift(MONDAY, 8, 0, 17, 60), shift(MONDAY.plusDays(2), 8, 0, 17, 60),
                shift(MONDAY.plusDays(7), 8, 0, 12, 0));
        assertThat(RequestedHours.perWeek(request, AMSTERDAM)).isEqualTo(16);
    }

    @Test
    void aNightIntoMondayCountsInEachWeekItTouches() {
        StaffingRequest request = shifts(shift(MONDAY.minusDays(1), 22, 0, 6, 0));
        assertThat(RequestedHours.perWeek(request, AMSTERDAM)).isEqualTo(6);
    }

    @Test
    void aShortShiftLendsAtLeastOneHourAndAFullRequestAtMostSixty() {
        assertThat(RequestedHours.perWeek(shifts(shift(MONDAY, 8, 30, 9, 15)), AMSTERDAM)).isEqualTo(1);
        RequestedShift[] week = new RequestedShift[7];
        for (int day = 0; day < 7; day++) {
            week[day] = shift(MONDAY.plusDays(day), 6, 0, 18, 0);
        }
        assertThat(RequestedHours.perWeek(shifts(week), AMSTERDAM)).isEqualTo(RequestedHours.MAX_PER_WEEK);
    }

    @Test
    void coverageLendsItsHoursPerWeek() {
        assertThat(RequestedHours.perWeek(new StaffingRequest().kind(StaffingRequestKind.COVERAGE).hoursPerWeek(16),
                AMSTERDAM)).isEqualTo(16);
    }
}
