package nl.regiopool.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The link of one audit event: {@code hash = SHA-256(previousHash + canonicalJson(event))}, hex.
 * Under hash version 2 ({@link #of}) the canonical JSON holds the event's metadata and the digest of its payload
 * ({@link #payloadDigest}), so the payload can be erased while the chain still verifies. Under hash version 1
 * ({@link #legacy}, events sealed before erasable payloads) it held every stored field including the payload.
 */
public final class ChainHash {

    public static final String GENESIS = "0".repeat(64);

    public static final int VERSION = 2;

    private static final HexFormat HEX = HexFormat.of();

    /** A text buffer and a digest per thread, found with one lookup per hash. */
    private static final ThreadLocal<Hashing> HASHING = ThreadLocal.withInitial(Hashing::new);

    private ChainHash() {
    }

    public static String of(String previousHash, UUID tenantId, UUID id, long sequence, Instant occurredAt,
                            String actorSubject, List<String> actorRoles, String action, String entityType,
                            UUID entityId, String payloadDigest, String requestId) {
        Hashing hashing = HASHING.get();
        Utf8Text text = hashing.text.clear().append(previousHash);
        // Canonical.json of the metadata with hashVersion and payloadDigest, written out in its sorted key order:
        // the verifier hashes every event of a chain this way, and building a JSON tree first cost most of it.
        text.append("{\"action\":");
        quotedOrNull(action, text);
        text.append(",\"actorRoles\":[");
        for (int i = 0; i < actorRoles.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            quotedOrNull(actorRoles.get(i), text);
        }
        text.append("],\"actorSubject\":");
        quotedOrNull(actorSubject, text);
        text.append(",\"entityId\":").quoted(entityId).append(",\"entityType\":");
        quotedOrNull(entityType, text);
        text.append(",\"hashVersion\":").append(VERSION).append(",\"id\":").quoted(id)
                .append(",\"occurredAt\":").quoted(occurredAt).append(",\"payloadDigest\":");
        quotedOrNull(payloadDigest, text);
        text.append(",\"requestId\":");
        quotedOrNull(requestId, text);
        text.append(",\"sequence\":").append(sequence).append(",\"tenantId\":").quoted(tenantId).append('}');
        return hashing.hexDigest();
    }

    private static void quotedOrNull(String value, Utf8Text out) {
        if (value == null) {
            out.append("null");
        } else {
            out.quoted(value);
        }
    }

    /** The digest of an event's payload: SHA-256 of the canonical JSON {@code {"after": .., "before": ..}}. */
    public static String payloadDigest(JsonNode before, JsonNode after) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.set("before", before);
        payload.set("after", after);
        return sha256(Canonical.json(payload));
    }

    /**
     * {@link #payloadDigest} of a payload as stored: the JSON texts of before and after (null for SQL NULL), read
     * as the server's mapper reads them.
     */
    static String storedPayloadDigest(byte[] before, byte[] after) {
        Hashing hashing = HASHING.get();
        Utf8Text text = hashing.text.clear().append("{\"after\":");
        Canonical.write(after, text);
        text.append(",\"before\":");
        Canonical.write(before, text);
        text.append('}');
        return hashing.hexDigest();
    }

    /** Hash version 1: the payload itself in the hashed JSON. */
    public static String legacy(String previousHash, UUID tenantId, UUID id, long sequence, Instant occurredAt,
                                String actorSubject, List<String> actorRoles, String action, String entityType,
                                UUID entityId, JsonNode before, JsonNode after, String requestId) {
        ObjectNode event = metadata(tenantId, id, sequence, occurredAt, actorSubject, actorRoles, action, entityType,
                entityId, requestId);
        event.set("before", before);
        event.set("after", after);
        return sha256(previousHash + Canonical.json(event));
    }

    private static ObjectNode metadata(UUID tenantId, UUID id, long sequence, Instant occurredAt, String actorSubject,
                                       List<String> actorRoles, String action, String entityType, UUID entityId,
                                       String requestId) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("tenantId", tenantId.toString());
        event.put("id", id.toString());
        event.put("sequence", sequence);
        event.put("occurredAt", occurredAt.toString());
        event.put("actorSubject", actorSubject);
        actorRoles.forEach(event.putArray("actorRoles")::add);
        event.put("action", action);
        event.put("entityType", entityType);
        event.put("entityId", entityId.toString());
        event.put("requestId", requestId);
        return event;
    }

    static String sha256(String text) {
        return HEX.formatHex(HASHING.get().sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Looking the algorithm up for every hash took about 5% of a verify. */
    private static final class Hashing {
        private final Utf8Text text = new Utf8Text();
        private final MessageDigest sha256;

        Hashing() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }

        /** SHA-256 of the text, hex. */
        String hexDigest() {
            sha256.update(text.bytes(), 0, text.size());
            return HEX.formatHex(sha256.digest());
        }
    }
}
