package nl.regiopool.cao;

import static nl.regiopool.cao.Fixtures.MONDAY;
import static nl.regiopool.cao.Fixtures.check;
import static nl.regiopool.cao.Fixtures.codes;
import static nl.regiopool.cao.Fixtures.find;
import static nl.regiopool.cao.Fixtures.shift;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shift length, breaks and night-shift length: each at, just under and just over its limit. */
class ShiftLimitsTest {

    @Test
    void twelveHoursWorkedIsTheMaximumPerShift() {
        assertThat(check(Fixtures.workedShift(MONDAY, LocalTime.of(7, 0), Duration.ofHours(12)))).isEmpty();
        assertThat(check(Fixtures.workedShift(MONDAY, LocalTime.of(7, 0), Duration.ofMinutes(719)))).isEmpty();
        Shift over = Fixtures.workedShift(MONDAY, LocalTime.of(7, 0), Duration.ofMinutes(721));
        List<Violation> violations = check(over);
        assertThat(codes(violations)).containsExactly(ViolationCode.ATW_MAX_SHIFT_LENGTH);
        Violation v = violations.get(0);
        assertThat(v.limit()).isEqualTo("12 h");
        assertThat(v.actual()).isEqualTo("12.02 h");
        assertThat(v.shiftIds()).containsExactly(over.id());
        assertThat(v.source()).contains("5:7");
    }

    @Test
    void workOverFiveHoursThirtyNeedsThirtyMinutesBreak() {
        assertThat(check(shift("2026-03-02T08:00", "2026-03-02T13:30"))).isEmpty();
        assertThat(check(shift("2026-03-02T08:00", "2026-03-02T14:00", 30))).isEmpty();
        List<Violation> violations = check(shift("2026-03-02T08:00", "2026-03-02T13:31"));
        assertThat(codes(violations)).containsExactly(ViolationCode.ATW_MIN_BREAK);
        assertThat(violations.get(0).limit()).isEqualTo("30 min");
        assertThat(violations.get(0).actual()).isEqualTo("0 min");
        // 29 minutes of break leave 5 h 31 min of work, which needs 30 minutes
        assertThat(codes(check(shift("2026-03-02T08:00", "2026-03-02T14:00", 29))))
                .containsExactly(ViolationCode.ATW_MIN_BREAK);
    }

    @Test
    void moreThanTenHoursNeedsFortyFiveMinutesBreak() {
        assertThat(check(shift("2026-03-02T07:00", "2026-03-02T17:30", 30))).isEmpty();
        List<Violation> violations = check(shift("2026-03-02T07:00", "2026-03-02T17:31", 30));
        assertThat(codes(violations)).containsExactly(ViolationCode.ATW_MIN_BREAK);
        assertThat(violations.get(0).limit()).isEqualTo("45 min");
        assertThat(violations.get(0).actual()).isEqualTo("30 min");
        assertThat(check(shift("2026-03-02T07:00", "2026-03-02T17:46", 45))).isEmpty();
        assertThat(codes(check(shift("2026-03-02T07:00", "2026-03-02T17:46", 44))))
                .containsExactly(ViolationCode.ATW_MIN_BREAK);
    }

    @Test
    void aNightShiftHasAtMostTenHoursWorked() {
        assertThat(check(shift("2026-03-02T21:00", "2026-03-03T07:45", 45))).isEmpty();
        assertThat(check(shift("2026-03-02T21:00", "2026-03-03T07:44", 45))).isEmpty();
        Shift over = shift("2026-03-02T21:00", "2026-03-03T07:46", 45);
        List<Violation> violations = check(over);
        assertThat(codes(violations)).containsExactly(ViolationCode.ATW_NIGHT_SHIFT_LENGTH);
        assertThat(violations.get(0).limit()).isEqualTo("10 h");
        assertThat(violations.get(0).actual()).isEqualTo("10.02 h");
        assertThat(violations.get(0).shiftIds()).containsExactly(over.id());
    }

    @Test
    void aLongEveningShiftWithAnHourOrLessAfterMidnightIsNoNightShift() {
        // 14:00-01:00 with 45 min break: 10.25 h worked, under an hour of it after midnight
        assertThat(check(shift("2026-03-02T14:00", "2026-03-03T01:00", 45))).isEmpty();
        // 14:00-01:30: 10.75 h worked, about 1.4 h of it after midnight: a night shift over 10 h
        assertThat(codes(check(shift("2026-03-02T14:00", "2026-03-03T01:30", 45))))
                .containsExactly(ViolationCode.ATW_NIGHT_SHIFT_LENGTH);
    }

    @Test
    void dstNightsAreMeasuredInRealHours() {
        // 21:00-08:00 across the spring change lasts 10 h: within the night-shift limit
        assertThat(find(check(shift("2026-03-28T21:00", "2026-03-29T08:00", 0)),
                ViolationCode.ATW_NIGHT_SHIFT_LENGTH)).isEmpty();
        // the same clock times across the autumn change last 12 h: 11.25 h worked with 45 min break
        assertThat(find(check(shift("2026-10-24T21:00", "2026-10-25T08:00", 45)),
                ViolationCode.ATW_NIGHT_SHIFT_LENGTH)).isPresent();
    }

    @Test
    void aRuleSetWithoutAParameterDoesNotCheckThatRule() {
        RuleSetVersion bare = RuleSetVersion.builder("CAO_EMPTY", MONDAY).build();
        assertThat(WorkingTimeRules.check(bare, Fixtures.AMS,
                shift("2026-03-02T00:00", "2026-03-02T23:00"), List.of())).isEmpty();
    }
}
