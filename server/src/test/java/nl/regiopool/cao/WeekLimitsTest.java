package nl.regiopool.cao;

import static nl.regiopool.cao.Fixtures.MONDAY;
import static nl.regiopool.cao.Fixtures.check;
import static nl.regiopool.cao.Fixtures.codes;
import static nl.regiopool.cao.Fixtures.concat;
import static nl.regiopool.cao.Fixtures.find;
import static nl.regiopool.cao.Fixtures.shift;
import static nl.regiopool.cao.Fixtures.week;
import static nl.regiopool.cao.Fixtures.workedShift;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-week maximum and the 4- and 16-week averages, over ISO weeks in Europe/Amsterdam. */
class WeekLimitsTest {

    private static final LocalTime SEVEN = LocalTime.of(7, 0);

    @Test
    void sixtyHoursInAWeekIsTheMaximum() {
        List<Shift> monToThu = week(MONDAY, 4, 12);
        Shift friday = workedShift(MONDAY.plusDays(4), SEVEN, Duration.ofHours(12));
        assertThat(check(friday, monToThu)).isEmpty();
        assertThat(check(workedShift(MONDAY.plusDays(4), SEVEN, Duration.ofMinutes(719)), monToThu)).isEmpty();

        Shift saturday = shift("2026-03-07T08:00", "2026-03-07T08:30");
        List<Violation> violations = check(saturday, concat(monToThu, List.of(friday)));
        assertThat(codes(violations)).containsExactly(ViolationCode.ATW_MAX_WEEK_HOURS);
        Violation v = violations.get(0);
        assertThat(v.limit()).isEqualTo("60 h");
        assertThat(v.actual()).isEqualTo("60.5 h");
        assertThat(v.shiftIds()).hasSize(6).contains(saturday.id(), friday.id());
        assertThat(v.message()).contains("2026-W10");
    }

    @Test
    void aShiftAcrossMidnightSundayCountsInBothWeeksProportionally() {
        // 57 h in the week of 2 March; the candidate adds 3.75 h before Monday 00:00 and 3.75 h after
        List<Shift> week57 = concat(week(MONDAY, 4, 12),
                List.of(workedShift(MONDAY.plusDays(4), SEVEN, Duration.ofHours(9))));
        Shift sundayNight = shift("2026-03-08T20:00", "2026-03-09T04:00", 30);
        Violation v = find(check(sundayNight, week57), ViolationCode.ATW_MAX_WEEK_HOURS).orElseThrow();
        assertThat(v.actual()).isEqualTo("60.75 h");
        assertThat(v.shiftIds()).contains(sundayNight.id());

        List<Shift> week56 = concat(week(MONDAY, 4, 12),
                List.of(workedShift(MONDAY.plusDays(4), SEVEN, Duration.ofHours(8))));
        assertThat(check(sundayNight, week56)).isEmpty();
    }

    @Test
    void theSecondHalfOfASundayNightShiftCountsInTheNextWeek() {
        // the next week already holds 57 h from Monday 06:00 on; 3.75 h of the candidate fall into it
        List<Shift> next = new ArrayList<>();
        LocalDate nextMonday = MONDAY.plusWeeks(1);
        next.add(workedShift(nextMonday.plusDays(1), SEVEN, Duration.ofHours(12)));
        next.add(workedShift(nextMonday.plusDays(2), SEVEN, Duration.ofHours(12)));
        next.add(workedShift(nextMonday.plusDays(3), SEVEN, Duration.ofHours(12)));
        next.add(workedShift(nextMonday.plusDays(4), SEVEN, Duration.ofHours(12)));
        next.add(workedShift(nextMonday.plusDays(5), SEVEN, Duration.ofHours(9)));
        Shift sundayNight = shift("2026-03-08T20:00", "2026-03-09T04:00", 30);
        Violation v = find(check(sundayNight, next), ViolationCode.ATW_MAX_WEEK_HOURS).orElseThrow();
        assertThat(v.actual()).isEqualTo("60.75 h");
        assertThat(v.message()).contains("2026-W11");
    }

    @Test
    void fourWeeksAverageAtMostFiftyFiveHours() {
        List<Shift> threeFullWeeks = concat(week(MONDAY, 5, 12), week(MONDAY.plusWeeks(1), 5, 12),
                week(MONDAY.plusWeeks(2), 5, 12));
        LocalDate fourth = MONDAY.plusWeeks(3);
        List<Shift> others = concat(threeFullWeeks, week(fourth, 3, 12));
        // 180 + 36 + 4 = 220 h = 4 x 55 h
        assertThat(check(workedShift(fourth.plusDays(3), SEVEN, Duration.ofHours(4)), others)).isEmpty();
        assertThat(check(workedShift(fourth.plusDays(3), SEVEN, Duration.ofMinutes(209)), others)).isEmpty();
        Shift over = workedShift(fourth.plusDays(3), SEVEN, Duration.ofMinutes(270));
        List<Violation> violations = check(over, others);
        assertThat(codes(violations)).containsExactly(ViolationCode.ATW_AVG_4_WEEKS);
        Violation v = violations.get(0);
        assertThat(v.limit()).isEqualTo("55 h/week on average over 4 weeks (220 h)");
        assertThat(v.actual()).isEqualTo("55.13 h/week on average (220.5 h)");
        assertThat(v.shiftIds()).hasSize(19).contains(over.id(), threeFullWeeks.get(0).id());
    }

