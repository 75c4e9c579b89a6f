package nl.regiopool.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import nl.regiopool.availability.Availability.DatedException;
import nl.regiopool.availability.Availability.Minutes;
import nl.regiopool.availability.Availability.Window;
import org.junit.jupiter.api.Test;

class AvailabilityTest {

    /** Monday 2027-01-04. */
    private static final LocalDate MONDAY = LocalDate.of(2027, 1, 4);
    private static final LocalDate TUESDAY = MONDAY.plusDays(1);

    private static Minutes hours(int from, int to) {
        return new Minutes(from * 60, to * 60);
    }

    private static LocalDateTime at(LocalDate date, int hour, int minute) {
        return date.atTime(hour, minute);
    }

    /** Mondays 08:00-17:00, Tuesdays 18:00-24:00, Wednesdays 00:00-06:00. */
    private static final List<Window> PATTERN = List.of(
            new Window(DayOfWeek.MONDAY, hours(8, 17)),
            new Window(DayOfWeek.TUESDAY, hours(18, 24)),
            new Window(DayOfWeek.WEDNESDAY, hours(0, 6)));

    private static Availability pattern(DatedException... exceptions) {
        return Availability.of(PATTERN, List.of(exceptions));
    }

    @Test
    void aShiftInsideAWindowIsCovered() {
        assertThat(pattern().covers(at(MONDAY, 8, 0), at(MONDAY, 17, 0))).isTrue();
        assertThat(pattern().covers(at(MONDAY, 9, 30), at(MONDAY, 12, 0))).isTrue();
    }

    @Test
    void aShiftReachingOutsideAWindowIsNot() {
        assertThat(pattern().covers(at(MONDAY, 7, 59), at(MONDAY, 12, 0))).isFalse();
        assertThat(pattern().covers(at(MONDAY, 12, 0), at(MONDAY, 17, 1))).isFalse();
        assertThat(pattern().covers(at(TUESDAY, 9, 0), at(TUESDAY, 12, 0))).as("no window on the weekday").isFalse();
    }

    @Test
    void partialMinutesCountAsTheWholeMinute() {
        assertThat(pattern().covers(at(MONDAY, 16, 59).plusSeconds(30), at(MONDAY, 17, 0))).isTrue();
        assertThat(pattern().covers(at(MONDAY, 16, 0), at(MONDAY, 17, 0).plusSeconds(1))).isFalse();
        assertThat(pattern().covers(at(MONDAY, 7, 59).plusSeconds(59), at(MONDAY, 9, 0))).isFalse();
    }

    @Test
    void aNightShiftAcrossMidnightNeedsBothDaysWindows() {
        assertThat(pattern().covers(at(TUESDAY, 22, 0), at(TUESDAY.plusDays(1), 6, 0))).isTrue();
        assertThat(pattern().covers(at(TUESDAY, 22, 0), at(TUESDAY.plusDays(1), 6, 30))).isFalse();
        assertThat(pattern().covers(at(TUESDAY, 22, 0), at(TUESDAY.plusDays(1), 0, 0))).as("ending at midnight").isTrue();
        assertThat(pattern().covers(at(MONDAY, 16, 0), at(TUESDAY, 19, 0))).as("a gap in between").isFalse();
    }

    @Test
    void touchingWindowsJoin() {
        Availability split = Availability.of(List.of(new Window(DayOfWeek.MONDAY, hours(8, 12)),
                new Window(DayOfWeek.MONDAY, hours(12, 17))), List.of());
        assertThat(split.covers(at(MONDAY, 10, 0), at(MONDAY, 14, 0))).isTrue();
    }

    @Test
    void anEmptyOrBackwardIntervalIsNeverCovered() {
        assertThat(pattern().covers(at(MONDAY, 10, 0), at(MONDAY, 10, 0))).isFalse();
        assertThat(pattern().covers(at(MONDAY, 11, 0), at(MONDAY, 10, 0))).isFalse();
        assertThat(Availability.UNSTATED.covers(at(MONDAY, 11, 0), at(MONDAY, 10, 0))).isFalse();
    }

    @Test
    void aWorkerThatStatedNothingIsAvailableAlways() {
        assertThat(Availability.UNSTATED.covers(at(MONDAY, 0, 0), at(MONDAY.plusDays(3), 0, 0))).isTrue();
        assertThat(Availability.UNSTATED.availableOn(MONDAY).cardinality()).isEqualTo(Availability.DAY_MINUTES);
    }

