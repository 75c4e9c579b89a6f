package nl.regiopool.audit;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Checks a tenant's sealed events page by page in sequence order and finds the first one whose link does not hold:
 * a gap in the sequence, a previous hash that is not its predecessor's hash, or a hash that does not match the
 * event's own content. Each event's hash covers its stored previous hash, so a page's hashes are recomputed in
 * parallel and only the links are walked in order.
 *
 * <p>Under hash version 2 the hash covers the payload digest; the payload must match the digest unless it was
 * redacted (then it is counted, not compared). A re-chained event also keeps its version-1 hash: those old hashes
 * must link up, and recompute from the event whose payload is intact, so checkpoints signed before the migration
 * still prove what they named.
 */
final class ChainVerifier {

    private String expectedPrevious;
    private long expectedSequence;
    private String expectedLegacyPrevious;
    private long checked;
    private long redacted;
    private UUID firstBroken;

    /** Starts after the event {@code sequence} with hash {@code hash} (0 and the genesis hash for the whole chain). */
    ChainVerifier(long sequence, String hash) {
        this(sequence, hash, sequence == 0 ? ChainHash.GENESIS : null);
    }

    /** As above, with that event's version-1 hash when it was re-chained (else null). */
    ChainVerifier(long sequence, String hash, String legacyHash) {
        this.expectedSequence = sequence + 1;
        this.expectedPrevious = hash;
        this.expectedLegacyPrevious = legacyHash;
    }

    void accept(List<AuditDao.StoredEvent> page) {
        if (firstBroken != null) {
            return;
        }
        String legacyBeforePage = expectedLegacyPrevious;
        List<Boolean> contentHolds = IntStream.range(0, page.size()).parallel()
                .mapToObj(i -> contentHolds(page.get(i),
                        i == 0 ? legacyBeforePage : page.get(i - 1).legacyHash()))
                .toList();
        for (int i = 0; i < page.size(); i++) {
            AuditDao.StoredEvent event = page.get(i);
            checked++;
            boolean intact = event.sequence() == expectedSequence
                    && event.previousHash().equals(expectedPrevious)
                    && contentHolds.get(i);
            if (!intact) {
                firstBroken = event.id();
                return;
            }
            if (event.redacted()) {
                redacted++;
            }
            expectedPrevious = event.hash();
            expectedLegacyPrevious = event.legacyHash();
            expectedSequence++;
        }
    }

    /**
     * Whether the event's hash, its payload and (when re-chained) its old hash match its content;
     * {@code legacyPrevious} is the predecessor's old hash.
     */
    private static boolean contentHolds(AuditDao.StoredEvent event, String legacyPrevious) {
        if (event.hashVersion() == 1) {
            return event.hash().equals(legacy(event, event.previousHash()));
        }
        boolean hashHolds = event.hash().equals(ChainHash.of(event.previousHash(), event.tenantId(), event.id(),
                event.sequence(), event.occurredAt().toInstant(), event.actorSubject(), event.actorRoles(),
                event.action(), event.entityType(), event.entityId(), event.payloadDigest(), event.requestId()));
        if (!hashHolds) {
            return false;
        }
        if (event.redacted()) {
            return event.legacyHash() == null || legacyPrevious != null;
        }
        return event.payloadDigest().equals(
                        ChainHash.storedPayloadDigest(event.storedBefore().text(), event.storedAfter().text()))
                && (event.legacyHash() == null
                    || legacyPrevious != null && event.legacyHash().equals(legacy(event, legacyPrevious)));
    }

    private static String legacy(AuditDao.StoredEvent event, String previous) {
        return ChainHash.legacy(previous, event.tenantId(), event.id(), event.sequence(),
                event.occurredAt().toInstant(), event.actorSubject(), event.actorRoles(), event.action(),
                event.entityType(), event.entityId(), event.before(), event.after(), event.requestId());
    }

    boolean broken() {
        return firstBroken != null;
    }

    long checked() {
        return checked;
    }

    long redacted() {
        return redacted;
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
