package nl.regiopool.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.regiopool.client.model.Problem;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.Http;
import nl.regiopool.testing.Problems;
import nl.regiopool.testing.SpecConformance;
import org.junit.jupiter.api.Test;

/** The contract and the docs page over HTTP, without a token (the page itself runs in DocsPageIT's browser). */
class ApiDocsTest extends ApiTest {

    private static final String NOT_A_TOKEN = "not-a-token";

    @Test
    void theYamlIsThePublishedContractByteForByte() throws Exception {
        HttpResponse<String> yaml = Http.get("/openapi.yaml", null);
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("Content-Type")).hasValue("application/yaml; charset=utf-8");
        assertThat(yaml.body()).isEqualTo(Files.readString(SpecConformance.SPEC));
    }

    @Test
    void theJsonIsTheSameDocument() throws Exception {
        HttpResponse<String> json = Http.get("/openapi.json", null);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode published = new ObjectMapper(new YAMLFactory()).readTree(SpecConformance.SPEC.toFile());
        assertThat(new ObjectMapper().readTree(json.body())).isEqualTo(published);
    }

    @Test
    void theRootRedirectsToTheDocsPage() {
        HttpResponse<String> root = Http.get("/", null);
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/docs"));
    }

    @Test
    void thePageAndEveryFileItLoadsAreServedWithoutAToken() {
        HttpResponse<String> page = Http.get("/docs", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).startsWith("default-src 'self';").doesNotContain("script-src", "http"));
        assertThat(page.headers().firstValue("X-Request-Id")).isPresent();
        Matcher references = Pattern.compile("(?:src|href|data-spec-url)=\"([^\"]+)\"").matcher(page.body());
        List<String> loaded = references.results().map(match -> match.group(1)).toList();
        assertThat(loaded).contains("/openapi.yaml", "/docs/swagger-ui-bundle.js", "/docs/docs.js", "/docs/swagger-ui.css");
        for (String path : loaded) {
            HttpResponse<String> file = Http.get(path, NOT_A_TOKEN);
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            assertThat(file.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(file.body()).as(path).isNotEmpty();
        }
    }

    @Test
    void anUnchangedFileIsNotSentAgain() {
        HttpResponse<String> first = Http.get("/docs/swagger-ui-bundle.js", null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = Http.send("GET", "/docs/swagger-ui-bundle.js", null, null, null, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void headOptionsAndOtherMethodsAreAnsweredLikeTheApis() {
        HttpResponse<String> head = Http.send("HEAD", "/openapi.yaml", null, null, null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        HttpResponse<String> options = Http.send("OPTIONS", "/docs", null, null, null);
        assertThat(options.statusCode()).isEqualTo(204);
        assertThat(options.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS");
        HttpResponse<String> post = Http.send("POST", "/openapi.yaml", null, "application/json", "{}");
        problem(post, 405, "METHOD_NOT_ALLOWED");
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS");
        problem(Http.send("TRACE", "/docs", null, null, null), 405, "METHOD_NOT_ALLOWED");
        problem(Http.get("/docs/swagger-initializer.js", null), 404, "NOT_FOUND");
        problem(Http.get("/docs/../openapi.yaml/x", null), 404, "NOT_FOUND");
    }

    private static void problem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        Problem problem = Problems.parse(response.body());
        assertThat(problem.getCode()).isEqualTo(code);
        assertThat(problem.getRequestId()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }
}
