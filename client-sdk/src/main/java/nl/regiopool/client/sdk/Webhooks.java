package nl.regiopool.client.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.regiopool.client.ApiClient;
import nl.regiopool.client.model.Event;

/**
 * Checks that a webhook request came from Regiopool (Standard Webhooks 1.0) and reads its event. Pass the
 * request's headers and its body exactly as received (verify before parsing: the signature is over the bytes).
 *
 * <pre>{@code
 * Event event = Webhooks.verify(secret, request.headers(), request.body());
 * }</pre>
 */
public final class Webhooks {

    /** How far the webhook-timestamp may be from now; older requests may be replays. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** The request is not a valid Regiopool webhook; answer it with 400 and do not act on it. */
    public static final class VerificationException extends Exception {
        VerificationException(String message) {
            super(message);
        }
    }

    private Webhooks() {
    }

    public static Event verify(String secret, Map<String, List<String>> headers, String body) throws VerificationException {
        return verify(secret, headers, body, Clock.systemUTC());
    }

    public static Event verify(String secret, Map<String, List<String>> headers, String body, Clock clock)
            throws VerificationException {
        String id = header(headers, "webhook-id");
        String timestamp = header(headers, "webhook-timestamp");
        String signatures = header(headers, "webhook-signature");
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new VerificationException("webhook-timestamp is not a number");
        }
        if (Math.abs(clock.instant().getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            throw new VerificationException("webhook-timestamp is more than " + TOLERANCE.toMinutes() + " minutes off");
        }
        byte[] expected = hmac(secret, id + "." + timestamp + "." + body);
        for (String signature : signatures.split(" ")) {
            if (signature.startsWith("v1,") && MessageDigest.isEqual(expected, decode(signature.substring(3)))) {
                try {
                    return ApiClient.createDefaultObjectMapper().readValue(body, Event.class);
                } catch (JsonProcessingException e) {
                    throw new VerificationException("the body is not an event: " + e.getOriginalMessage());
                }
            }
        }
        throw new VerificationException("no signature matches the secret");
    }

    private static String header(Map<String, List<String>> headers, String name) throws VerificationException {
        return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                .flatMap(header -> header.getValue().stream()).findFirst()
                .orElseThrow(() -> new VerificationException("the " + name + " header is missing"));
    }

    private static byte[] hmac(String secret, String content) {
        if (!secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("a Regiopool webhook secret starts with whsec_");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the webhook secret is not whsec_ followed by base64", e);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
