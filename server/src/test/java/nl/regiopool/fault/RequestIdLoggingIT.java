package nl.regiopool.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nl.regiopool.auth.AuthConfig;
import nl.regiopool.auth.TokenIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped config.yml, run as the README runs it (only its ports moved): a sent X-Request-Id appears in the
 * request log line of its request, and in the application's error line when the request fails.
 */
class RequestIdLoggingIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Path SHIPPED_CONFIG = Path.of("..", "config.yml").toAbsolutePath().normalize();

    private final Path home = temporaryDirectory();
    private final int appPort = freePort();
    private final int adminPort = freePort();
    private final int databasePort = freePort();
    private Process server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
        Path pidFile = home.resolve("data/postgres/postmaster.pid");
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void theRequestIdIsInTheRequestLogAndInErrorLines() throws Exception {
        server = start();
        String token = new TokenIssuer(devAuth()).issue("log-test", List.of("operator"), null, null);

        HttpResponse<String> me = get("/v1/me", token, "log-test-ok-1");
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        HttpResponse<String> generated = get("/v1/me", token, null);
        String generatedId = generated.headers().firstValue("X-Request-Id").orElseThrow();

        stopDatabase();
        HttpResponse<String> failed = get("/v1/cooperatives", token, "log-test-failed-2");
        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(503);

        List<String> lines = awaitLog(log -> log.split("log-test-failed-2", -1).length > 2);
        assertThat(lines).as("request log line of the first request")
                .anyMatch(line -> line.contains("GET /v1/me") && line.contains("log-test-ok-1"));
        assertThat(lines).as("request log line of a request without an id")
                .anyMatch(line -> line.contains("GET /v1/me") && line.contains(generatedId));
        assertThat(lines).as("request log line of the failed request")
                .anyMatch(line -> line.contains("GET /v1/cooperatives") && line.contains(" 503 ")
                        && line.contains("log-test-failed-2"));
        assertThat(lines).as("the application's error line")
                .anyMatch(line -> line.contains("Database unavailable") && line.contains("[log-test-failed-2]"));
    }

    private List<String> awaitLog(java.util.function.Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String log = "";
        while (System.nanoTime() < deadline) {
            log = Files.readString(home.resolve("server.log"), StandardCharsets.UTF_8);
            if (done.test(log)) {
                break;
            }
            Thread.sleep(100);
        }
        return log.lines().toList();
    }

    private void stopDatabase() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(home.resolve("data/postgres/postmaster.pid")).get(0).trim());
        ProcessHandle.of(pid).ifPresent(postgres -> {
            postgres.destroyForcibly();
            postgres.onExit().join();
        });
    }

    private AuthConfig devAuth() throws IOException {
        AuthConfig auth = new AuthConfig();
        auth.setIssuer("regiopool-dev");
        auth.setAudience("regiopool-api");
        auth.setHmacSecret(Files.readString(home.resolve("data/dev-hmac-secret"), StandardCharsets.US_ASCII).trim());
        return auth;
    }

    private HttpResponse<String> get(String path, String token, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + appPort + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Process start() throws Exception {
        Path jar = Path.of("target", "regiopool-server.jar").toAbsolutePath();
        assertThat(jar).as("the shaded jar (failsafe runs after package)").exists();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Ddw.server.applicationConnectors[0].port=" + appPort,
                "-Ddw.server.adminConnectors[0].port=" + adminPort,
                "-Ddw.database.embeddedPort=" + databasePort,
                "-jar", jar.toString(), "server", SHIPPED_CONFIG.toString())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("server.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + adminPort + "/healthcheck")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // still starting
            }
            assertThat(process.isAlive()).as("server log: %s", Files.readString(home.resolve("server.log"))).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("The server did not become healthy: " + Files.readString(home.resolve("server.log")));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("regiopool-log-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
