package nl.regiopool.audit;

import java.util.UUID;

/**
 * Walks a tenant's events in sequence order and finds the first one whose link does not hold:
 * a gap in the sequence, a previous hash that is not its predecessor's hash, or a hash that does
 * not match the event's own content.
 */
final class ChainVerifier {

    private String expectedPrevious = ChainHash.GENESIS;
    private long expectedSequence = 1;
    private long checked;
    private UUID firstBroken;

    void accept(AuditDao.StoredEvent event) {
        if (firstBroken != null) {
            return;
        }
        checked++;
        String recomputed = ChainHash.of(event.previousHash(), event.tenantId(), event.id(), event.sequence(),
                event.occurredAt().toInstant(), event.actorSubject(), event.actorRoles(), event.action(),
                event.entityType(), event.entityId(), event.before(), event.after(), event.requestId());
        boolean intact = event.sequence() == expectedSequence
                && event.previousHash().equals(expectedPrevious)
                && event.hash().equals(recomputed);
        if (!intact) {
            firstBroken = event.id();
            return;
        }
        expectedPrevious = event.hash();
        expectedSequence++;
    }

    long checked() {
        return checked;
    }

    UUID firstBroken() {
        return firstBroken;
    }
}
