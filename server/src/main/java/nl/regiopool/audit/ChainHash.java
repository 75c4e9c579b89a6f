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
 * The canonical JSON holds every stored field of the event except the two hashes.
 */
public final class ChainHash {

    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    public static String of(String previousHash, UUID tenantId, UUID id, long sequence, Instant occurredAt,
                            String actorSubject, List<String> actorRoles, String action, String entityType,
                            UUID entityId, JsonNode before, JsonNode after, String requestId) {
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
        event.set("before", before);
        event.set("after", after);
        event.put("requestId", requestId);
        return sha256(previousHash + Canonical.json(event));
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
