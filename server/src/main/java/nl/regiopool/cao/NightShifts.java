package nl.regiopool.cao;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Night shifts as the Arbeidstijdenwet defines them (art. 1:7): a shift with more than one hour of work between
 * 00:00 and 06:00 local time. "Work" is worked time, the break apportioned as in {@link Shift#workedWithin}; the
 * night of a DST change is 5 or 7 hours long and counted as it is.
 */
public final class NightShifts {

    /** The night period of ATW art. 1:7: 00:00 to 06:00. */
    public static final LocalTime NIGHT_END = LocalTime.of(6, 0);
    /** A shift is a night shift when its night work is more than this. */
    public static final Duration MORE_THAN = Duration.ofHours(1);

    private NightShifts() {
    }

    /** Worked time between 00:00 and 06:00 local time, over every night the shift touches. */
    public static Duration nightWork(Shift shift, ZoneId zone) {
        LocalDate first = shift.startsAt().atZone(zone).toLocalDate();
        LocalDate last = shift.endsAt().atZone(zone).toLocalDate();
        Duration total = Duration.ZERO;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            total = total.plus(shift.workedWithin(d.atStartOfDay(zone).toInstant(),
                    d.atTime(NIGHT_END).atZone(zone).toInstant()));
        }
        return total;
    }

    public static boolean isNightShift(Shift shift, ZoneId zone) {
        return nightWork(shift, zone).compareTo(MORE_THAN) > 0;
    }
}