    @Test
    void theRunOfFourWeeksMayLieOnEitherSideOfTheCandidate() {
        // the candidate opens the run: the three weeks after it are full
        LocalDate first = MONDAY;
        List<Shift> after = concat(week(first.plusWeeks(1), 5, 12), week(first.plusWeeks(2), 5, 12),
                week(first.plusWeeks(3), 5, 12), week(first, 3, 12));
        Shift candidate = workedShift(first.plusDays(4), SEVEN, Duration.ofMinutes(270));
        assertThat(codes(check(candidate, after))).containsExactly(ViolationCode.ATW_AVG_4_WEEKS);
    }

    @Test
    void sixteenWeeksAverageAtMostFortyEightHours() {
        List<Shift> others = new ArrayList<>();
        for (int w = 0; w < 15; w++) {
            others.addAll(week(MONDAY.plusWeeks(w), 4, 12));
        }
        LocalDate last = MONDAY.plusWeeks(15);
        others.addAll(week(last, 3, 12));
        Shift atLimit = workedShift(last.plusDays(3), SEVEN, Duration.ofHours(12));
        assertThat(check(atLimit, others)).isEmpty();
        assertThat(check(workedShift(last.plusDays(3), SEVEN, Duration.ofMinutes(690)), others)).isEmpty();

        Shift saturday = workedShift(last.plusDays(5), SEVEN, Duration.ofMinutes(30));
        List<Violation> violations = check(saturday, concat(others, List.of(atLimit)));
        assertThat(codes(violations)).containsExactly(ViolationCode.ATW_AVG_16_WEEKS);
        assertThat(violations.get(0).limit()).isEqualTo("48 h/week on average over 16 weeks (768 h)");
        assertThat(violations.get(0).actual()).isEqualTo("48.03 h/week on average (768.5 h)");
        assertThat(violations.get(0).shiftIds()).hasSize(65);
    }

    @Test
    void weeksOutsideEveryRunWithTheCandidateDoNotCount() {
        // 16 full 48 h weeks (768 h, at the limit); a shift 16 weeks later is in no run with them
        List<Shift> others = new ArrayList<>();
        for (int w = 0; w < 16; w++) {
            others.addAll(week(MONDAY.plusWeeks(w), 4, 12));
        }
        Shift later = workedShift(MONDAY.plusWeeks(32), SEVEN, Duration.ofHours(8));
        assertThat(check(later, others)).isEmpty();
        // the week right after them: every run of 16 with it drops the first full week (720 + 8 h)
        Shift next = workedShift(MONDAY.plusWeeks(16).plusDays(5), SEVEN, Duration.ofHours(8));
        assertThat(check(next, others)).isEmpty();
        // inside the last full week: the run of the 16 full weeks holds 776 h
        Shift within = workedShift(MONDAY.plusWeeks(15).plusDays(5), SEVEN, Duration.ofHours(8));
        assertThat(codes(check(within, others))).containsExactly(ViolationCode.ATW_AVG_16_WEEKS);
    }

    @Test
    void preExistingOverworkInAnotherWeekIsNotTheCandidatesFault() {
        // 72 h in the week of 2 March (already too much); the candidate is two weeks later
        List<Shift> others = week(MONDAY, 6, 12);
        Shift later = workedShift(MONDAY.plusWeeks(2), SEVEN, Duration.ofHours(8));
        assertThat(find(check(later, others), ViolationCode.ATW_MAX_WEEK_HOURS)).isEmpty();
    }

    @Test
    void anOldVersionOfTheCandidateInTheListIsIgnored() {
        List<Shift> monToThu = week(MONDAY, 4, 12);
        Shift friday = workedShift(MONDAY.plusDays(4), SEVEN, Duration.ofHours(12));
        Shift fridayChanged = new Shift(friday.id(), friday.startsAt(), friday.endsAt().plusSeconds(1800), 45,
                "test");
        // the list still holds the old Friday: counting both would give 72.5 h
        Violation v = find(check(fridayChanged, concat(monToThu, List.of(friday))), ViolationCode.ATW_MAX_WEEK_HOURS)
                .orElseThrow();
        assertThat(v.actual()).isEqualTo("60.5 h");
    }
}
