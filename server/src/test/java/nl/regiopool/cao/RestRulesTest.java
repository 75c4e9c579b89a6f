package nl.regiopool.cao;

import static nl.regiopool.cao.Fixtures.check;
import static nl.regiopool.cao.Fixtures.codes;
import static nl.regiopool.cao.Fixtures.find;
import static nl.regiopool.cao.Fixtures.shift;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Daily rest (ATW art. 5:3) and weekly rest (art. 5:5), literally as DESIGN.md states them. */
class RestRulesTest {

    static Stream<List<Shift>> nextDays() {
        return Stream.of(
                List.of(),
                List.of(shift("2026-03-03T07:00", "2026-03-03T15:00", 30)),
                List.of(shift("2026-03-03T12:00", "2026-03-03T20:00", 30)),
                List.of(shift("2026-03-03T06:00", "2026-03-03T14:00", 30)));
    }

    @ParameterizedTest
    @MethodSource("nextDays")
    void homeShiftPlusBorrowedEveningShiftLeaveTooLittleRestWhateverTheNextDayHolds(List<Shift> nextDay) {
        Shift home = shift("2026-03-02T07:00", "2026-03-02T17:00", 30);
        Shift borrowed = shift("2026-03-02T19:00", "2026-03-02T23:30");
        List<Shift> others = new ArrayList<>(nextDay);
        others.add(home);
        Violation v = find(check(borrowed, others), ViolationCode.ATW_MIN_DAILY_REST).orElseThrow();
        assertThat(v.shiftIds()).startsWith(home.id(), borrowed.id());
        assertThat(v.limit()).isEqualTo("11 h (8 h once per 168 h)");
        assertThat(v.source()).contains("5:3");
        assertThat(Duration.ofMinutes(Math.round(Double.parseDouble(v.actual().replace(" h", "")) * 60)))
                .isLessThanOrEqualTo(Duration.ofMinutes(450));
    }

    @Test
    void theExampleViolationNamesBothShiftsWithTheirShortRest() {
        Shift home = shift("2026-03-02T07:00", "2026-03-02T17:00", 30);
        Shift borrowed = shift("2026-03-02T19:00", "2026-03-02T23:30");
        List<Violation> violations = check(borrowed, home);
        assertThat(codes(violations)).containsExactly(ViolationCode.ATW_MIN_DAILY_REST);
        assertThat(violations.get(0).actual()).isEqualTo("7.5 h");
        assertThat(violations.get(0).shiftIds()).containsExactly(home.id(), borrowed.id());
        assertThat(violations.get(0).message()).contains("2026-03-02 07:00");
        // the same violation when the home shift is the one being checked
        assertThat(codes(check(home, borrowed))).containsExactly(ViolationCode.ATW_MIN_DAILY_REST);
    }

    @Test
    void endingAtTwentyTwoLeavesNineHoursAReducedRestThatIsLegalOnce() {
        Shift home = shift("2026-03-02T07:00", "2026-03-02T17:00", 30);
        Shift borrowed = shift("2026-03-02T19:00", "2026-03-02T22:00");
        assertThat(check(borrowed, home)).isEmpty();
    }

    private static List<Shift> reducedDay(String date) {
        return List.of(shift(date + "T07:00", date + "T17:00", 30), shift(date + "T19:00", date + "T22:00"));
    }

    @Test
    void aSecondReducedRestWithinSevenTimesTwentyFourHoursIsAViolation() {
        List<Shift> first = reducedDay("2026-03-02");
        List<Shift> second = reducedDay("2026-03-04");
        List<Violation> violations = check(second.get(1), Fixtures.concat(first, List.of(second.get(0))));
        assertThat(codes(violations)).containsExactly(ViolationCode.ATW_MIN_DAILY_REST);
        Violation v = violations.get(0);
        assertThat(v.message()).contains("Two reduced daily rests").contains("2026-03-02 22:00")
                .contains("2026-03-04 22:00");
        assertThat(v.actual()).isEqualTo("9 h (second reduced rest)");
        assertThat(v.shiftIds()).contains(first.get(0).id(), first.get(1).id(), second.get(1).id());
    }

