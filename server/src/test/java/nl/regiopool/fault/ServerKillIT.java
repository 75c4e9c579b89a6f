package nl.regiopool.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.regiopool.auth.AuthConfig;
import nl.regiopool.auth.TokenIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server process is killed with SIGKILL in the middle of a load of creates and started again on the
 * same data. Every create that was answered 201 is there, and retrying each unanswered one with its
 * Idempotency-Key completes it exactly once: one member per key, nothing half-written. The events the killed
 * server committed but never sealed are sealed after the restart: none lost, chain intact.
 */
class ServerKillIT {

    private static final String SECRET = "kill-test-secret-that-is-long-enough-0123456789";
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final HttpClient CLIENT = ServerProcess.CLIENT;

    private final ServerProcess server = new ServerProcess("kill");

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void killedMidLoadTheServerLosesNoAcknowledgedCreateAndRetriesCompleteOnce() throws Exception {
        Path config = server.home.resolve("config.yml");
        // the first run never seals in the background: the kill finds every acknowledged event committed, unsealed
        Files.writeString(config, config(false));
        Process firstRun = server.start(config);
        TokenIssuer tokens = new TokenIssuer(auth());
        HttpResponse<String> cooperative = post("/v1/cooperatives", tokens.issue("op", List.of("operator"), null, null),
                "{\"name\":\"Kill\",\"slug\":\"kill\"}", UUID.randomUUID().toString());
        Matcher tenantId = ID.matcher(cooperative.body());
        assertThat(tenantId.find()).as(cooperative.body()).isTrue();
        UUID tenant = UUID.fromString(tenantId.group(1));
        String admin = tokens.issue("kill-admin", List.of("coop_admin"), tenant, null);

        Map<String, String> bodies = new ConcurrentHashMap<>();
        Map<String, UUID> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger kvk = new AtomicInteger(30_000_000);
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            load.submit(() -> {
                while (running.get()) {
                    String key = UUID.randomUUID().toString();
                    String body = member(kvk.incrementAndGet());
                    bodies.put(key, body);
                    try {
                        HttpResponse<String> response = post("/v1/members", admin, body, key);
                        if (response.statusCode() == 201) {
                            acknowledged.put(key, id(response));
                        }
                    } catch (IOException unanswered) {
                        // the server died under this request; it is retried below
                    }
                }
                return null;
            });
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acknowledged.size() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        firstRun.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        running.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged).as("creates before the kill").hasSizeGreaterThanOrEqualTo(20);

        assertThat(count("SELECT count(*) FROM audit_event WHERE tenant_id = ? AND hash IS NULL", tenant))
                .as("the acknowledged creates' events, committed and left unsealed by the kill").isPositive();
        server.killDatabase();
        Files.writeString(config, config(true));
        server.start(config);
        for (Map.Entry<String, String> request : bodies.entrySet()) {
            HttpResponse<String> retried = post("/v1/members", admin, request.getValue(), request.getKey());
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
            UUID id = id(retried);
            if (acknowledged.containsKey(request.getKey())) {
                assertThat(id).as("a retry returns the first answer").isEqualTo(acknowledged.get(request.getKey()));
            }
            acknowledged.put(request.getKey(), id);
        }

        assertThat(membersOf(tenant)).as("exactly one member per idempotency key")
                .isEqualTo(bodies.size()).isEqualTo(acknowledged.values().stream().distinct().count());
        HttpResponse<String> verify = CLIENT.send(HttpRequest.newBuilder(uri("/v1/audit-events/verify"))
                .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(verify.body()).contains("\"intact\":true").contains("\"unsealedEvents\":0");
        long events = count("SELECT count(*) FROM audit_event WHERE tenant_id = ?", tenant);
        assertThat(verify.body()).as("every event sealed into the chain, none lost")
                .contains("\"checkedEvents\":" + events).contains("\"headSequence\":" + events);
        assertThat(events).as("the cooperative's event and one per member").isEqualTo(1 + bodies.size());
    }

    private String config(boolean sealInBackground) {
        return """
                server:
                  applicationConnectors: [{type: http, port: %d}]
                  adminConnectors: [{type: http, port: %d}]
                database:
                  embeddedDataDirectory: %s
                  embeddedPort: %d
                auth:
                  issuer: regiopool-test
                  audience: regiopool-api
                  algorithm: HS256
                  hmacSecret: %s
                http:
                  requestsPerSecond: 100000
                  burst: 100000
                audit:
                  sealInBackground: %s
                logging:
                  level: WARN
                """.formatted(server.appPort, server.adminPort, server.home.resolve("data/postgres"), server.databasePort,
                SECRET, sealInBackground);
    }

    private long membersOf(UUID tenant) throws Exception {
        return count("SELECT count(*) FROM member WHERE tenant_id = ?", tenant);
    }

    private long count(String sql, UUID tenant) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:" + server.databasePort + "/regiopool",
                "postgres", "postgres");
             PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, tenant);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private HttpResponse<String> post(String path, String token, String body, String key)
            throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return server.uri(path);
    }

    private static UUID id(HttpResponse<String> response) {
        Matcher id = ID.matcher(response.body());
        assertThat(id.find()).as(response.body()).isTrue();
        return UUID.fromString(id.group(1));
    }

    private static String member(int kvk) {
        return "{\"name\":\"Praktijk\",\"kvkNumber\":\"" + kvk + "\",\"sector\":\"GP_PRACTICE\",\"postcode\":\"7001 AB\","
                + "\"iban\":\"NL91ABNA0417164300\"}";
    }

    private static AuthConfig auth() {
        AuthConfig auth = new AuthConfig();
        auth.setIssuer("regiopool-test");
        auth.setAudience("regiopool-api");
        auth.setHmacSecret(SECRET);
        return auth;
    }
}
