package nl.regiopool.demo;

import java.util.Map;
import java.util.UUID;

/**
 * What the demo loaded: the cooperative, a member and one of its lent workers to print tokens for, and how many
 * of each thing (keys such as {@code members}, {@code agreements.ACTIVE}, {@code placements.COMPLETED}).
 */
public record DemoRegion(UUID tenantId, UUID memberId, UUID workerId, Map<String, Integer> counts) {

    public int count(String what) {
        return counts.getOrDefault(what, 0);
    }
}
