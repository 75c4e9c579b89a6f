package nl.regiopool.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import nl.regiopool.client.model.FieldError;
import nl.regiopool.client.model.Problem;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.Http;
import nl.regiopool.testing.MalformedInputs;
import nl.regiopool.testing.Problems;
import nl.regiopool.testing.SpecOperations;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever goes wrong, the answer is problem+json with a stable code, and nothing is written. */
class HttpErrorsTest extends ApiTest {

    private static UUID tenant;
    private static String admin;
    private static UUID member;
    private static UUID worker;

    @BeforeAll
    static void cooperative() throws Exception {
        tenant = newCooperative();
        admin = TestApp.adminToken(tenant);
        member = newMember(tenant, "Praktijk De Linde").getId();
        worker = new nl.regiopool.client.api.WorkersApi(TestApp.client(admin))
                .createWorker(workerCreate(member, "Sanne", "de Vries"), null).getId();
    }

    /** A token of the role that may call the operation, with the claims the role needs. */
    private static String tokenFor(String role) {
        return switch (role) {
            case "operator" -> TestApp.operatorToken();
            case "member" -> TestApp.memberToken(tenant, member);
            case "worker" -> TestApp.workerToken(tenant, worker);
            default -> TestApp.token(role, tenant, null);
        };
    }

