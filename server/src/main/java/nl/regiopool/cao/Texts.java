package nl.regiopool.cao;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Formatting of durations and instants in violation texts. */
final class Texts {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Texts() {
    }

    /** Hours with at most 2 decimals and the unit, e.g. "7.5 h", "60 h". */
    static String hours(Duration d) {
        return hoursNumber(d) + " h";
    }

    static String hoursNumber(Duration d) {
        return BigDecimal.valueOf(d.getSeconds()).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }

    static String minutes(Duration d) {
        return d.toMinutes() + " min";
    }

    static String local(Instant t, ZoneId zone) {
        return LOCAL.format(t.atZone(zone));
    }

    /** Ids of the shifts, in start order, without duplicates. */
    static List<UUID> ids(Collection<Shift> shifts) {
        return shifts.stream().sorted(Comparator.comparing(Shift::startsAt).thenComparing(Shift::id))
                .map(Shift::id).distinct().toList();
    }
}