    @Test
    void reducedRestsAreAllowedFromSevenDaysApart() {
        List<Shift> first = reducedDay("2026-03-02");
        List<Shift> sixDays = reducedDay("2026-03-08");
        List<Shift> sevenDays = reducedDay("2026-03-09");
        assertThat(codes(check(sixDays.get(1), Fixtures.concat(first, List.of(sixDays.get(0))))))
                .containsExactly(ViolationCode.ATW_MIN_DAILY_REST);
        assertThat(check(sevenDays.get(1), Fixtures.concat(first, List.of(sevenDays.get(0))))).isEmpty();
    }

    @Test
    void aFullRestIsElevenHoursToTheMinute() {
        List<Shift> full = List.of(shift("2026-03-02T07:00", "2026-03-02T13:00"),
                shift("2026-03-02T15:00", "2026-03-02T20:00"));
        Shift fullAgain = shift("2026-03-04T15:00", "2026-03-04T20:00");
        assertThat(check(fullAgain, Fixtures.concat(full, List.of(shift("2026-03-04T07:00", "2026-03-04T13:00")))))
                .isEmpty();

        List<Shift> reduced = List.of(shift("2026-03-02T07:00", "2026-03-02T13:00"),
                shift("2026-03-02T15:00", "2026-03-02T20:01"));
        Shift reducedAgain = shift("2026-03-04T15:00", "2026-03-04T20:01");
        assertThat(check(reduced.get(1), reduced.get(0))).isEmpty();
        assertThat(codes(check(reducedAgain,
                Fixtures.concat(reduced, List.of(shift("2026-03-04T07:00", "2026-03-04T13:00"))))))
                .containsExactly(ViolationCode.ATW_MIN_DAILY_REST);
    }

    @Test
    void aReducedRestIsAtLeastEightHoursToTheMinute() {
        Shift morning = shift("2026-03-02T07:00", "2026-03-02T13:00");
        assertThat(check(shift("2026-03-02T15:00", "2026-03-02T23:00", 30), morning)).isEmpty();
        Violation v = find(check(shift("2026-03-02T15:00", "2026-03-02T23:01", 30), morning),
                ViolationCode.ATW_MIN_DAILY_REST).orElseThrow();
        assertThat(v.actual()).isEqualTo("7.98 h");
        assertThat(v.message()).doesNotContain("Two reduced");
    }

    @Test
    void lateShiftFollowedByEarlyShiftIsAReducedRest() {
        Shift late = shift("2026-03-02T14:00", "2026-03-02T22:00", 30);
        assertThat(check(shift("2026-03-03T06:00", "2026-03-03T14:00", 30), late)).isEmpty();
        assertThat(codes(check(shift("2026-03-03T05:59", "2026-03-03T14:00", 30), late)))
                .containsExactly(ViolationCode.ATW_MIN_DAILY_REST);
    }

    @Test
    void anotherShiftsPreExistingShortRestIsNotTheCandidatesFault() {
        List<Shift> others = List.of(shift("2026-03-02T07:00", "2026-03-02T17:00", 30),
                shift("2026-03-02T19:00", "2026-03-02T23:30"));
        assertThat(check(shift("2026-03-06T09:00", "2026-03-06T17:00", 30), others)).isEmpty();
    }

