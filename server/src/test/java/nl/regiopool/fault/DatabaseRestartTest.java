package nl.regiopool.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.RegiopoolConfiguration;
import nl.regiopool.auth.TokenIssuer;
import nl.regiopool.db.EmbeddedDatabase;
import nl.regiopool.testing.Directories;
import nl.regiopool.testing.Problems;
import nl.regiopool.testing.SpecCheckedApplication;
import nl.regiopool.testing.SpecConformance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database goes away while creates are running, and comes back. The health check reports the outage,
 * requests during it are answered 503 problem+json (never a hang, never another 5xx), the service recovers
 * without a restart, every create that got a 201 is in the database, and the audit chain verifies.
 * Runs on an app and embedded PostgreSQL of its own.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DatabaseRestartTest {

    private static final Path DATA = Directories.scratch("regiopool-fault-");
    private static final DropwizardAppExtension<RegiopoolConfiguration> APP = new DropwizardAppExtension<>(
            SpecCheckedApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("database.embeddedDataDirectory", DATA.resolve("postgres").toString()),
            ConfigOverride.config("database.maxWaitForConnection", "1s"));
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    @Test
    void anOutageIsAnswered503AndEveryAcknowledgedCreateSurvivesIt() throws Exception {
        TokenIssuer tokens = new TokenIssuer(APP.getConfiguration().getAuth());
        HttpResponse<String> cooperative = post("/v1/cooperatives", tokens.issue("op", List.of("operator"), null, null),
                "{\"name\":\"Storing\",\"slug\":\"storing\"}");
        Matcher tenantId = ID.matcher(cooperative.body());
        assertThat(tenantId.find()).as(cooperative.body()).isTrue();
        UUID tenant = UUID.fromString(tenantId.group(1));
        String admin = tokens.issue("fault-admin", List.of("coop_admin"), tenant, null);

        Map<UUID, Boolean> acknowledged = new ConcurrentHashMap<>();
        Set<Integer> statuses = ConcurrentHashMap.newKeySet();
        AtomicInteger refusedDuringOutage = new AtomicInteger();
        AtomicBoolean outage = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger kvk = new AtomicInteger(20_000_000);
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            load.submit(() -> {
                while (running.get()) {
                    String body = "{\"name\":\"Praktijk\",\"kvkNumber\":\"" + kvk.incrementAndGet()
                            + "\",\"sector\":\"GP_PRACTICE\",\"postcode\":\"7001 AB\",\"iban\":\"NL91ABNA0417164300\"}";
                    HttpResponse<String> response = post("/v1/members", admin, body);
                    statuses.add(response.statusCode());
                    if (response.statusCode() == 201) {
                        Matcher id = ID.matcher(response.body());
                        id.find();
                        acknowledged.put(UUID.fromString(id.group(1)), true);
                    } else if (response.statusCode() == 503 && outage.get()) {
                        assertThat(Problems.parse(response.body()).getCode()).isEqualTo("SERVICE_UNAVAILABLE");
                        refusedDuringOutage.incrementAndGet();
                    }
                }
                return null;
            });
        }

        EmbeddedDatabase database = ((RegiopoolApplication) APP.getApplication()).embeddedDatabase().orElseThrow();
        waitUntil(() -> acknowledged.size() >= 10);
        int beforeOutage = acknowledged.size();
        outage.set(true);
        database.stop();
        waitUntil(() -> refusedDuringOutage.get() >= 5);
        assertThat(health()).as("the health check reports the outage").isNotEqualTo(200);
        int atRestart = acknowledged.size();
        database.restart();
        outage.set(false);
        waitUntil(() -> acknowledged.size() >= atRestart + 10);
        int afterRecovery = acknowledged.size();
        running.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(beforeOutage).as("creates before the outage").isPositive();
        assertThat(refusedDuringOutage.get()).as("503s during the outage").isPositive();
        assertThat(afterRecovery).as("creates after recovery, without restarting the service").isGreaterThan(atRestart);
        assertThat(statuses).as("no answer but 201 or 503").isSubsetOf(201, 503);
        assertThat(health()).isEqualTo(200);
        assertThat(membersInDatabase(tenant)).containsAll(acknowledged.keySet());
        HttpResponse<String> verify = get("/v1/audit-events/verify", admin);
        assertThat(verify.body()).contains("\"intact\":true");
        assertThat(SpecConformance.drainMismatches()).as("responses that do not match openapi.yaml").isEmpty();
    }

    /** Polls for up to 60 s, so a slow machine waits longer instead of failing. */
    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static Set<UUID> membersInDatabase(UUID tenant) throws Exception {
        String url = ((RegiopoolApplication) APP.getApplication()).databaseUrl();
        Set<UUID> ids = new HashSet<>();
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
             PreparedStatement query = db.prepareStatement("SELECT id FROM member WHERE tenant_id = ?")) {
            query.setObject(1, tenant);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    private static int health() throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getAdminPort() + "/healthcheck"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getLocalPort() + path))
                .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getLocalPort() + path))
                .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
