package nl.regiopool.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import nl.regiopool.client.model.Event;
import org.junit.jupiter.api.Test;

class WebhooksTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String BODY = "{\"id\":\"01a22a1e-1d44-7542-ab64-d0b79a8c659f\",\"type\":\"placement.created\","
            + "\"occurredAt\":\"2021-02-26T15:02:10Z\",\"data\":{\"id\":\"x\"}}";
    private static final Clock THEN = Clock.fixed(Instant.ofEpochSecond(1614265330L), ZoneOffset.UTC);

    private static Map<String, List<String>> headers(String id, String timestamp, String signature) {
        return Map.of("Webhook-Id", List.of(id), "webhook-timestamp", List.of(timestamp),
                "webhook-signature", List.of(signature));
    }

    @Test
    void acceptsTheStandardWebhooksReferenceSignature() throws Exception {
        String body = "{\"test\": 2432232314}";
        assertThat(Webhooks.verify(SECRET, headers("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="), body, THEN)).isNotNull();
        assertThatThrownBy(() -> Webhooks.verify(SECRET, headers("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="), body + " ", THEN))
                .hasMessageContaining("no signature matches");
    }

    @Test
    void readsTheEventOfAValidRequestAndAcceptsAnyOfTwoSignatures() throws Exception {
        String signature = "v1," + sign(SECRET, "msg_1", "1614265330", BODY);
        String other = "v1," + sign("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]), "msg_1",
                "1614265330", BODY);
        Event event = Webhooks.verify(SECRET, headers("msg_1", "1614265330", other + " " + signature), BODY, THEN);
        assertThat(event.getType()).isEqualTo("placement.created");
        assertThat(event.getData()).containsEntry("id", "x");
    }

    @Test
    void refusesStaleTimestampsMissingHeadersAndOtherSecrets() {
        String signature = "v1," + sign(SECRET, "msg_1", "1614265330", BODY);
        Clock later = Clock.offset(THEN, java.time.Duration.ofMinutes(6));
        assertThatThrownBy(() -> Webhooks.verify(SECRET, headers("msg_1", "1614265330", signature), BODY, later))
                .hasMessageContaining("minutes off");
        assertThatThrownBy(() -> Webhooks.verify(SECRET, Map.of("webhook-id", List.of("msg_1")), BODY, THEN))
                .hasMessageContaining("missing");
        String otherSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]);
        assertThatThrownBy(() -> Webhooks.verify(otherSecret, headers("msg_1", "1614265330", signature), BODY, THEN))
                .isInstanceOf(Webhooks.VerificationException.class);
    }

    private static String sign(String secret, String id, String timestamp, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(java.util.Base64.getDecoder().decode(secret.substring(6)),
                    "HmacSHA256"));
            return java.util.Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
