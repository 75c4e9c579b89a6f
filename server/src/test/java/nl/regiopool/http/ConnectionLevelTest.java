package nl.regiopool.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import nl.regiopool.client.model.Problem;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.Problems;
import nl.regiopool.testing.RawHttp;
import nl.regiopool.testing.SpecOperations;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What happens below the operations, over a plain socket: every method on every path of the spec, bodies that
 * arrive after their headers on a kept-alive connection, and requests Jetty refuses before the application sees
 * them. Whatever the answer, it is never a 5xx, it carries an X-Request-Id, an error is problem+json, a 405 says
 * {@code Allow}, and a connection is either kept usable or closed with {@code Connection: close}.
 */
class ConnectionLevelTest extends ApiTest {

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE", "QUERY", "PROPFIND");
    private static UUID tenant;
    private static String admin;

    @BeforeAll
    static void cooperative() throws Exception {
        tenant = newCooperative();
        admin = TestApp.adminToken(tenant);
    }

    private static void isProblem(RawHttp.Reply reply, String what) {
        assertThat(reply.status()).as(what + " → " + reply.body()).isBetween(400, 499);
        assertThat(reply.header("Content-Type")).as(what).isEqualTo("application/problem+json");
        assertThat(reply.body()).as(what).doesNotContain("<html", "Exception", "\tat ");
        Problem problem = Problems.parse(reply.body());
        assertThat(problem.getCode()).as(what).isNotBlank();
        assertThat(problem.getRequestId()).as(what).isNotBlank().isEqualTo(reply.header("X-Request-Id"));
    }

    static Stream<Object[]> everyMethodOnEveryPath() {
        List<String> paths = new ArrayList<>();
        SpecOperations.document().get("paths").fieldNames().forEachRemaining(paths::add);
        return paths.stream().flatMap(path -> METHODS.stream().map(method -> new Object[] {method, path}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyMethodOnEveryPath")
    void everyMethodOnEveryPathIsAnsweredProperly(String method, String pathTemplate) throws Exception {
        String path = pathTemplate.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        boolean body = List.of("POST", "PUT", "PATCH", "QUERY").contains(method);
        Map<String, Long> before = allRowCounts();
        try (RawHttp connection = new RawHttp()) {
            connection.send(RawHttp.head(method, path, body ? 2 : null, "Authorization: Bearer " + admin,
                    "Content-Type: application/json") + (body ? "{}" : ""));
            RawHttp.Reply reply = connection.read(method.equals("HEAD"));
            String what = method + " " + path;
            assertThat(reply.status()).as(what + " → " + reply.body()).isLessThan(500);
            assertThat(reply.header("X-Request-Id")).as(what).isNotBlank();
            if (method.equals("OPTIONS")) {
                assertThat(reply.status()).as(what).isEqualTo(204);
                assertThat(reply.header("Allow")).as(what).contains("OPTIONS");
            } else if (method.equals("HEAD")) {
                assertThat(reply.body()).as(what).isEmpty();
            } else if (reply.status() >= 400) {
                isProblem(reply, what);
            }
            if (reply.status() == 405) {
                assertThat(reply.header("Allow")).as(what).isNotBlank().doesNotContain(method);
            }
        }
        assertThat(allRowCounts()).isEqualTo(before);
    }

    @Test
    void optionsAnswersWithoutATokenOnlyForKnownPaths() throws Exception {
        try (RawHttp connection = new RawHttp()) {
            RawHttp.Reply members = connection.send(RawHttp.head("OPTIONS", "/v1/members", null,
                    "Origin: https://example.org", "Access-Control-Request-Method: POST")).read();
            assertThat(members.status()).isEqualTo(204);
            assertThat(members.header("Allow")).isEqualTo("GET, HEAD, OPTIONS, POST");
            assertThat(members.header("Access-Control-Allow-Origin")).as("no CORS, deliberately").isNull();
            RawHttp.Reply nowhere = connection.send(RawHttp.head("OPTIONS", "/v1/nothing-here", null)).read();
            assertThat(nowhere.status()).isEqualTo(404);
            isProblem(nowhere, "OPTIONS /v1/nothing-here");
        }
    }

    /** Early answers (before the body arrived) and ordinary ones, for every operation that takes a body. */
    static Stream<Object[]> delayedBodies() {
        List<Object[]> cases = new ArrayList<>();
        for (SpecOperations.Operation operation : SpecOperations.all()) {
            if (operation.hasBody()) {
                cases.add(new Object[] {operation.method(), operation.samplePath(), "{}"});
                cases.add(new Object[] {operation.method(), operation.samplePath() + "?limit=", "{}"});
            }
        }
        cases.add(new Object[] {"OPTIONS", "/v1/members", "{\"name\":\"x\"}"});
        cases.add(new Object[] {"TRACE", "/v1/members", "{\"name\":\"x\"}"});
        cases.add(new Object[] {"DELETE", "/v1/members", "{\"name\":\"x\"}"});
        cases.add(new Object[] {"PUT", "/v1/workers/" + UUID.randomUUID() + "/home-shifts?from=yesterday",
                "{\"shifts\":[]}"});
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("delayedBodies")
    void aBodySentAfterADelayLeavesTheConnectionUsable(String method, String target, String body) throws Exception {
        try (RawHttp connection = new RawHttp()) {
            connection.send(RawHttp.head(method, target, body.length(), "Authorization: Bearer " + admin,
                    "Content-Type: application/json", "If-Match: \"1\""));
            Thread.sleep(150);
            connection.send(body);
            RawHttp.Reply first = connection.read();
            assertThat(first.status()).as(first.body()).isLessThan(500);
            if (first.closes()) {
                return;
            }
            RawHttp.Reply next = connection.send(RawHttp.head("GET", "/v1/me", null, "Authorization: Bearer " + admin))
                    .read();
            assertThat(next.status()).as("the next request on the kept-alive connection").isEqualTo(200);
        }
    }

    static Stream<Object[]> refusedByTheContainer() {
        String longQuery = "/v1/members?q=" + "x".repeat(100_000);
        return Stream.of(
                new Object[] {"suspicious path character", RawHttp.head("GET", "/v1/members/%0B", null)},
                new Object[] {"control character in a path segment", RawHttp.head("GET", "/v1/pools/%14x", null)},
                new Object[] {"NUL in the path", RawHttp.head("GET", "/v1/members/%00", null)},
                new Object[] {"a 100 KB URL", RawHttp.head("GET", longQuery, null)},
                new Object[] {"a 40 KB header", RawHttp.head("GET", "/v1/members", null, "X-Padding: " + "x".repeat(40_000))},
                new Object[] {"a 64 KiB token", RawHttp.head("GET", "/v1/members", null,
                        "Authorization: Bearer " + "x".repeat(64 * 1024))},
                new Object[] {"NUL in a header", RawHttp.head("GET", "/v1/members", null, "X-Note: a\0b")},
                new Object[] {"not HTTP at all", "HELLO\r\n\r\n"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedByTheContainer")
    void containerLevelErrorsAreProblemsWithARequestId(String what, String request) throws Exception {
        try (RawHttp connection = new RawHttp()) {
            RawHttp.Reply reply = connection.send(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).read();
            isProblem(reply, what);
        }
    }
}
