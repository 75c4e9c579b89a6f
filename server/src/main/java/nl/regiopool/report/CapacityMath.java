package nl.regiopool.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/** The report's arithmetic on plain values: fill rate and median. */
final class CapacityMath {

    private CapacityMath() {
    }

    /** filled / requested to 4 decimals, or null when nothing was requested. */
    static BigDecimal fillRate(BigDecimal requested, BigDecimal filled) {
        if (requested.signum() == 0) {
            return null;
        }
        return filled.divide(requested, 4, RoundingMode.HALF_UP);
    }

    /** The median to 1 decimal (the mean of the middle two for an even count), or null for no values. */
    static BigDecimal median(List<BigDecimal> values) {
        if (values.isEmpty()) {
            return null;
        }
        BigDecimal[] sorted = values.toArray(BigDecimal[]::new);
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        BigDecimal median = sorted.length % 2 == 1 ? sorted[middle]
                : sorted[middle - 1].add(sorted[middle]).divide(BigDecimal.valueOf(2));
        return median.setScale(1, RoundingMode.HALF_UP);
    }
}
