package nl.regiopool.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.regiopool.RegiopoolConfiguration;
import nl.regiopool.testing.Directories;
import nl.regiopool.testing.SpecCheckedApplication;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The request log as JSON (json-log-config.yml, as README "Operating it" configures it): one line per request with
 * its request id, cooperative, operationId, status and latency, and neither the token nor anything of the body.
 * An app of its own on the shared test database.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class JsonRequestLogTest {

    private static final Path LOG = Directories.scratch("regiopool-json-log-").resolve("requests.log");
    private static final DropwizardAppExtension<RegiopoolConfiguration> APP = new DropwizardAppExtension<>(
            SpecCheckedApplication.class, ResourceHelpers.resourceFilePath("json-log-config.yml"),
            // read now, not when the overrides are applied: started then, the shared app would take this app's
            // overrides (they are system properties) as its own
            ConfigOverride.config("database.url", TestApp.jdbcUrl()),
            ConfigOverride.config("server.requestLog.appenders[0].currentLogFilename", LOG.toString()));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachRequestIsOneJsonLineWithItsIdsStatusAndLatencyAndNoTokenOrBody() throws Exception {
        String operator = TestApp.operatorToken();
        String slug = "json-log-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> cooperative = send("POST", "/v1/cooperatives", operator, "json-log-1",
                "{\"name\": \"Zorgpool " + slug + "\", \"slug\": \"" + slug + "\", \"region\": \"Achterhoek\"}");
        assertThat(cooperative.statusCode()).as(cooperative.body()).isEqualTo(201);
        String tenant = JSON.readTree(cooperative.body()).path("id").asText();
        String admin = TestApp.adminToken(UUID.fromString(tenant));
        HttpResponse<String> member = send("POST", "/v1/members", admin, "json-log-2",
                "{\"name\": \"Praktijk Geheimnaam\", \"kvkNumber\": \"" + (20_000_000 + (int) (Math.random() * 1_000_000))
                        + "\", \"sector\": \"GP_PRACTICE\", \"postcode\": \"7001 AB\", \"iban\": \"NL91ABNA0417164300\"}");
        assertThat(member.statusCode()).as(member.body()).isEqualTo(201);
        assertThat(send("GET", "/v1/members?limit=5", admin, "json-log-3", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/v1/members", null, "json-log-4", null).statusCode()).isEqualTo(401);

        List<JsonNode> lines = awaitLines(4);

        JsonNode created = line(lines, "json-log-2");
        assertThat(created.path("method").asText()).isEqualTo("POST");
        assertThat(created.path("uri").asText()).isEqualTo("/v1/members");
        assertThat(created.path("status").asInt()).isEqualTo(201);
        assertThat(created.path("latencyMs").isNumber()).isTrue();
        assertThat(created.path("requestAttributes").path("operationId").asText()).isEqualTo("createMember");
        assertThat(created.path("requestAttributes").path("tenant").asText()).isEqualTo(tenant);
        JsonNode listed = line(lines, "json-log-3");
        assertThat(listed.path("status").asInt()).isEqualTo(200);
        assertThat(listed.path("requestAttributes").path("operationId").asText()).isEqualTo("listMembers");
        assertThat(listed.path("uri").asText()).as("the path, not the query").isEqualTo("/v1/members");
        JsonNode refused = line(lines, "json-log-4");
        assertThat(refused.path("status").asInt()).isEqualTo(401);
        assertThat(refused.path("requestAttributes").path("operationId").asText()).isEqualTo("listMembers");

        String log = Files.readString(LOG);
        assertThat(log).doesNotContain(operator).doesNotContain(admin).doesNotContainIgnoringCase("authorization")
                .doesNotContainIgnoringCase("bearer").doesNotContain("Geheimnaam").doesNotContain("NL91ABNA0417164300")
                .doesNotContain(slug).doesNotContain("limit=5");
    }

    private static JsonNode line(List<JsonNode> lines, String requestId) {
        List<JsonNode> found = lines.stream()
                .filter(line -> requestId.equals(line.path("requestAttributes").path("requestId").asText())).toList();
        assertThat(found).as("lines of request " + requestId + " in " + lines).hasSize(1);
        return found.get(0);
    }

    private static List<JsonNode> awaitLines(int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<JsonNode> lines = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            lines.clear();
            if (Files.exists(LOG)) {
                for (String line : Files.readAllLines(LOG)) {
                    lines.add(JSON.readTree(line));
                }
            }
            if (lines.size() >= expected) {
                break;
            }
            Thread.sleep(100);
        }
        return lines;
    }

    private static HttpResponse<String> send(String method, String path, String token, String requestId, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getLocalPort() + path))
                .header("X-Request-Id", requestId)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
