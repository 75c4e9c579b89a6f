package nl.regiopool.cao;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Optional;

/** Limits on worked time per ISO week and its averages over runs of consecutive weeks. */
final class WeekRules {

    private WeekRules() {
    }

    static Optional<Violation> maxWeek(RuleSetVersion rules, ZoneId zone, Shift candidate, Timeline timeline) {
        return rules.find(RuleParameter.MAX_WEEK_WORK).flatMap(max -> {
            LocalDate worstMonday = null;
            Duration worst = Duration.ZERO;
            for (LocalDate monday : Weeks.mondaysTouched(candidate, zone)) {
                Duration worked = Duration.ofSeconds(timeline.workedSecondsInWeek(monday));
                if (worked.compareTo(max.value()) > 0 && worked.compareTo(worst) > 0) {
                    worst = worked;
                    worstMonday = monday;
                }
            }
            if (worstMonday == null) {
                return Optional.empty();
            }
            Instant from = timeline.weekStart(worstMonday);
            Instant to = timeline.weekStart(worstMonday.plusWeeks(1));
            return Optional.of(new Violation(ViolationCode.ATW_MAX_WEEK_HOURS,
                    "Worked time in week " + isoWeek(worstMonday) + " (from Monday " + worstMonday + ") would be "
                            + Texts.hours(worst) + "; at most " + Texts.hours(max.value()) + " per week is allowed.",
                    Texts.hours(max.value()), Texts.hours(worst), Texts.ids(timeline.shiftsIn(from, to)),
                    max.source()));
        });
    }

    static Optional<Violation> average(RuleSetVersion rules, ZoneId zone, Shift candidate, Timeline timeline,
                                       RuleParameter<Duration> parameter, int weeks, ViolationCode code) {
        return rules.find(parameter).flatMap(maxAverage -> {
            Duration maxTotal = maxAverage.value().multipliedBy(weeks);
            List<LocalDate> touched = Weeks.mondaysTouched(candidate, zone);
            LocalDate worstMonday = null;
            Duration worst = Duration.ZERO;
            LocalDate first = touched.get(0).minusWeeks(weeks - 1L);
            LocalDate last = touched.get(touched.size() - 1);
            long[] weekSeconds = weekSeconds(timeline, first, (int) ChronoUnit.WEEKS.between(first, last) + weeks);
            int index = 0;
            for (LocalDate m = first; !m.isAfter(last); m = m.plusWeeks(1), index++) {
                long seconds = 0;
                for (int week = index; week < index + weeks; week++) {
                    seconds += weekSeconds[week];
                }
                Duration worked = Duration.ofSeconds(seconds);
                if (worked.compareTo(maxTotal) > 0 && worked.compareTo(worst) > 0) {
                    worst = worked;
                    worstMonday = m;
                }
            }
            if (worstMonday == null) {
                return Optional.empty();
            }
            Instant from = timeline.weekStart(worstMonday);
            Instant to = timeline.weekStart(worstMonday.plusWeeks(weeks));
            Duration average = worst.dividedBy(weeks);
            return Optional.of(new Violation(code,
                    "Worked time in the " + weeks + " weeks " + isoWeek(worstMonday) + " to "
                            + isoWeek(worstMonday.plusWeeks(weeks - 1L)) + " would be " + Texts.hours(worst)
                            + ", on average " + Texts.hours(average) + " per week; at most "
                            + Texts.hours(maxAverage.value()) + " per week on average is allowed.",
                    Texts.hoursNumber(maxAverage.value()) + " h/week on average over " + weeks + " weeks ("
                            + Texts.hours(maxTotal) + ")",
                    Texts.hoursNumber(average) + " h/week on average (" + Texts.hours(worst) + ")",
                    Texts.ids(timeline.shiftsIn(from, to)), maxAverage.source()));
        });
    }

    /**
     * Worked seconds in each of {@code count} ISO weeks from {@code monday}. A run of weeks holds exactly the sum of
     * its weeks' worked time (the parts of a shift add up to its worked time, see {@link Shift#workedWithin}), so
     * the averages sum these instead of reading every shift again for each run.
     */
    private static long[] weekSeconds(Timeline timeline, LocalDate monday, int count) {
        long[] seconds = new long[count];
        LocalDate week = monday;
        for (int index = 0; index < count; index++, week = week.plusWeeks(1)) {
            seconds[index] = timeline.workedSecondsInWeek(week);
        }
        return seconds;
    }

    private static String isoWeek(LocalDate monday) {
        return monday.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + String.format("%02d", monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
