package nl.regiopool.audit;

import java.util.UUID;
import nl.regiopool.api.model.AuditVerification;

/**
 * Walks a tenant's sealed events in sequence order and finds the first one whose link does not hold: a gap in the
 * sequence, a previous hash that is not its predecessor's hash, or a hash that does not match the event's own
 * content. The last event must be the one the chain head names; when the head names a later one, the tail is gone.
 */
final class ChainVerifier {

    static final ChainDao.Head EMPTY = new ChainDao.Head(0, ChainHash.GENESIS);

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

    /** The verdict, with the chain head the walk went up to and the events not sealed yet. */
    AuditVerification against(ChainDao.Head head, ChainDao.Tail unsealed) {
        long lastSequence = expectedSequence - 1;
        boolean tailPresent = firstBroken != null
                || (lastSequence == head.lastSequence() && expectedPrevious.equals(head.lastHash()));
        AuditVerification verification = new AuditVerification(firstBroken == null && tailPresent, checked,
                head.lastSequence(), unsealed.events())
                .firstBrokenEventId(firstBroken)
                .oldestUnsealedAt(unsealed.oldest());
        if (!tailPresent) {
            verification.missingAfterSequence(lastSequence);
        }
        return verification;
    }
}