    @Test
    void aStatedEmptyPatternIsNeverAvailable() {
        assertThat(Availability.of(List.of(), List.of()).covers(at(MONDAY, 9, 0), at(MONDAY, 10, 0))).isFalse();
    }

    @Test
    void aWholeDayUnavailableExceptionRemovesThePatternOnItsDatesOnly() {
        Availability holiday = pattern(new DatedException(false, MONDAY, MONDAY, List.of()));
        assertThat(holiday.covers(at(MONDAY, 9, 0), at(MONDAY, 10, 0))).isFalse();
        assertThat(holiday.covers(at(MONDAY.plusWeeks(1), 9, 0), at(MONDAY.plusWeeks(1), 10, 0))).isTrue();
        assertThat(holiday.covers(at(MONDAY.minusWeeks(1), 9, 0), at(MONDAY.minusWeeks(1), 10, 0))).isTrue();
    }

    @Test
    void anUnavailableRangeCoversEveryDateInclusive() {
        Availability leave = pattern(new DatedException(false, MONDAY, MONDAY.plusWeeks(2), List.of()));
        assertThat(leave.covers(at(MONDAY.plusWeeks(2), 9, 0), at(MONDAY.plusWeeks(2), 10, 0))).isFalse();
        assertThat(leave.covers(at(MONDAY.plusWeeks(3), 9, 0), at(MONDAY.plusWeeks(3), 10, 0))).isTrue();
    }

    @Test
    void anUnavailableWindowRemovesOnlyThatWindow() {
        Availability dentist = pattern(new DatedException(false, MONDAY, MONDAY, List.of(hours(10, 11))));
        assertThat(dentist.covers(at(MONDAY, 8, 0), at(MONDAY, 10, 0))).isTrue();
        assertThat(dentist.covers(at(MONDAY, 9, 0), at(MONDAY, 12, 0))).isFalse();
        assertThat(dentist.covers(at(MONDAY, 11, 0), at(MONDAY, 17, 0))).isTrue();
    }

    @Test
    void anAvailableExceptionAddsTimeOutsideThePattern() {
        Availability extra = pattern(new DatedException(true, TUESDAY, TUESDAY, List.of(hours(9, 13))));
        assertThat(extra.covers(at(TUESDAY, 9, 0), at(TUESDAY, 13, 0))).isTrue();
        assertThat(extra.covers(at(TUESDAY.plusWeeks(1), 9, 0), at(TUESDAY.plusWeeks(1), 13, 0))).isFalse();
        Availability wholeDay = pattern(new DatedException(true, TUESDAY, TUESDAY, List.of()));
        assertThat(wholeDay.covers(at(TUESDAY, 0, 0), at(TUESDAY.plusDays(1), 0, 0))).isTrue();
    }

    @Test
    void anAvailableExceptionExtendsAWindowItTouches() {
        Availability longer = pattern(new DatedException(true, MONDAY, MONDAY, List.of(hours(17, 20))));
        assertThat(longer.covers(at(MONDAY, 8, 0), at(MONDAY, 20, 0))).isTrue();
    }

    @Test
    void unavailableWinsOverAvailableOnTheSameDate() {
        Availability both = pattern(new DatedException(false, TUESDAY, TUESDAY, List.of()),
                new DatedException(true, TUESDAY, TUESDAY, List.of(hours(9, 13))));
        assertThat(both.covers(at(TUESDAY, 9, 0), at(TUESDAY, 10, 0))).isFalse();
        assertThat(both.availableOn(TUESDAY).isEmpty()).isTrue();
    }

    @Test
    void instantsAreSeenInTheCooperativesTimeZone() {
        ZoneId amsterdam = ZoneId.of("Europe/Amsterdam");
        // Monday 08:00-17:00 in Amsterdam (winter) is 07:00-16:00 UTC
        assertThat(pattern().covers(Instant.parse("2027-01-04T07:00:00Z"), Instant.parse("2027-01-04T16:00:00Z"), amsterdam))
                .isTrue();
        assertThat(pattern().covers(Instant.parse("2027-01-04T08:00:00Z"), Instant.parse("2027-01-04T17:00:00Z"), amsterdam))
                .isFalse();
    }

    @Test
    void valuesThatMeanNothingAreRefused() {
        assertThatThrownBy(() -> new Minutes(600, 600)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Minutes(-1, 60)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Minutes(0, 1441)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DatedException(false, TUESDAY, MONDAY, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
