package nl.regiopool.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a chain sealed under hash version 1 (payload inside the hash) to the current version (payload digest inside
 * the hash), in the sealing transaction under the chain head's lock. The whole chain is first verified under the
 * old rule; only an intact chain is re-chained: every event gets its payload digest and a new link, keeps its old
 * hash as {@code legacy_hash}, and {@code audit_chain_migration} records the old head next to its new hash (signed
 * when a checkpoint key is configured). A chain that does not verify is left as it is, so verify keeps naming its
 * first broken event; new events are chained after it under the current version.
 */
final class ChainMigration {

    private static final Logger LOG = LoggerFactory.getLogger(ChainMigration.class);
    private static final int PAGE = 4096;

    private final Handle handle;
    private final AuditDao events;
    private final UUID tenant;
    private final Optional<CheckpointSigner> signer;

    ChainMigration(Handle handle, AuditDao events, UUID tenant, Optional<CheckpointSigner> signer) {
        this.handle = handle;
        this.events = events;
        this.tenant = tenant;
        this.signer = signer;
    }

    /** The head after the migration. */
    ChainDao.Head run(ChainDao.Head head) {
        if (head.lastSequence() > 0 && !intactUnderOldRule(head)) {
            LOG.error("The audit chain of cooperative {} does not verify under hash version 1; it is not re-chained"
                    + " and new events are chained after it", tenant);
            ChainDao.headOnCurrentVersion(handle, head.lastHash());
            return new ChainDao.Head(head.lastSequence(), head.lastHash(), ChainHash.VERSION);
        }
        String hash = ChainHash.GENESIS;
        long after = 0;
        List<AuditDao.StoredEvent> page;
        do {
            page = events.page(handle, after, head.lastSequence(), PAGE);
            List<ChainDao.Link> links = new ArrayList<>(page.size());
            for (AuditDao.StoredEvent event : page) {
                String digest = ChainHash.payloadDigest(event.before(), event.after());
                String next = ChainHash.of(hash, event.tenantId(), event.id(), event.sequence(),
                        event.occurredAt().toInstant(), event.actorSubject(), event.actorRoles(), event.action(),
                        event.entityType(), event.entityId(), digest, event.requestId());
                links.add(new ChainDao.Link(event.id(), event.sequence(), hash, next, digest));
                hash = next;
            }
            if (!links.isEmpty()) {
                ChainDao.rechain(handle, links);
                after = page.get(page.size() - 1).sequence();
            }
        } while (page.size() == PAGE);
        ChainDao.headOnCurrentVersion(handle, hash);
        if (head.lastSequence() > 0) {
            record(head, hash);
        }
        return new ChainDao.Head(head.lastSequence(), hash, ChainHash.VERSION);
    }

    private boolean intactUnderOldRule(ChainDao.Head head) {
        ChainVerifier verifier = new ChainVerifier(0, ChainHash.GENESIS);
        long after = 0;
        List<AuditDao.StoredEvent> page;
        do {
            page = events.page(handle, after, head.lastSequence(), PAGE);
            verifier.accept(page);
            after = page.isEmpty() ? after : page.get(page.size() - 1).sequence();
        } while (page.size() == PAGE && !verifier.broken());
        return !verifier.broken() && verifier.lastSequence() == head.lastSequence()
                && verifier.lastHash().equals(head.lastHash());
    }

    private void record(ChainDao.Head legacyHead, String hash) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ChainDao.insertMigration(handle, tenant, new ChainDao.Migration(legacyHead.lastSequence(),
                legacyHead.lastHash(), hash, OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                signer.map(CheckpointSigner::keyId).orElse(null),
                signer.map(key -> key.signMigration(tenant, legacyHead.lastSequence(), legacyHead.lastHash(), hash,
                        now)).orElse(null)));
    }
}
