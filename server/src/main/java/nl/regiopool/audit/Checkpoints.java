package nl.regiopool.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** When the sealer signs a checkpoint: after {@code every} events since the last one, or after {@code interval}. */
final class Checkpoints {

    private final Optional<CheckpointSigner> signer;
    private final int every;
    private final Duration interval;

    Checkpoints(Optional<CheckpointSigner> signer, int every, Duration interval) {
        this.signer = signer;
        this.every = every;
        this.interval = interval;
    }

    Optional<CheckpointSigner> signer() {
        return signer;
    }

    /** Called in the sealing transaction, with the head it just moved to. */
    void afterSeal(Handle handle, UUID tenant, long sequence, String hash) {
        if (signer.isEmpty()) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        boolean due = ChainDao.lastCheckpoint(handle)
                .map(last -> sequence - last.sequence() >= every
                        || !last.signedAt().toInstant().plus(interval).isAfter(now))
                .orElse(true);
        if (due) {
            CheckpointSigner key = signer.get();
            ChainDao.insertCheckpoint(handle, tenant, new ChainDao.Checkpoint(sequence, hash,
                    OffsetDateTime.ofInstant(now, ZoneOffset.UTC), key.keyId(), key.sign(tenant, sequence, hash, now)));
        }
    }
}
