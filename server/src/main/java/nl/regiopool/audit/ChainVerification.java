package nl.regiopool.audit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import nl.regiopool.api.model.AuditVerification;
import nl.regiopool.problem.ProblemException;
import org.jdbi.v3.core.Handle;

/**
 * One verify of a tenant's chain: from the beginning or from a signed checkpoint, page by page (each page its own
 * statement) up to the chain head read first; every checkpoint on the way must be validly signed and name the hash
 * stored at its sequence (a checkpoint signed before the chain was re-chained names the old hash, kept with the
 * event); the record of the re-chaining must name the old and new hash at its sequence; and the last event must be
 * the one the head names.
 */
final class ChainVerification {

    private static final int PAGE = 4096;

    private final Handle handle;
    private final AuditDao events;
    private final UUID tenant;
    private final Optional<CheckpointSigner> signer;
    private long checkpointsChecked;
    private Long brokenCheckpoint;

    ChainVerification(Handle handle, AuditDao events, UUID tenant, Optional<CheckpointSigner> signer) {
        this.handle = handle;
        this.events = events;
        this.tenant = tenant;
        this.signer = signer;
    }

    AuditVerification run(Long fromCheckpoint) {
        // the head first: what sealers add while the walk runs lies beyond it and is left for the next verify
        ChainDao.Head head = ChainDao.head(handle).orElse(new ChainDao.Head(0, ChainHash.GENESIS, ChainHash.VERSION));
        Optional<ChainDao.Migration> migration = ChainDao.migration(handle);
        long start = fromCheckpoint == null ? 0 : fromCheckpoint;
        Deque<ChainDao.Checkpoint> checkpoints = new ArrayDeque<>(ChainDao.checkpointsFrom(handle, start));
        ChainVerifier verifier = new ChainVerifier(0, ChainHash.GENESIS);
        if (fromCheckpoint != null) {
            ChainDao.Checkpoint from = checkpoints.pollFirst();
            if (from == null || from.sequence() != fromCheckpoint) {
                throw ProblemException.notFound("Audit checkpoint " + fromCheckpoint);
            }
            ChainDao.StoredHash stored = ChainDao.hashAt(handle, from.sequence()).orElse(null);
            check(from, stored);
            // a checkpoint signed before the chain was re-chained names the old hash; the walk goes on from the new
            verifier = stored != null && from.hash().equals(stored.legacyHash())
                    ? new ChainVerifier(from.sequence(), stored.hash(), stored.legacyHash())
                    : new ChainVerifier(from.sequence(), from.hash());
        }
        // each page is checked on another thread while this one reads the next
        List<AuditDao.StoredEvent> page = events.page(handle, start, head.lastSequence(), PAGE);
        while (true) {
            List<AuditDao.StoredEvent> current = page;
            ChainVerifier walking = verifier;
            CompletableFuture<Void> checked = CompletableFuture.runAsync(
                    () -> check(current, walking, checkpoints, migration));
            boolean more = current.size() == PAGE;
            page = more ? events.page(handle, current.get(current.size() - 1).sequence(), head.lastSequence(), PAGE)
                    : List.of();
            checked.join();
            if (!more || verifier.broken()) {
                break;
            }
        }
        boolean tailPresent = verifier.broken()
                || (verifier.lastSequence() == head.lastSequence() && verifier.lastHash().equals(head.lastHash()));
        boolean checkpointsBeyondHead = checkpoints.stream().anyMatch(c -> c.sequence() > head.lastSequence());
        ChainDao.Tail unsealed = ChainDao.unsealed(handle);
        AuditVerification verification = new AuditVerification(
                !verifier.broken() && tailPresent && !checkpointsBeyondHead && brokenCheckpoint == null,
                verifier.checked(), head.lastSequence(), unsealed.events())
                .firstBrokenEventId(verifier.firstBroken())
                .oldestUnsealedAt(unsealed.oldest())
                .fromCheckpoint(fromCheckpoint)
                .checkpointsChecked(checkpointsChecked)
                .brokenCheckpointSequence(brokenCheckpoint)
                .redactedEvents(verifier.redacted());
        if (!tailPresent || checkpointsBeyondHead) {
            verification.missingAfterSequence(verifier.lastSequence());
        }
        return verification;
    }

    /** The page's links and content, then the checkpoints and the re-chaining record that name its events. */
    private void check(List<AuditDao.StoredEvent> page, ChainVerifier verifier,
                       Deque<ChainDao.Checkpoint> checkpoints, Optional<ChainDao.Migration> migration) {
        verifier.accept(page);
        for (AuditDao.StoredEvent event : page) {
            while (!checkpoints.isEmpty() && checkpoints.peekFirst().sequence() <= event.sequence()) {
                ChainDao.Checkpoint checkpoint = checkpoints.pollFirst();
                check(checkpoint, checkpoint.sequence() == event.sequence()
                        ? new ChainDao.StoredHash(event.hash(), event.legacyHash()) : null);
            }
            if (migration.isPresent() && migration.get().legacySequence() == event.sequence()) {
                check(migration.get(), event);
            }
        }
    }

    private void check(ChainDao.Checkpoint checkpoint, ChainDao.StoredHash stored) {
        checkpointsChecked++;
        boolean signed = signer.map(s -> s.holds(checkpoint.keyId(), tenant, checkpoint.sequence(), checkpoint.hash(),
                checkpoint.signedAt().toInstant(), checkpoint.signature())).orElse(false);
        boolean named = stored != null
                && (checkpoint.hash().equals(stored.hash()) || checkpoint.hash().equals(stored.legacyHash()));
        if ((!signed || !named) && brokenCheckpoint == null) {
            brokenCheckpoint = checkpoint.sequence();
        }
    }

    /** The record of the re-chaining must name the event's old and new hash, and hold its signature when signed. */
    private void check(ChainDao.Migration migration, AuditDao.StoredEvent event) {
        checkpointsChecked++;
        boolean signed = migration.signature() == null || signer.map(s -> s.holdsMigration(migration.keyId(), tenant,
                migration.legacySequence(), migration.legacyHash(), migration.hash(),
                migration.migratedAt().toInstant(), migration.signature())).orElse(false);
        boolean named = migration.hash().equals(event.hash()) && migration.legacyHash().equals(event.legacyHash());
        if ((!signed || !named) && brokenCheckpoint == null) {
            brokenCheckpoint = migration.legacySequence();
        }
    }
}
