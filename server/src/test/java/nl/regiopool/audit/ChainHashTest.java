package nl.regiopool.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChainHashTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void canonicalJsonSortsKeysAndNormalisesNumbers() throws Exception {
        JsonNode a = mapper.readTree("{\"b\": 1.50, \"a\": {\"y\": [1, 2.0], \"x\": null}, \"c\": \"é\\\"\"}");
        JsonNode b = mapper.readTree("{\"c\":\"é\\\"\",\"a\":{\"x\":null,\"y\":[1,2]},\"b\":1.5}");
        assertThat(Canonical.json(a)).isEqualTo(Canonical.json(b)).isEqualTo("{\"a\":{\"x\":null,\"y\":[1,2]},\"b\":1.5,\"c\":\"é\\\"\"}");
    }

    @Test
    void theVersion1HashCoversEveryFieldAndThePreviousHash() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        UUID entity = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-25T10:15:30.123456Z");
        JsonNode after = mapper.readTree("{\"name\":\"Praktijk\"}");
        String hash = ChainHash.legacy(ChainHash.GENESIS, tenant, id, 1, at, "alice", List.of("coop_admin"), "member.created",
                "member", entity, null, after, "req-1");

        assertThat(hash).hasSize(64).matches("[0-9a-f]+");
        assertThat(ChainHash.legacy(ChainHash.GENESIS, tenant, id, 1, at, "alice", List.of("coop_admin"), "member.created",
                "member", entity, null, mapper.readTree("{\"name\":\"Praktijk\"}"), "req-1")).isEqualTo(hash);
        assertThat(List.of(
                ChainHash.legacy("1".repeat(64), tenant, id, 1, at, "alice", List.of("coop_admin"), "member.created", "member", entity, null, after, "req-1"),
                ChainHash.legacy(ChainHash.GENESIS, tenant, id, 2, at, "alice", List.of("coop_admin"), "member.created", "member", entity, null, after, "req-1"),
                ChainHash.legacy(ChainHash.GENESIS, tenant, id, 1, at.plusNanos(1000), "alice", List.of("coop_admin"), "member.created", "member", entity, null, after, "req-1"),
                ChainHash.legacy(ChainHash.GENESIS, tenant, id, 1, at, "bob", List.of("coop_admin"), "member.created", "member", entity, null, after, "req-1"),
                ChainHash.legacy(ChainHash.GENESIS, tenant, id, 1, at, "alice", List.of("auditor"), "member.created", "member", entity, null, after, "req-1"),
                ChainHash.legacy(ChainHash.GENESIS, tenant, id, 1, at, "alice", List.of("coop_admin"), "member.updated", "member", entity, null, after, "req-1"),
                ChainHash.legacy(ChainHash.GENESIS, tenant, id, 1, at, "alice", List.of("coop_admin"), "member.created", "member", entity, after, after, "req-1"),
                ChainHash.legacy(ChainHash.GENESIS, tenant, id, 1, at, "alice", List.of("coop_admin"), "member.created", "member", entity, null, null, "req-1"),
                ChainHash.legacy(ChainHash.GENESIS, tenant, id, 1, at, "alice", List.of("coop_admin"), "member.created", "member", entity, null, after, "req-2"),
                ChainHash.legacy(ChainHash.GENESIS, UUID.randomUUID(), id, 1, at, "alice", List.of("coop_admin"), "member.created", "member", entity, null, after, "req-1")))
                .doesNotContain(hash)
                .doesNotHaveDuplicates();
    }

    @Test
    void theVersion2HashCoversTheMetadataAndThePayloadDigestNotThePayload() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        UUID entity = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-25T10:15:30.123456Z");
        String digest = ChainHash.payloadDigest(null, mapper.readTree("{\"name\":\"Praktijk\",\"n\":1.50}"));
        assertThat(ChainHash.payloadDigest(mapper.readTree("null"), mapper.readTree("{\"n\":1.5,\"name\":\"Praktijk\"}")))
                .isEqualTo(digest);
        assertThat(ChainHash.payloadDigest(null, mapper.readTree("{\"name\":\"[erased]\",\"n\":1.5}")))
                .isNotEqualTo(digest);
        assertThat(ChainHash.payloadDigest(mapper.readTree("{\"name\":\"Praktijk\",\"n\":1.5}"), null))
                .as("before and after are told apart").isNotEqualTo(digest);

        String hash = ChainHash.of(ChainHash.GENESIS, tenant, id, 1, at, "alice", List.of("coop_admin"), "member.created",
                "member", entity, digest, "req-1");
        assertThat(hash).hasSize(64).matches("[0-9a-f]+");
        assertThat(List.of(
                ChainHash.of("1".repeat(64), tenant, id, 1, at, "alice", List.of("coop_admin"), "member.created", "member", entity, digest, "req-1"),
                ChainHash.of(ChainHash.GENESIS, tenant, id, 2, at, "alice", List.of("coop_admin"), "member.created", "member", entity, digest, "req-1"),
                ChainHash.of(ChainHash.GENESIS, tenant, id, 1, at, "bob", List.of("coop_admin"), "member.created", "member", entity, digest, "req-1"),
                ChainHash.of(ChainHash.GENESIS, tenant, id, 1, at, "alice", List.of("coop_admin"), "member.updated", "member", entity, digest, "req-1"),
                ChainHash.of(ChainHash.GENESIS, tenant, id, 1, at, "alice", List.of("coop_admin"), "member.created", "member", entity, "1".repeat(64), "req-1"),
                ChainHash.of(ChainHash.GENESIS, tenant, id, 1, at, "alice", List.of("coop_admin"), "member.created", "member", entity, digest, "req-2"),
                ChainHash.legacy(ChainHash.GENESIS, tenant, id, 1, at, "alice", List.of("coop_admin"), "member.created", "member", entity, null,
                        mapper.readTree("{\"name\":\"Praktijk\",\"n\":1.5}"), "req-1")))
                .doesNotContain(hash)
                .doesNotHaveDuplicates();
    }

    @Test
    void theVersion2HashIsTheHashOfTheCanonicalMetadataAsTheFirstImplementationBuiltIt() {
        Random random = new Random(1130);
        for (int i = 0; i < 5_000; i++) {
            List<String> roles = new ArrayList<>();
            for (int r = random.nextInt(3); r > 0; r--) {
                roles.add(random.nextInt(10) == 0 ? null : text(random));
            }
            UUID tenant = new UUID(random.nextLong(), random.nextLong());
            UUID id = new UUID(random.nextLong(), random.nextLong());
            UUID entity = new UUID(random.nextLong(), random.nextLong());
            Instant at = instant(random);
            long sequence = 1 + random.nextInt(Integer.MAX_VALUE);
            String subject = random.nextInt(5) == 0 ? null : text(random);
            String digest = random.nextInt(5) == 0 ? null : ChainHash.sha256(text(random));
            String request = random.nextInt(5) == 0 ? null : text(random);
            String previous = ChainHash.sha256(Integer.toString(i));

            ObjectNode event = JsonNodeFactory.instance.objectNode();
            event.put("tenantId", tenant.toString());
            event.put("id", id.toString());
            event.put("sequence", sequence);
            event.put("occurredAt", at.toString());
            event.put("actorSubject", subject);
            roles.forEach(event.putArray("actorRoles")::add);
            event.put("action", "placement.created");
            event.put("entityType", "placement");
            event.put("entityId", entity.toString());
            event.put("requestId", request);
            event.put("hashVersion", ChainHash.VERSION);
            event.put("payloadDigest", digest);

            assertThat(ChainHash.of(previous, tenant, id, sequence, at, subject, roles, "placement.created", "placement",
                    entity, digest, request)).isEqualTo(ChainHash.sha256(previous + Canonical.json(event)));
        }
    }

    @Test
    void aStoredPayloadHasTheDigestOfWhatTheMapperReadsFromIt() throws Exception {
        ObjectMapper server = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        String[][] payloads = {
            {null, "{\"big\": \"" + "é".repeat(100_000) + "\"}"},
            {null, "{\"name\": \"Praktijk\", \"n\": 1.50, \"tags\": [\"a\", null, true]}"},
            {"{\"b\": {\"z\": 1, \"a\": \"é\\u2028\"}}", "{\"b\": {\"a\": 2}}"},
            {"{\"x\": 1}", null},
            {null, null},
        };
        for (String[] payload : payloads) {
            assertThat(ChainHash.storedPayloadDigest(bytes(payload[0]), bytes(payload[1])))
                    .isEqualTo(ChainHash.payloadDigest(tree(server, payload[0]), tree(server, payload[1])));
        }
    }

    @Test
    void aPreviousHashThatIsNotHexIsHashedAsItsUtf8() {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-30T21:00:00.123Z");
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("tenantId", id.toString());
        event.put("id", id.toString());
        event.put("sequence", 1L);
        event.put("occurredAt", at.toString());
        event.put("actorSubject", "é");
        event.putArray("actorRoles");
        event.put("action", "a");
        event.put("entityType", "e");
        event.put("entityId", id.toString());
        event.put("requestId", (String) null);
        event.put("hashVersion", ChainHash.VERSION);
        event.put("payloadDigest", (String) null);
        String previous = "ü".repeat(64);
        assertThat(ChainHash.of(previous, id, id, 1, at, "é", List.of(), "a", "e", id, null, null))
                .isEqualTo(ChainHash.sha256(previous + Canonical.json(event)));
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode tree(ObjectMapper mapper, String text) throws Exception {
        return text == null ? null : mapper.readTree(text);
    }

    /** Whole seconds, milli-, micro- and nanoseconds; now and then a year Instant.toString writes otherwise. */
    private static Instant instant(Random random) {
        long second = switch (random.nextInt(10)) {
            case 0 -> -62_167_219_200L + random.nextInt(3) - 1;
            case 1 -> 253_402_300_799L + random.nextInt(3) - 1;
            case 2 -> random.nextLong() % 400_000_000_000L;
            default -> 1_700_000_000L + random.nextInt(100_000_000);
        };
        long nano = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000L;
            case 2 -> random.nextInt(1_000_000) * 1_000L;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(second, nano);
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = 1 + random.nextInt(12); i > 0; i--) {
            int pick = random.nextInt(8);
            text.append(pick < 5 ? (char) ('a' + random.nextInt(26)) : pick < 7 ? (char) random.nextInt(0x80)
                    : "\"\\é\u2028".charAt(random.nextInt(4)));
        }
        return text.toString();
    }
}
