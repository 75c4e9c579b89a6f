package nl.regiopool.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import nl.regiopool.page.Where;
import org.jdbi.v3.core.Handle;

final class AuditDao {

    static final String COLUMNS = "tenant_id, id, sequence, occurred_at, actor_subject,"
            + " actor_roles::text AS actor_roles, action, entity_type, entity_id, before::text AS before,"
            + " after::text AS after, request_id, previous_hash, hash, hash_version, payload_digest,"
            + " payload_redacted_at IS NOT NULL AS redacted, legacy_hash";

    /**
     * A stored event. Its roles and payload are kept as the bytes the database sent and read when first asked for,
     * so that a verifier reading pages on one thread decodes them on the threads that hash them.
     */
    record StoredEvent(UUID tenantId, UUID id, long sequence, OffsetDateTime occurredAt, String actorSubject,
                       StoredRoles storedRoles, String action, String entityType, UUID entityId, StoredJson storedBefore,
                       StoredJson storedAfter, String requestId, String previousHash, String hash, int hashVersion,
                       String payloadDigest, boolean redacted, String legacyHash) {

        List<String> actorRoles() {
            return storedRoles.roles();
        }

        JsonNode before() {
            return storedBefore.json();
        }

        JsonNode after() {
            return storedAfter.json();
        }
    }

    /** JSON text as stored (UTF-8), parsed on first use (no text: null JSON). */
    static final class StoredJson {
        private final ObjectMapper mapper;
        private final byte[] text;
        private volatile JsonNode json;

        StoredJson(ObjectMapper mapper, byte[] text) {
            this.mapper = mapper;
            this.text = text;
        }

        /** The text as stored, UTF-8; null for SQL NULL. */
        byte[] text() {
            return text;
        }

        JsonNode json() {
            JsonNode read = json;
            if (read == null && text != null) {
                try {
                    read = mapper.readTree(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                json = read;
            }
            return read;
        }
    }

    /** A text[] in PostgreSQL's text form ({@code {a,"b c"}}), split into its elements on first use. */
    static final class StoredRoles {
        private final String text;
        private volatile List<String> roles;

        StoredRoles(String text) {
            this.text = text;
        }

        List<String> roles() {
            List<String> read = roles;
            if (read == null) {
                read = PgTextArray.elements(text);
                roles = read;
            }
            return read;
        }
    }

    record Filter(String entityType, UUID entityId, String actor, OffsetDateTime from, OffsetDateTime to) {
    }

    private final ObjectMapper mapper;

    AuditDao(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    List<StoredEvent> list(Handle handle, Filter filter, Long afterSequence, int limit) {
        Where where = new Where()
                .and("hash IS NOT NULL")
                .and("entityType", filter.entityType(), "entity_type = :entityType")
                .and("entityId", filter.entityId(), "entity_id = :entityId")
                .and("actor", filter.actor(), "actor_subject = :actor")
                .and("from", filter.from(), "occurred_at >= :from")
                .and("to", filter.to(), "occurred_at < :to")
                .and("after", afterSequence, "sequence > :after")
                .bind("limit", limit + 1);
        return where.bindTo(handle.createQuery("SELECT " + COLUMNS + " FROM audit_event" + where.clause()
                        + "ORDER BY sequence LIMIT :limit"))
                .map((rs, ctx) -> map(rs))
                .list();
    }

    /** The sealed events after {@code after} up to {@code upTo}, in sequence order; at most {@code limit}. */
    List<StoredEvent> page(Handle handle, long after, long upTo, int limit) {
        return handle.createQuery("SELECT " + COLUMNS + """
                         FROM audit_event
                        WHERE sequence > :after AND sequence <= :upTo
                        ORDER BY sequence
                        LIMIT :limit""")
                .bind("after", after)
                .bind("upTo", upTo)
                .bind("limit", limit)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    /**
     * Events with a payload digest that are about the entity or whose payload text contains one of the LIKE
     * patterns (case-insensitive); sealed or not.
     */
    List<StoredEvent> naming(Handle handle, String entityType, UUID entityId, List<String> patterns) {
        return handle.createQuery("SELECT " + COLUMNS + """
                         FROM audit_event
                        WHERE payload_digest IS NOT NULL
                          AND ((entity_type = :entityType AND entity_id = :entityId)
                               OR before::text ILIKE ANY (:patterns) OR after::text ILIKE ANY (:patterns))""")
                .bind("entityType", entityType)
                .bind("entityId", entityId)
                .bind("patterns", patterns.toArray(String[]::new))
                .map((rs, ctx) -> map(rs))
                .list();
    }

    void redact(Handle handle, UUID id, String before, String after, OffsetDateTime at) {
        handle.createUpdate("""
                        UPDATE audit_event
                           SET before = CAST(:before AS jsonb), after = CAST(:after AS jsonb), payload_redacted_at = :at
                         WHERE id = :id""")
                .bind("id", id)
                .bind("before", before)
                .bind("after", after)
                .bind("at", at)
                .execute();
    }

    /** An event from a row whose columns start with {@link #COLUMNS}, read by position in that order. */
    StoredEvent map(ResultSet rs) throws SQLException {
        return new StoredEvent(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getLong(3),
                rs.getObject(4, OffsetDateTime.class),
                rs.getString(5),
                new StoredRoles(rs.getString(6)),
                rs.getString(7),
                rs.getString(8),
                rs.getObject(9, UUID.class),
                // the text columns' bytes as sent: UTF-8, the connection's encoding
                new StoredJson(mapper, rs.getBytes(10)),
                new StoredJson(mapper, rs.getBytes(11)),
                rs.getString(12),
                rs.getString(13),
                rs.getString(14),
                rs.getInt(15),
                rs.getString(16),
                rs.getBoolean(17),
                rs.getString(18));
    }
}
