package nl.regiopool.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.page.Where;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The chain head and the unsealed tail of the bound tenant's audit chain. */
final class ChainDao {

    /** The chain's last link; {@code hashVersion} 1 while the chain still waits to be re-chained. */
    record Head(long lastSequence, String lastHash, int hashVersion) {
    }

    record Link(UUID id, long sequence, String previousHash, String hash, String payloadDigest) {
    }

    /** Where a chain sealed under hash version 1 was re-chained: its old head and the new hash of that event. */
    record Migration(long legacySequence, String legacyHash, String hash, OffsetDateTime migratedAt, String keyId,
                     String signature) {
    }

    /** The hash stored at a sequence and, for a re-chained event, its hash under version 1. */
    record StoredHash(String hash, String legacyHash) {
    }

    record Tail(long events, OffsetDateTime oldest) {
    }

    record Checkpoint(long sequence, String hash, OffsetDateTime signedAt, String keyId, String signature) {
    }

    private ChainDao() {
    }

    static List<UUID> cooperatives(Handle handle) {
        return handle.createQuery("SELECT id FROM cooperative ORDER BY id").mapTo(UUID.class).list();
    }

    /** The oldest transaction still running: every transaction below it has ended, committed or not. */
    static String horizon(Handle handle) {
        return handle.createQuery("SELECT pg_snapshot_xmin(pg_current_snapshot())::text").mapTo(String.class).one();
    }

    static String snapshot(Handle handle) {
        return handle.createQuery("SELECT pg_current_snapshot()::text").mapTo(String.class).one();
    }

    /**
     * Locks the tenant's chain head until commit, creating the genesis head before the tenant's first seal. Empty
     * when another sealer holds it and {@code wait} is false.
     */
    static Optional<Head> lockHead(Handle handle, UUID tenant, boolean wait) {
        handle.createUpdate("""
                        INSERT INTO audit_chain_head (tenant_id, last_sequence, last_hash)
                        VALUES (:tenant, 0, :genesis) ON CONFLICT (tenant_id) DO NOTHING""")
                .bind("tenant", tenant)
                .bind("genesis", ChainHash.GENESIS)
                .execute();
        return handle.createQuery("SELECT last_sequence, last_hash, hash_version FROM audit_chain_head"
                        + (wait ? " FOR UPDATE" : " FOR UPDATE SKIP LOCKED"))
                .map((rs, ctx) -> new Head(rs.getLong(1), rs.getString(2), rs.getInt(3)))
                .findOne();
    }

    static Optional<Head> head(Handle handle) {
        return handle.createQuery("SELECT last_sequence, last_hash, hash_version FROM audit_chain_head")
                .map((rs, ctx) -> new Head(rs.getLong(1), rs.getString(2), rs.getInt(3)))
                .findOne();
    }

    /** Unsealed events of transactions that ended before the horizon, in the order they are to be chained. */
    static List<AuditDao.StoredEvent> sealable(Handle handle, AuditDao events, String horizon, int limit) {
        return handle.createQuery("SELECT " + AuditDao.COLUMNS + """
                         FROM audit_event
                        WHERE hash IS NULL AND inserted_xid < CAST(:horizon AS xid8)
                        ORDER BY inserted_xid, insert_order
                        LIMIT :limit""")
                .bind("horizon", horizon)
                .bind("limit", limit)
                .map((rs, ctx) -> events.map(rs))
                .list();
    }

    /**
     * One statement for the whole batch, joined on the primary key: per-event updates each walked the partial index
     * of unsealed events (and its dead entries of events sealed since the last vacuum), which grows under load.
     */
    static void seal(Handle handle, List<Link> links) {
        handle.createUpdate("""
                        UPDATE audit_event e
                           SET sequence = l.sequence, previous_hash = l.previous_hash, hash = l.hash,
                               hash_version = :version, payload_digest = l.payload_digest
                          FROM unnest(CAST(:ids AS uuid[]), CAST(:sequences AS bigint[]), CAST(:previousHashes AS text[]),
                                      CAST(:hashes AS text[]), CAST(:payloadDigests AS text[]))
                               AS l(id, sequence, previous_hash, hash, payload_digest)
                         WHERE e.id = l.id AND e.hash IS NULL""")
                .bind("ids", links.stream().map(Link::id).toArray(UUID[]::new))
                .bind("sequences", links.stream().map(Link::sequence).toArray(Long[]::new))
                .bind("previousHashes", links.stream().map(Link::previousHash).toArray(String[]::new))
                .bind("hashes", links.stream().map(Link::hash).toArray(String[]::new))
                .bind("payloadDigests", links.stream().map(Link::payloadDigest).toArray(String[]::new))
                .bind("version", ChainHash.VERSION)
                .execute();
        Link last = links.get(links.size() - 1);
        moveHead(handle, last.sequence(), last.hash());
    }

    /** Re-links events sealed under hash version 1 under the current version, keeping each old hash. */
    static void rechain(Handle handle, List<Link> links) {
        PreparedBatch batch = handle.prepareBatch("""
                UPDATE audit_event SET previous_hash = :previousHash, hash = :hash, hash_version = :version,
                       payload_digest = :payloadDigest, legacy_hash = hash
                 WHERE id = :id AND sequence = :sequence AND hash_version = 1""");
        for (Link link : links) {
            batch.bind("id", link.id())
                    .bind("sequence", link.sequence())
                    .bind("previousHash", link.previousHash())
                    .bind("hash", link.hash())
                    .bind("version", ChainHash.VERSION)
                    .bind("payloadDigest", link.payloadDigest())
                    .add();
        }
        batch.execute();
    }

