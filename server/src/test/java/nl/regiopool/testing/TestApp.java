package nl.regiopool.testing;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import nl.regiopool.RegiopoolConfiguration;
import nl.regiopool.auth.TokenIssuer;
import nl.regiopool.client.ApiClient;

/**
 * One running application for the whole test JVM: the real Dropwizard app on a real embedded
 * PostgreSQL (fresh data folder), reached over HTTP through the generated SDK.
 */
public final class TestApp {

    public static final DropwizardAppExtension<RegiopoolConfiguration> APP;
    /** The geocoder the app asks, never the real PDOK. */
    public static final GeocoderStub GEOCODER = new GeocoderStub();
    private static final Path DATA;

    static {
        try {
            DATA = Files.createTempDirectory("regiopool-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        APP = new DropwizardAppExtension<>(SpecCheckedApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"),
                ConfigOverride.config("database.embeddedDataDirectory", DATA.resolve("postgres").toString()),
                ConfigOverride.config("geocoder.enabled", "true"),
                ConfigOverride.config("geocoder.url", GEOCODER.url()));
        try {
            APP.before();
        } catch (Exception e) {
            throw new IllegalStateException("The test application did not start", e);
        }
        Directories.deleteAtExit(DATA, APP::after);
    }

    private TestApp() {
    }

    public static String baseUri() {
        return "http://localhost:" + APP.getLocalPort();
    }

    public static TokenIssuer tokens() {
        return new TokenIssuer(APP.getConfiguration().getAuth());
    }

    public static String token(String role, UUID tenant, UUID member) {
        return tokens().issue("test-" + role + "-" + UUID.randomUUID(), List.of(role), tenant, member);
    }

    public static String operatorToken() {
        return token("operator", null, null);
    }

    public static String adminToken(UUID tenant) {
        return token("coop_admin", tenant, null);
    }

    public static String auditorToken(UUID tenant) {
        return token("auditor", tenant, null);
    }

    public static String memberToken(UUID tenant, UUID member) {
        return token("member", tenant, member);
    }

    public static String workerToken(UUID tenant, UUID worker) {
        return tokens().issue("test-worker-" + UUID.randomUUID(), List.of("worker"), tenant, null, worker);
    }

    public static String expiredToken(UUID tenant) {
        return tokens().issue("test-expired", List.of("coop_admin"), tenant, null, Duration.ofMinutes(-10));
    }

    /** An SDK client that sends the given bearer token (null: none). */
    public static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri());
        client.setReadTimeout(Duration.ofSeconds(60));
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    public static String jdbcUrl() {
        return ((nl.regiopool.RegiopoolApplication) APP.getApplication()).databaseUrl();
    }

    /** A connection as the application role: no tenant bound, subject to row-level security. */
    public static Connection applicationConnection() throws SQLException {
        RegiopoolConfiguration config = APP.getConfiguration();
        return DriverManager.getConnection(jdbcUrl(), config.getDatabase().getUser(), config.getDatabase().getPassword());
    }

    /** A superuser connection, for tests that must tamper with data the application cannot. */
    public static Connection superuserConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
    }
}