    @Test
    void dailyRestAcrossTheAutumnDstChangeCountsRealHours() {
        // 22:00 to 07:00 over the night the clocks go back is 10 h of rest: a reduction, legal once
        Shift evening = shift("2026-10-24T15:00", "2026-10-24T22:00", 30);
        assertThat(check(shift("2026-10-25T07:00", "2026-10-25T15:00", 30), evening)).isEmpty();
        // and 23:30 to 06:30 is 8 h instead of 7 h
        Shift late = shift("2026-10-24T16:00", "2026-10-24T23:30", 30);
        assertThat(check(shift("2026-10-25T06:30", "2026-10-25T14:00", 30), late)).isEmpty();
        Shift lateInMarch = shift("2026-03-14T16:00", "2026-03-14T23:30", 30);
        assertThat(codes(check(shift("2026-03-15T06:30", "2026-03-15T14:00", 30), lateInMarch)))
                .containsExactly(ViolationCode.ATW_MIN_DAILY_REST);
    }

    private static List<Shift> daysInARow(LocalDate first, int days) {
        List<Shift> shifts = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            shifts.add(Fixtures.shift(first.plusDays(i), LocalTime.of(7, 0), Duration.ofHours(8), 30));
        }
        return shifts;
    }

    @Test
    void fourteenDaysInARowBreakBothWeeklyRestRegimes() {
        List<Shift> shifts = daysInARow(LocalDate.of(2026, 3, 2), 14);
        Shift candidate = shifts.get(6);
        List<Shift> others = new ArrayList<>(shifts);
        others.remove(candidate);
        List<Violation> violations = check(candidate, others);
        assertThat(codes(violations)).containsExactly(ViolationCode.ATW_MIN_WEEKLY_REST);
        Violation v = violations.get(0);
        assertThat(v.limit()).isEqualTo("36 h uninterrupted per 168 h, or 72 h per 336 h in blocks of at least 32 h");
        assertThat(v.actual()).isEqualTo("16 h longest rest; 0 h in blocks of at least 32 h");
        assertThat(v.shiftIds()).contains(candidate.id()).hasSize(7);
        assertThat(v.source()).contains("5:5");
    }

    @Test
    void eightDaysInARowAreAllowedWhenTheFortnightHasSeventyTwoHoursOfLongRest() {
        List<Shift> shifts = daysInARow(LocalDate.of(2026, 3, 2), 8);
        Shift candidate = shifts.get(7);
        assertThat(check(candidate, shifts.subList(0, 7))).isEmpty();
    }

    private static List<Shift> weeksWithWeekendRestStartingMondayAt(LocalTime mondayStart) {
        List<Shift> shifts = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            LocalDate monday = LocalDate.of(2026, 3, 2).plusWeeks(w);
            shifts.add(Fixtures.shift(monday, mondayStart, Duration.ofHours(8), 30));
            for (int d = 1; d <= 5; d++) {
                shifts.add(Fixtures.shift(monday.plusDays(d), LocalTime.of(7, 0), Duration.ofHours(8), 30));
            }
        }
        return shifts;
    }

    @Test
    void weekendRestIsThirtySixHoursToTheMinute() {
        // Saturday 15:00 to Monday 03:00 is 36 h; Wednesday of the middle week is the candidate
        List<Shift> enough = weeksWithWeekendRestStartingMondayAt(LocalTime.of(3, 0));
        Shift candidate = enough.get(8);
        assertThat(check(candidate, without(enough, candidate))).isEmpty();

        // Monday 02:59: 35 h 59 min; two of them in a fortnight are 71 h 58 min, short of 72 h
        List<Shift> tooLittle = weeksWithWeekendRestStartingMondayAt(LocalTime.of(2, 59));
        Shift candidate2 = tooLittle.get(8);
        Optional<Violation> v = find(check(candidate2, without(tooLittle, candidate2)),
                ViolationCode.ATW_MIN_WEEKLY_REST);
        assertThat(v).isPresent();
        assertThat(v.get().actual()).isEqualTo("35.98 h longest rest; 71.97 h in blocks of at least 32 h");
    }

    private static List<Shift> without(List<Shift> shifts, Shift one) {
        List<Shift> copy = new ArrayList<>(shifts);
        copy.remove(one);
        return copy;
    }
}
