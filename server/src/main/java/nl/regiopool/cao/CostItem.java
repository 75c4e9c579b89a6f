package nl.regiopool.cao;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of a placement's cost.
 *
 * @param kind        BASE (all worked time at the tariff) or SURCHARGE (extra for irregular hours)
 * @param hours       hours, rounded half-up to 2 decimals (display only: the amount is computed from seconds)
 * @param percent     100 for BASE; the surcharge percentage for SURCHARGE
 * @param amountCents euro cents, rounded half-up from the exact seconds
 */
public record CostItem(Kind kind, BigDecimal hours, BigDecimal percent, long amountCents) {

    public enum Kind { BASE, SURCHARGE }

    public CostItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(percent, "percent");
    }
}
