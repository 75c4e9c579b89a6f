package nl.regiopool.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.audit.Canonical;
import nl.regiopool.problem.ProblemException;
import org.jdbi.v3.core.Handle;

/**
 * Stripe-style idempotency keys, stored in the write's own transaction. The first request with a
 * key inserts a claim row; a concurrent one with the same key waits on that row's unique index and
 * then reads the stored response. Same key with another body: 422.
 */
public final class Idempotency {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final List<String> STORED_HEADERS = List.of("ETag", "Location");

    private final ObjectMapper mapper;

    public Idempotency(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String requestHash(String operation, Object body) {
        String canonical = operation + "\n" + Canonical.json(mapper.valueToTree(body));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims the key, or returns the response stored for it. */
    public Optional<Response> claimOrReplay(Handle handle, UUID scope, String subject, String key, String requestHash) {
        int claimed = handle.createUpdate("""
                        INSERT INTO idempotency_key (tenant_id, caller_subject, key, request_hash)
                        VALUES (:scope, :subject, :key, :hash) ON CONFLICT DO NOTHING""")
                .bind("scope", scope).bind("subject", subject).bind("key", key).bind("hash", requestHash)
                .execute();
        if (claimed == 1) {
            return Optional.empty();
        }
        Stored stored = handle.createQuery("""
                        SELECT request_hash, response_status, response_body::text AS body, response_headers::text AS headers
                        FROM idempotency_key WHERE tenant_id = :scope AND caller_subject = :subject AND key = :key""")
                .bind("scope", scope).bind("subject", subject).bind("key", key)
                .map((rs, ctx) -> new Stored(rs.getString("request_hash"), (Integer) rs.getObject("response_status"),
                        rs.getString("body"), rs.getString("headers")))
                .one();
        if (!stored.requestHash().equals(requestHash)) {
            throw new ProblemException(422, "IDEMPOTENCY_KEY_REUSED", "Idempotency key reused",
                    "This Idempotency-Key was used before with a different request; use a new key.");
        }
        return Optional.of(replay(stored));
    }

    public void store(Handle handle, UUID scope, String subject, String key, Response response) {
        ObjectNode headers = mapper.createObjectNode();
        for (String name : STORED_HEADERS) {
            Object value = response.getHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value instanceof jakarta.ws.rs.core.EntityTag tag ? tag.toString() : value.toString());
            }
        }
        String body;
        try {
            body = mapper.writeValueAsString(response.getEntity());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        handle.createUpdate("""
                        UPDATE idempotency_key SET response_status = :status, response_body = CAST(:body AS jsonb),
                            response_headers = CAST(:headers AS jsonb)
                        WHERE tenant_id = :scope AND caller_subject = :subject AND key = :key""")
                .bind("status", response.getStatus()).bind("body", body).bind("headers", headers.toString())
                .bind("scope", scope).bind("subject", subject).bind("key", key)
                .execute();
    }

    private Response replay(Stored stored) {
        try {
            JsonNode body = mapper.readTree(stored.body());
            Response.ResponseBuilder builder = Response.status(stored.status()).entity(body)
                    .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                    .header(REPLAYED_HEADER, "true");
            mapper.readTree(stored.headers()).fields()
                    .forEachRemaining(header -> builder.header(header.getKey(), header.getValue().asText()));
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Stored(String requestHash, Integer status, String body, String headers) {
    }
}
