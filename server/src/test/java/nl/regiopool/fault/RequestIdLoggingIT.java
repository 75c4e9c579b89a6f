package nl.regiopool.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import nl.regiopool.auth.AuthConfig;
import nl.regiopool.auth.TokenIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped config.yml, run as the README runs it (only its ports moved): a sent X-Request-Id appears in the
 * request log line of its request, and in the application's error line when the request fails.
 */
class RequestIdLoggingIT {

    private static final Path SHIPPED_CONFIG = Path.of("..", "config.yml").toAbsolutePath().normalize();

    private final ServerProcess server = new ServerProcess("log");

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void theRequestIdIsInTheRequestLogAndInErrorLines() throws Exception {
        server.start(SHIPPED_CONFIG, "-Ddw.server.applicationConnectors[0].port=" + server.appPort,
                "-Ddw.server.adminConnectors[0].port=" + server.adminPort,
                "-Ddw.database.embeddedPort=" + server.databasePort);
        String token = new TokenIssuer(devAuth()).issue("log-test", List.of("operator"), null, null);

        HttpResponse<String> me = get("/v1/me", token, "log-test-ok-1");
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        HttpResponse<String> generated = get("/v1/me", token, null);
        String generatedId = generated.headers().firstValue("X-Request-Id").orElseThrow();

        server.killDatabase();
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
            log = server.log();
            if (done.test(log)) {
                break;
            }
            Thread.sleep(100);
        }
        return log.lines().toList();
    }


    private AuthConfig devAuth() throws IOException {
        AuthConfig auth = new AuthConfig();
        auth.setIssuer("regiopool-dev");
        auth.setAudience("regiopool-api");
        auth.setHmacSecret(Files.readString(server.home.resolve("data/dev-hmac-secret"), StandardCharsets.US_ASCII).trim());
        return auth;
    }

    private HttpResponse<String> get(String path, String token, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return ServerProcess.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