    private static void moveHead(Handle handle, long sequence, String hash) {
        // the bound tenant's one head row (row-level security)
        handle.createUpdate("UPDATE audit_chain_head SET last_sequence = :sequence, last_hash = :hash")
                .bind("sequence", sequence)
                .bind("hash", hash)
                .execute();
    }

    /** From now on the chain is sealed under the current hash version, its head at {@code hash}. */
    static void headOnCurrentVersion(Handle handle, String hash) {
        handle.createUpdate("UPDATE audit_chain_head SET last_hash = :hash, hash_version = :version")
                .bind("hash", hash)
                .bind("version", ChainHash.VERSION)
                .execute();
    }

    static void insertMigration(Handle handle, UUID tenant, Migration migration) {
        handle.createUpdate("""
                        INSERT INTO audit_chain_migration (tenant_id, legacy_sequence, legacy_hash, hash, migrated_at,
                            key_id, signature)
                        VALUES (:tenant, :legacySequence, :legacyHash, :hash, :migratedAt, :keyId, :signature)""")
                .bind("tenant", tenant)
                .bind("legacySequence", migration.legacySequence())
                .bind("legacyHash", migration.legacyHash())
                .bind("hash", migration.hash())
                .bind("migratedAt", migration.migratedAt())
                .bind("keyId", migration.keyId())
                .bind("signature", migration.signature())
                .execute();
    }

    static Optional<Migration> migration(Handle handle) {
        return handle.createQuery("""
                        SELECT legacy_sequence, legacy_hash, hash, migrated_at, key_id, signature
                          FROM audit_chain_migration""")
                .map((rs, ctx) -> new Migration(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getString(5), rs.getString(6)))
                .findOne();
    }

    /** Whether an event committed before {@code snapshot} was taken is still unsealed. */
    static boolean unsealedBefore(Handle handle, String snapshot) {
        return handle.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM audit_event
                                        WHERE hash IS NULL
                                          AND pg_visible_in_snapshot(inserted_xid, CAST(:snapshot AS pg_snapshot)))""")
                .bind("snapshot", snapshot)
                .mapTo(Boolean.class)
                .one();
    }

    static Tail unsealed(Handle handle) {
        return handle.createQuery("SELECT count(*), min(occurred_at) FROM audit_event WHERE hash IS NULL")
                .map((rs, ctx) -> new Tail(rs.getLong(1), rs.getObject(2, OffsetDateTime.class)))
                .one();
    }

    static Optional<StoredHash> hashAt(Handle handle, long sequence) {
        return handle.createQuery("SELECT hash, legacy_hash FROM audit_event WHERE sequence = :sequence")
                .bind("sequence", sequence)
                .map((rs, ctx) -> new StoredHash(rs.getString(1), rs.getString(2)))
                .findOne();
    }

    private static final String CHECKPOINT_COLUMNS = "sequence, hash, signed_at, key_id, signature";

    static Optional<Checkpoint> lastCheckpoint(Handle handle) {
        return handle.createQuery("SELECT " + CHECKPOINT_COLUMNS
                        + " FROM audit_checkpoint ORDER BY sequence DESC LIMIT 1")
                .map((rs, ctx) -> checkpoint(rs))
                .findOne();
    }

    /** The checkpoints at or after a sequence, oldest first. */
    static List<Checkpoint> checkpointsFrom(Handle handle, long sequence) {
        return handle.createQuery("SELECT " + CHECKPOINT_COLUMNS
                        + " FROM audit_checkpoint WHERE sequence >= :sequence ORDER BY sequence")
                .bind("sequence", sequence)
                .map((rs, ctx) -> checkpoint(rs))
                .list();
    }

    /** Newest first, before the cursor's sequence; {@code limit + 1} rows to tell whether there is a next page. */
    static List<Checkpoint> checkpointPage(Handle handle, Long before, int limit) {
        Where where = new Where().and("before", before, "sequence < :before").bind("limit", limit + 1);
        return where.bindTo(handle.createQuery("SELECT " + CHECKPOINT_COLUMNS + " FROM audit_checkpoint"
                        + where.clause() + "ORDER BY sequence DESC LIMIT :limit"))
                .map((rs, ctx) -> checkpoint(rs))
                .list();
    }

    static void insertCheckpoint(Handle handle, UUID tenant, Checkpoint checkpoint) {
        handle.createUpdate("""
                        INSERT INTO audit_checkpoint (tenant_id, sequence, hash, signed_at, key_id, signature)
                        VALUES (:tenant, :sequence, :hash, :signedAt, :keyId, :signature)""")
                .bind("tenant", tenant)
                .bind("sequence", checkpoint.sequence())
                .bind("hash", checkpoint.hash())
                .bind("signedAt", checkpoint.signedAt())
                .bind("keyId", checkpoint.keyId())
                .bind("signature", checkpoint.signature())
                .execute();
    }

    private static Checkpoint checkpoint(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Checkpoint(rs.getLong("sequence"), rs.getString("hash"),
                rs.getObject("signed_at", OffsetDateTime.class), rs.getString("key_id"), rs.getString("signature"));
    }
}
