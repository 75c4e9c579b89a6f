package nl.regiopool.cao;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * ISO weeks in a time zone: a week starts on Monday 00:00 local time, so a week around a DST change lasts
 * 167 or 169 hours.
 */
public final class Weeks {

    private Weeks() {
    }

    /** The Monday of the ISO week containing {@code date}. */
    public static LocalDate mondayOf(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The instant the ISO week of {@code monday} starts. */
    public static Instant start(LocalDate monday, ZoneId zone) {
        return monday.atStartOfDay(zone).toInstant();
    }

    /** The Mondays of the ISO weeks the shift's interval {@code [start, end)} touches, in order. */
    public static List<LocalDate> mondaysTouched(Shift shift, ZoneId zone) {
        LocalDate first = mondayOf(shift.startsAt().atZone(zone).toLocalDate());
        LocalDate last = mondayOf(shift.endsAt().minusSeconds(1).atZone(zone).toLocalDate());
        List<LocalDate> mondays = new ArrayList<>();
        for (LocalDate m = first; !m.isAfter(last); m = m.plusWeeks(1)) {
            mondays.add(m);
        }
        return mondays;
    }

    /**
     * Worked time of {@code shift} inside the ISO week of {@code monday}. A shift across midnight Sunday is split
     * at Monday 00:00; its break is apportioned in proportion to elapsed time ({@link Shift#workedWithin}), so
     * the parts add up exactly to the shift's worked time.
     */
    public static Duration workedInWeek(Shift shift, LocalDate monday, ZoneId zone) {
        return shift.workedWithin(start(monday, zone), start(monday.plusWeeks(1), zone));
    }
}
