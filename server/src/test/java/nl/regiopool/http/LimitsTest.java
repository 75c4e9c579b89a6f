package nl.regiopool.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.RegiopoolConfiguration;
import nl.regiopool.auth.TokenIssuer;
import nl.regiopool.problem.DatabaseErrors;
import nl.regiopool.testing.Directories;
import nl.regiopool.testing.Problems;
import nl.regiopool.testing.SpecCheckedApplication;
import nl.regiopool.testing.SpecConformance;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Limits that need an app of their own (the shared one is configured generously): a small rate
 * limit, a one-connection pool with a short wait, and a one-second statement timeout, on a fresh
 * embedded PostgreSQL.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LimitsTest {

    private static final Path DATA = Directories.scratch("regiopool-limits-");
    private static final DropwizardAppExtension<RegiopoolConfiguration> APP = new DropwizardAppExtension<>(
            SpecCheckedApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("database.embeddedDataDirectory", DATA.resolve("postgres").toString()),
            ConfigOverride.config("database.maxConnections", "1"),
            ConfigOverride.config("database.maxWaitForConnection", "1s"),
            ConfigOverride.config("database.statementTimeout", "1s"),
            ConfigOverride.config("http.requestsPerSecond", "1"),
            ConfigOverride.config("http.burst", "3"));
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @AfterEach
    void responsesMatchTheSpec() {
        assertThat(SpecConformance.drainMismatches()).as("responses that do not match openapi.yaml").isEmpty();
    }

    @Test
    void aTokenOverItsRateIsAnswered429WithRetryAfterWhileOtherTokensGoOn() throws Exception {
        String eager = adminToken("eager-client");
        for (int i = 0; i < 3; i++) {
            assertThat(get("/v1/me", eager).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = get("/v1/me", eager);

        assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Problems.parse(limited.body()).getCode()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
        assertThat(get("/v1/me", adminToken("calm-client")).statusCode()).isEqualTo(200);
    }

    @Test
    void whenThePoolHasNoFreeConnectionARequestIsAnswered503Promptly() throws Exception {
        String admin = adminToken("pool-test");
        try (Handle onlyConnection = jdbi().open()) {
            onlyConnection.begin();
            long started = System.nanoTime();
            HttpResponse<String> response = get("/v1/members", admin);
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(Problems.parse(response.body()).getCode()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
            onlyConnection.rollback();
        }
        assertThat(get("/v1/members", adminToken("pool-test-after")).statusCode()).isEqualTo(200);
    }

    @Test
    void theApplicationsStatementsAreCancelledAfterTheStatementTimeoutAndThatIsA503() {
        try (Handle handle = jdbi().open()) {
            assertThat(handle.createQuery("SHOW statement_timeout").mapTo(String.class).one()).isEqualTo("1s");
            long started = System.nanoTime();
            Throwable cancelled = catchThrowable(() -> handle.createQuery("SELECT pg_sleep(10)").mapTo(String.class).one());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(DatabaseErrors.sqlCause(cancelled).getSQLState()).isEqualTo(DatabaseErrors.QUERY_CANCELED);
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            Response answer = new ProblemMappers.OfAnything().toResponse(cancelled);
            assertThat(answer.getStatus()).isEqualTo(503);
            assertThat(answer.getHeaderString("Retry-After")).isNotBlank();
            assertThat(((nl.regiopool.api.model.Problem) answer.getEntity()).getCode()).isEqualTo("SERVICE_UNAVAILABLE");
        }
    }

    private static Jdbi jdbi() {
        return ((RegiopoolApplication) APP.getApplication()).jdbi();
    }

    private static String adminToken(String subject) {
        return new TokenIssuer(APP.getConfiguration().getAuth())
                .issue(subject + "-" + UUID.randomUUID(), List.of("coop_admin"), UUID.randomUUID(), null);
    }

    private static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getLocalPort() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
