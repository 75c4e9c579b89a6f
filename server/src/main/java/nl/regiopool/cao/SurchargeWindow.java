package nl.regiopool.cao;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Set;

/**
 * An irregular-hours surcharge: on the given days, worked time between {@code from} and {@code to} local time
 * carries {@code percent} on top of the tariff.
 *
 * <p>{@code to} of 00:00 means the end of the day (24:00); otherwise {@code from} lies before {@code to}. A
 * window does not cross midnight: write a night as two windows. A public holiday matches windows that list
 * {@link DayType#PUBLIC_HOLIDAY} as well as windows that list its weekday; where windows overlap, the highest
 * percentage applies (surcharges do not stack).
 */
public record SurchargeWindow(Set<DayType> days, LocalTime from, LocalTime to, BigDecimal percent) {

    public SurchargeWindow {
        days = Set.copyOf(days);
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a surcharge window applies to at least one day");
        }
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.equals(LocalTime.MIDNIGHT) && !from.isBefore(to)) {
            throw new IllegalArgumentException("a surcharge window runs from before to, within one day");
        }
        if (Objects.requireNonNull(percent, "percent").signum() <= 0) {
            throw new IllegalArgumentException("a surcharge percentage is positive");
        }
    }

    /** True when this window applies on a date of the given kinds. */
    boolean appliesTo(Set<DayType> kindsOfDate) {
        return kindsOfDate.stream().anyMatch(days::contains);
    }
}
