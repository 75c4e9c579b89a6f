package nl.regiopool.cao;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One broken rule.
 *
 * @param code      stable rule code
 * @param message   English sentence for people
 * @param limit     the limit with its unit, e.g. "12 h"
 * @param actual    the actual value with its unit, e.g. "12.5 h"
 * @param shiftIds  ids of the shifts involved, in start order, the candidate among them
 * @param source    the law or CAO text the limit comes from (the parameter's source)
 */
public record Violation(ViolationCode code, String message, String limit, String actual, List<UUID> shiftIds,
                        String source) {

    public Violation {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(actual, "actual");
        shiftIds = List.copyOf(shiftIds);
        Objects.requireNonNull(source, "source");
    }
}
