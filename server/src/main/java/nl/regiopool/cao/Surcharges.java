package nl.regiopool.cao;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Cost lines of a worked shift: the base line and one line per surcharge percentage.
 *
 * <ul>
 *   <li>BASE: worked hours &times; tariff (percent 100).</li>
 *   <li>SURCHARGE: worked hours inside the rule set's surcharge windows &times; tariff &times; percent / 100.
 *       Windows are taken in local time in {@code zone} on each local date the shift touches; a date's kinds are
 *       its weekday, plus {@link DayType#PUBLIC_HOLIDAY} when {@code holidays} says so. Where windows overlap,
 *       the highest percentage applies to that time (surcharges do not stack). Hours at the same percentage are
 *       added into one line.</li>
 *   <li>Breaks: we do not know when the break was taken, so it is attributed in proportion to elapsed time
 *       ({@link Shift#workedWithin}); a 30-minute break in a 4-hour shift lowers every hour's worked time by
 *       one eighth, inside and outside surcharge windows alike.</li>
 *   <li>Rounding: amounts are computed from exact seconds and rounded half-up to whole cents; the hours shown
 *       are rounded half-up to 2 decimals.</li>
 * </ul>
 */
public final class Surcharges {

    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Surcharges() {
    }

    public static List<CostItem> costLines(RuleSetVersion rules, ZoneId zone, Shift worked, long tariffCentsPerHour,
                                           PublicHolidays holidays) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(holidays, "holidays");
        if (tariffCentsPerHour < 0) {
            throw new IllegalArgumentException("tariff is not negative");
        }
        List<CostItem> lines = new ArrayList<>();
        lines.add(line(CostItem.Kind.BASE, worked.worked(), HUNDRED, tariffCentsPerHour));
        List<SurchargeWindow> windows = rules.find(RuleParameter.SURCHARGE_WINDOWS).map(Sourced::value)
                .orElse(List.of());
        if (windows.isEmpty()) {
            return lines;
        }
        List<Interval> intervals = intervals(windows, zone, worked, holidays);
        TreeSet<Instant> cuts = new TreeSet<>();
        cuts.add(worked.startsAt());
        cuts.add(worked.endsAt());
        for (Interval i : intervals) {
            if (i.from.isAfter(worked.startsAt()) && i.from.isBefore(worked.endsAt())) {
                cuts.add(i.from);
            }
            if (i.to.isAfter(worked.startsAt()) && i.to.isBefore(worked.endsAt())) {
                cuts.add(i.to);
            }
        }
        Map<BigDecimal, Duration> byPercent = new TreeMap<>();
        Instant previous = null;
        for (Instant cut : cuts) {
            if (previous != null) {
                BigDecimal best = null;
                for (Interval i : intervals) {
                    if (!i.from.isAfter(previous) && !i.to.isBefore(cut)
                            && (best == null || i.percent.compareTo(best) > 0)) {
                        best = i.percent;
                    }
                }
                if (best != null) {
                    byPercent.merge(normalized(best), worked.workedWithin(previous, cut), Duration::plus);
                }
            }
            previous = cut;
        }
        byPercent.forEach((percent, duration) -> {
            if (!duration.isZero()) {
                lines.add(line(CostItem.Kind.SURCHARGE, duration, percent, tariffCentsPerHour));
            }
        });
        return lines;
    }

    /** {@link #costLines} in Europe/Amsterdam with Dutch public holidays. */
    public static List<CostItem> costLines(RuleSetVersion rules, Shift worked, long tariffCentsPerHour) {
        return costLines(rules, WorkingTimeRules.DEFAULT_ZONE, worked, tariffCentsPerHour, DutchHolidays.instance());
    }

    private record Interval(Instant from, Instant to, BigDecimal percent) {
    }

    private static List<Interval> intervals(List<SurchargeWindow> windows, ZoneId zone, Shift shift,
                                            PublicHolidays holidays) {
        List<Interval> intervals = new ArrayList<>();
        LocalDate first = shift.startsAt().atZone(zone).toLocalDate();
        LocalDate last = shift.endsAt().atZone(zone).toLocalDate();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            Set<DayType> kinds = EnumSet.of(DayType.of(d.getDayOfWeek()));
            if (holidays.isHoliday(d)) {
                kinds.add(DayType.PUBLIC_HOLIDAY);
            }
            for (SurchargeWindow w : windows) {
                if (w.appliesTo(kinds)) {
                    Instant from = d.atTime(w.from()).atZone(zone).toInstant();
                    Instant to = w.to().equals(LocalTime.MIDNIGHT)
                            ? d.plusDays(1).atStartOfDay(zone).toInstant()
                            : d.atTime(w.to()).atZone(zone).toInstant();
                    intervals.add(new Interval(from, to, w.percent()));
                }
            }
        }
        return intervals;
    }

    private static BigDecimal normalized(BigDecimal percent) {
        BigDecimal stripped = percent.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static CostItem line(CostItem.Kind kind, Duration duration, BigDecimal percent, long tariff) {
        BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds());
        BigDecimal hours = seconds.divide(SECONDS_PER_HOUR, 2, RoundingMode.HALF_UP);
        long cents = seconds.multiply(BigDecimal.valueOf(tariff)).multiply(percent)
                .divide(SECONDS_PER_HOUR.multiply(HUNDRED), 0, RoundingMode.HALF_UP).longValueExact();
        return new CostItem(kind, hours, percent, cents);
    }
}
