package nl.regiopool.cao;

import java.time.Duration;
import java.util.Objects;

/**
 * A shift with more than {@code workedOver} worked time needs at least {@code minBreak} of break.
 * (ATW art. 5:4: "meer dan 5,5 uren arbeid per dienst" &rarr; 30 minutes, "meer dan 10 uren" &rarr; 45 minutes.)
 */
public record BreakRule(Duration workedOver, Duration minBreak) {

    public BreakRule {
        Objects.requireNonNull(workedOver, "workedOver");
        Objects.requireNonNull(minBreak, "minBreak");
    }
}