    private static Problem problem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).doesNotContain("<html", "Exception", "\tat ");
        Problem problem = Problems.parse(response.body());
        assertThat(problem.getCode()).isEqualTo(code);
        assertThat(problem.getRequestId()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        return problem;
    }

    @Test
    void unknownRouteWrongMethodAndMediaTypes() {
        problem(Http.get("/v1/nothing-here", admin), 404, "NOT_FOUND");
        problem(Http.get("/nothing-here", null), 404, "NOT_FOUND");
        HttpResponse<String> delete = Http.send("DELETE", "/v1/members", admin, null, null);
        problem(delete, 405, "METHOD_NOT_ALLOWED");
        assertThat(delete.headers().firstValue("Allow")).isPresent();
        problem(Http.send("POST", "/v1/members", admin, "text/plain", "name=x"), 415, "UNSUPPORTED_MEDIA_TYPE");
        problem(Http.send("GET", "/v1/members", admin, null, null, "Accept", "text/html"), 406, "NOT_ACCEPTABLE");
        problem(Http.get("/v1/members/not-a-uuid", admin), 404, "NOT_FOUND");
    }

    @Test
    void badJsonIsNamed() {
        problem(Http.send("POST", "/v1/members", admin, "application/json", "{\"name\":"), 400, "MALFORMED_JSON");
        problem(Http.send("POST", "/v1/members", admin, "application/json", "{\"name\":\"x\",\"kvkNumber\":\"12345678\",\"sector\":\"OTHER\",\"postcode\":\"1234 AB\","
                + "\"iban\":\"NL91ABNA0417164300\"} trailing"), 400, "MALFORMED_JSON");

        Problem unknown = problem(Http.send("POST", "/v1/members", admin, "application/json",
                "{\"name\":\"x\",\"kvkNumber\":\"12345678\",\"sector\":\"OTHER\",\"postcode\":\"1234 AB\","
                + "\"iban\":\"NL91ABNA0417164300\",\"bsn\":\"123456782\"}"), 422, "VALIDATION_FAILED");
        assertThat(unknown.getErrors()).extracting(FieldError::getField, FieldError::getCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bsn", "UNKNOWN_FIELD"));

        Problem wrongType = problem(Http.send("POST", "/v1/members", admin, "application/json",
                "{\"name\":[1],\"kvkNumber\":\"12345678\",\"sector\":\"OTHER\",\"postcode\":\"1234 AB\",\"iban\":\"x\"}"),
                422, "VALIDATION_FAILED");
        // every invalid field at once: the wrong type and the too-short iban beside it
        assertThat(wrongType.getErrors()).extracting(FieldError::getField, FieldError::getCode).containsExactly(
                org.assertj.core.groups.Tuple.tuple("iban", "INVALID_LENGTH"),
                org.assertj.core.groups.Tuple.tuple("name", "INVALID_TYPE"));

        Problem numberForString = problem(Http.send("POST", "/v1/members", admin, "application/json",
                "{\"name\":\"x\",\"kvkNumber\":12345678,\"sector\":\"OTHER\",\"postcode\":\"1234 AB\",\"iban\":\"x\"}"),
                422, "VALIDATION_FAILED");
        assertThat(numberForString.getErrors()).extracting(FieldError::getField).containsExactly("iban", "kvkNumber");

        Problem badEnum = problem(Http.send("POST", "/v1/members", admin, "application/json",
                "{\"name\":\"x\",\"kvkNumber\":\"12345678\",\"sector\":\"BAKERY\",\"postcode\":\"1234 AB\",\"iban\":\"x\"}"),
                422, "VALIDATION_FAILED");
        assertThat(badEnum.getErrors()).extracting(FieldError::getField).containsExactly("iban", "sector");

        Problem missing = problem(Http.send("POST", "/v1/members", admin, "application/json", "{}"), 422,
                "VALIDATION_FAILED");
        assertThat(missing.getErrors()).extracting(FieldError::getCode).containsOnly("REQUIRED");

        problem(Http.send("POST", "/v1/members", admin, "application/json", ""), 422, "VALIDATION_FAILED");

        long members = rowCount("member");
        Problem duplicate = problem(Http.send("POST", "/v1/members", admin, "application/json",
                "{\"name\":\"Praktijk A\",\"kvkNumber\":\"" + nextKvk() + "\",\"sector\":\"OTHER\",\"postcode\":\"1234 AB\","
                + "\"iban\":\"NL91ABNA0417164300\",\"name\":\"Praktijk B\"}"), 400, "MALFORMED_JSON");
        assertThat(duplicate.getDetail()).contains("Duplicate field 'name'");
        assertThat(rowCount("member")).isEqualTo(members);
        // first in the body, the duplicate is met while binding creator properties and arrives wrapped
        problem(Http.send("POST", "/v1/members", admin, "application/json", "{\"name\":\"A\",\"name\":\"B\"}"),
                400, "MALFORMED_JSON");
        long workers = rowCount("worker");
        problem(Http.send("POST", "/v1/workers", admin, "application/json", "{\"givenName\":\"Sanne\",\"familyName\":\"Vries\","
                + "\"employerMemberId\":\"" + UUID.randomUUID() + "\",\"qualifications\":[{\"role\":\"DOKTERSASSISTENT\","
                + "\"role\":\"POH_GGZ\"}],\"contractHoursPerWeek\":24,\"contractType\":\"INDEFINITE\","
                + "\"hourlyCostCents\":3150,\"postcode\":\"7001 AB\"}"), 400, "MALFORMED_JSON");
        assertThat(rowCount("worker")).isEqualTo(workers);
    }

    @Test
    void badQueryParametersAreFieldErrors() {
        Problem status = problem(Http.get("/v1/members?status=GONE", admin), 422, "VALIDATION_FAILED");
        assertThat(status.getErrors()).extracting(FieldError::getField).containsExactly("query.status");
        Problem limit = problem(Http.get("/v1/members?limit=abc", admin), 422, "VALIDATION_FAILED");
        assertThat(limit.getErrors()).extracting(FieldError::getField).containsExactly("query.limit");
        Problem from = problem(Http.get("/v1/audit-events?from=yesterday", admin), 422, "VALIDATION_FAILED");
        assertThat(from.getErrors()).extracting(FieldError::getField).containsExactly("query.from");
    }

    @Test
    void requestIdIsEchoedOrGenerated() {
        HttpResponse<String> echoed = Http.send("GET", "/v1/me", admin, null, null, "X-Request-Id", "abc-123");
        assertThat(echoed.headers().firstValue("X-Request-Id")).hasValue("abc-123");
        HttpResponse<String> generated = Http.get("/v1/me", admin);
        assertThat(generated.headers().firstValue("X-Request-Id").orElseThrow()).hasSize(36);
        HttpResponse<String> insane = Http.send("GET", "/v1/me", admin, null, null, "X-Request-Id", "<script>");
        assertThat(insane.headers().firstValue("X-Request-Id").orElseThrow()).hasSize(36);
    }

    static Stream<Object[]> malformedBodiesForEveryWrite() {
        List<String> bodies = List.of("{", "[]", "\"text\"", "42", "null", "{\"unknownField\":true}",
                "{\"name\":{\"deep\":{\"deeper\":[[[[[]]]]]}}}", "{\"name\":\"" + "x".repeat(100_000) + "\"}");
        return SpecOperations.all().stream().filter(SpecOperations.Operation::hasBody)
                .flatMap(operation -> bodies.stream().map(body -> new Object[] {operation, body}));
    }

    @ParameterizedTest(name = "{0} with body #{index}")
    @MethodSource("malformedBodiesForEveryWrite")
    void malformedBodiesWriteNothing(SpecOperations.Operation operation, String body) {
        String token = tokenFor(operation.roles().get(0));
        long members = rowCount("member");
        long cooperatives = rowCount("cooperative");
        long events = rowCount("audit_event");

        HttpResponse<String> response = Http.send(operation.method(), operation.samplePath(), token,
                "application/json", body, "If-Match", "\"1\"");

        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(rowCount("member")).isEqualTo(members);
        assertThat(rowCount("cooperative")).isEqualTo(cooperatives);
        assertThat(rowCount("audit_event")).isEqualTo(events);
    }

    static Stream<Object[]> malformedVariantsOfEveryOperation() {
        return SpecOperations.all().stream()
                .flatMap(operation -> MalformedInputs.of(operation).stream().map(variant -> new Object[] {operation, variant}));
    }

    @Test
    void everyOperationWithABodyOrParametersGetsMalformedVariants() {
        List<String> uncovered = SpecOperations.all().stream()
                .filter(operation -> operation.hasBody() || operation.definition().path("parameters").size()
                        > operation.pathTemplate().chars().filter(c -> c == '{').count())
                .filter(operation -> MalformedInputs.of(operation).isEmpty())
                .map(SpecOperations.Operation::toString).toList();
        assertThat(uncovered).as("operations MalformedInputs generates nothing for").isEmpty();
        List<String> bodiesWithoutSchema = SpecOperations.all().stream().filter(SpecOperations.Operation::hasBody)
                .filter(operation -> !operation.isMultipart())
                .filter(operation -> !SpecOperations.resolve(operation.definition()
                        .at("/requestBody/content/application~1json/schema")).path("type").asText().equals("object"))
                .map(SpecOperations.Operation::toString).toList();
        assertThat(bodiesWithoutSchema).as("request bodies that are not a JSON object schema").isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformedVariantsOfEveryOperation")
    void generatedMalformedInputIsRefusedWithoutWriting(SpecOperations.Operation operation,
                                                          MalformedInputs.Variant variant) {
        String token = tokenFor(operation.roles().get(0));
        Map<String, Long> before = allRowCounts();
        List<String> headers = new ArrayList<>(List.of("If-Match", "\"1\""));
        variant.headers().forEach((name, value) -> {
            if (name.equals("If-Match")) {
                headers.removeAll(List.of("If-Match", "\"1\""));
            }
            headers.addAll(List.of(name, value));
        });

        HttpResponse<String> response = Http.sendBytes(operation.method(), operation.samplePath() + variant.query(), token,
                variant.contentType(), variant.body() == null ? new byte[0] : variant.body(), false,
                headers.toArray(String[]::new));

        assertThat(response.statusCode()).as(variant + " → " + response.body()).isIn(variant.statuses());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        if (variant.code() != null) {
            assertThat(Problems.parse(response.body()).getCode()).isEqualTo(variant.code());
        }
        assertThat(allRowCounts()).isEqualTo(before);
    }

    static Stream<Object[]> oversizedBodiesForEveryWrite() {
        return SpecOperations.all().stream().filter(SpecOperations.Operation::hasBody)
                .flatMap(operation -> Stream.of(new Object[] {operation, "with Content-Length"},
                        new Object[] {operation, "chunked"}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("oversizedBodiesForEveryWrite")
    void bodiesOverTheConfiguredLimitAre413(SpecOperations.Operation operation, String framing) {
        String token = tokenFor(operation.roles().get(0));
        long limit = operation.isMultipart() ? TestApp.APP.getConfiguration().getHttp().getMaxUploadRequestBytes()
                : TestApp.APP.getConfiguration().getHttp().getMaxRequestBytes();
        // leading whitespace is valid JSON (and a multipart preamble) that any reader must get through first
        byte[] body = (" ".repeat((int) limit * 2) + operation.sampleBody()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Map<String, Long> before = allRowCounts();

        HttpResponse<String> response = Http.sendBytes(operation.method(), operation.samplePath(), token,
                operation.sampleContentType(), body, framing.equals("chunked"), "If-Match", "\"1\"");

        problem(response, 413, "PAYLOAD_TOO_LARGE");
        assertThat(allRowCounts()).isEqualTo(before);
    }
}
