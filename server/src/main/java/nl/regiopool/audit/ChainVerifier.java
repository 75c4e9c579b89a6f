package nl.regiopool.audit;

import java.util.List;
import java.util.UUID;

/**
 * Checks a tenant's sealed events page by page in sequence order and finds the first one whose link does not hold:
 * a gap in the sequence, a previous hash that is not its predecessor's hash, or a hash that does not match the
 * event's own content. Each event's hash covers its stored previous hash, so a page's hashes are recomputed in
 * parallel and only the links are walked in order.
 */
final class ChainVerifier {

    private String expectedPrevious;
    private long expectedSequence;
    private long checked;
    private UUID firstBroken;

    /** Starts after the event {@code sequence} with hash {@code hash} (0 and the genesis hash for the whole chain). */
    ChainVerifier(long sequence, String hash) {
        this.expectedSequence = sequence + 1;
        this.expectedPrevious = hash;
    }

    void accept(List<AuditDao.StoredEvent> page) {
        if (firstBroken != null) {
            return;
        }
        List<String> recomputed = page.parallelStream().map(ChainVerifier::recompute).toList();
        for (int i = 0; i < page.size(); i++) {
            AuditDao.StoredEvent event = page.get(i);
            checked++;
            boolean intact = event.sequence() == expectedSequence
                    && event.previousHash().equals(expectedPrevious)
                    && event.hash().equals(recomputed.get(i));
            if (!intact) {
                firstBroken = event.id();
                return;
            }
            expectedPrevious = event.hash();
            expectedSequence++;
        }
    }

    private static String recompute(AuditDao.StoredEvent event) {
        return ChainHash.of(event.previousHash(), event.tenantId(), event.id(), event.sequence(),
                event.occurredAt().toInstant(), event.actorSubject(), event.actorRoles(), event.action(),
                event.entityType(), event.entityId(), event.before(), event.after(), event.requestId());
    }

    boolean broken() {
        return firstBroken != null;
    }

    long checked() {
        return checked;
    }

    UUID firstBroken() {
        return firstBroken;
    }

    /** The last event whose link held. */
    long lastSequence() {
        return expectedSequence - 1;
    }

    String lastHash() {
        return expectedPrevious;
    }
}
