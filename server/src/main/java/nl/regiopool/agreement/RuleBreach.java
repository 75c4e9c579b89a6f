package nl.regiopool.agreement;

import java.util.List;
import java.util.UUID;

/** One broken rule: a stable code, a sentence for people, the limit and the actual value, the objects involved. */
public record RuleBreach(String code, String message, String limit, String actual, List<UUID> entityIds) {

    public RuleBreach {
        entityIds = List.copyOf(entityIds);
    }

    static RuleBreach of(String code, String message, UUID... entityIds) {
        return new RuleBreach(code, message, null, null, List.of(entityIds));
    }
}
