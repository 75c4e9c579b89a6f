package nl.regiopool.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import nl.regiopool.api.model.AuditVerification;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.tenancy.Transactions;
import org.jdbi.v3.core.Handle;

/**
 * One verify of a tenant's chain: from the beginning or from a signed checkpoint, page by page (each page its own
 * statement) up to the chain head read first; every checkpoint on the way must be validly signed and name the hash
 * stored at its sequence (a checkpoint signed before the chain was re-chained names the old hash, kept with the
 * event); the record of the re-chaining must name the old and new hash at its sequence; and the last event must be
 * the one the head names. A long walk is split in two halves read at once, the second on a connection of its own
 * from the hash stored at the middle; the first half must end on that hash.
 */
final class ChainVerification {

    /**
     * Events per statement: few enough that the pages in flight die in the young generation. Larger pages survive
     * into the old generation of a small heap, and collecting that cost more than the walk itself.
     */
    private static final int PAGE = 512;

    /** Walks of at least this many events are split in two halves, walked at once. Tests lower it. */
    static volatile long splitFrom = 65_536;

    /** Checks pages while the readers read the next: at least two threads, also on a machine of two cores. */
    private static final ForkJoinPool CHECKERS = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()));

    /** Reads the second half of a split walk. */
    private static final ExecutorService SECOND_HALF = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "audit-verify");
        thread.setDaemon(true);
        return thread;
    });

    private final Handle handle;
    private final Transactions transactions;
    private final AuditDao events;
    private final UUID tenant;
    private final Optional<CheckpointSigner> signer;

    ChainVerification(Handle handle, Transactions transactions, AuditDao events, UUID tenant,
                      Optional<CheckpointSigner> signer) {
        this.handle = handle;
        this.transactions = transactions;
        this.events = events;
        this.tenant = tenant;
        this.signer = signer;
    }

    AuditVerification run(Long fromCheckpoint) {
        // the head first: what sealers add while the walk runs lies beyond it and is left for the next verify
        ChainDao.Head head = ChainDao.head(handle).orElse(new ChainDao.Head(0, ChainHash.GENESIS, ChainHash.VERSION));
        Optional<ChainDao.Migration> migration = ChainDao.migration(handle);
        long start = fromCheckpoint == null ? 0 : fromCheckpoint;
        List<ChainDao.Checkpoint> checkpoints = new ArrayList<>(ChainDao.checkpointsFrom(handle, start));
        ChainVerifier verifier = new ChainVerifier(0, ChainHash.GENESIS);
        Stretch opening = null;
        if (fromCheckpoint != null) {
            ChainDao.Checkpoint from = checkpoints.isEmpty() ? null : checkpoints.remove(0);
            if (from == null || from.sequence() != fromCheckpoint) {
                throw ProblemException.notFound("Audit checkpoint " + fromCheckpoint);
            }
            ChainDao.StoredHash stored = ChainDao.hashAt(handle, from.sequence()).orElse(null);
            opening = new Stretch(start, start, verifier, List.of(), migration);
            opening.check(from, stored);
            // a checkpoint signed before the chain was re-chained names the old hash; the walk goes on from the new
            verifier = stored != null && from.hash().equals(stored.legacyHash())
                    ? new ChainVerifier(from.sequence(), stored.hash(), stored.legacyHash())
                    : new ChainVerifier(from.sequence(), from.hash());
        }
        long end = head.lastSequence();
        long middle = start + (end - start) / 2;
        Optional<ChainDao.StoredHash> atMiddle = end - start >= splitFrom
                ? ChainDao.hashAt(handle, middle) : Optional.empty();
        List<Stretch> walked = new ArrayList<>();
        boolean joined = true;
        if (atMiddle.isPresent()) {
            Stretch first = new Stretch(start, middle, verifier, checkpoints, migration);
            Stretch second = new Stretch(middle, end, new ChainVerifier(middle, atMiddle.get().hash(),
                    atMiddle.get().legacyHash()), checkpoints, migration);
            CompletableFuture<Void> secondWalk = CompletableFuture.runAsync(
                    () -> transactions.read(tenant, other -> second.walk(other)), SECOND_HALF);
            first.walk(handle);
            awaitSecondHalf(secondWalk);
            walked.add(first);
            joined = first.verifier.broken() || (first.verifier.lastSequence() == middle
                    && first.verifier.lastHash().equals(atMiddle.get().hash()));
            if (joined && !first.verifier.broken()) {
                walked.add(second);
            }
        } else {
            Stretch whole = new Stretch(start, end, verifier, checkpoints, migration);
            whole.walk(handle);
            walked.add(whole);
        }

        ChainVerifier last = walked.get(walked.size() - 1).verifier;
        Optional<ChainVerifier> broken = walked.stream().map(stretch -> stretch.verifier)
                .filter(ChainVerifier::broken).findFirst();
        boolean tailPresent = joined && (broken.isPresent()
                || (last.lastSequence() == head.lastSequence() && last.lastHash().equals(head.lastHash())));
        boolean checkpointsBeyondHead = checkpoints.stream().anyMatch(c -> c.sequence() > head.lastSequence());
        List<Stretch> counted = new ArrayList<>(walked);
        if (opening != null) {
            counted.add(0, opening);
        }
        Long brokenCheckpoint = counted.stream().map(stretch -> stretch.brokenCheckpoint)
                .filter(sequence -> sequence != null).findFirst().orElse(null);
        ChainDao.Tail unsealed = ChainDao.unsealed(handle);
        AuditVerification verification = new AuditVerification(
                broken.isEmpty() && tailPresent && !checkpointsBeyondHead && brokenCheckpoint == null,
                walked.stream().mapToLong(stretch -> stretch.verifier.checked()).sum(), head.lastSequence(),
                unsealed.events())
                .firstBrokenEventId(broken.map(ChainVerifier::firstBroken).orElse(null))
                .oldestUnsealedAt(unsealed.oldest())
                .fromCheckpoint(fromCheckpoint)
                .checkpointsChecked(counted.stream().mapToLong(stretch -> stretch.checkpointsChecked).sum())
                .brokenCheckpointSequence(brokenCheckpoint)
                .redactedEvents(walked.stream().mapToLong(stretch -> stretch.verifier.redacted()).sum());
        if (!tailPresent || checkpointsBeyondHead) {
            verification.missingAfterSequence(last.lastSequence());
        }
        return verification;
    }

    /**
     * Waits for the second half and fails as its walk failed, with the same exception a walk on the request's own
     * thread throws (a database error then answers as one does elsewhere, not wrapped in a CompletionException).
     */
    private static void awaitSecondHalf(CompletableFuture<Void> secondWalk) {
        try {
            secondWalk.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** The events after {@code from} up to {@code to}, walked by one verifier, with the checkpoints among them. */
    private final class Stretch {
        private final long from;
        private final long to;
        private final ChainVerifier verifier;
        private final Deque<ChainDao.Checkpoint> checkpoints = new ArrayDeque<>();
        private final Optional<ChainDao.Migration> migration;
        private long checkpointsChecked;
        private Long brokenCheckpoint;

        Stretch(long from, long to, ChainVerifier verifier, List<ChainDao.Checkpoint> all,
                Optional<ChainDao.Migration> migration) {
            this.from = from;
            this.to = to;
            this.verifier = verifier;
            this.migration = migration;
            all.stream().filter(c -> c.sequence() > from && c.sequence() <= to).forEach(checkpoints::add);
        }

        /** Page by page; each page is checked on another thread while this one reads the next. */
        Void walk(Handle reading) {
            List<AuditDao.StoredEvent> page = events.page(reading, from, to, PAGE);
            while (true) {
                List<AuditDao.StoredEvent> current = page;
                CompletableFuture<Void> checked = CompletableFuture.runAsync(() -> check(current), CHECKERS);
                boolean more = current.size() == PAGE;
                page = more ? events.page(reading, current.get(current.size() - 1).sequence(), to, PAGE) : List.of();
                checked.join();
                if (!more || verifier.broken()) {
                    return null;
                }
            }
        }

        /** The page's links and content, then the checkpoints and the re-chaining record that name its events. */
        private void check(List<AuditDao.StoredEvent> page) {
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
            boolean signed = signer.map(s -> s.holds(checkpoint.keyId(), tenant, checkpoint.sequence(),
                    checkpoint.hash(), checkpoint.signedAt().toInstant(), checkpoint.signature())).orElse(false);
            boolean named = stored != null
                    && (checkpoint.hash().equals(stored.hash()) || checkpoint.hash().equals(stored.legacyHash()));
            if ((!signed || !named) && brokenCheckpoint == null) {
                brokenCheckpoint = checkpoint.sequence();
            }
        }

        /** The record of the re-chaining must name the event's old and new hash, and hold its signature when signed. */
        private void check(ChainDao.Migration migration, AuditDao.StoredEvent event) {
            checkpointsChecked++;
            boolean signed = migration.signature() == null || signer.map(s -> s.holdsMigration(migration.keyId(),
                    tenant, migration.legacySequence(), migration.legacyHash(), migration.hash(),
                    migration.migratedAt().toInstant(), migration.signature())).orElse(false);
            boolean named = migration.hash().equals(event.hash()) && migration.legacyHash().equals(event.legacyHash());
            if ((!signed || !named) && brokenCheckpoint == null) {
                brokenCheckpoint = migration.legacySequence();
            }
        }
    }
}
