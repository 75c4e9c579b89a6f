package nl.regiopool.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The project's own style rules for openapi.yaml (the generator's validate goal checks OpenAPI
 * itself). Each rule lists every offender so one build shows all of them.
 */
class SpecLintTest {

    private static final Set<String> ROLES = Set.of("operator", "coop_admin", "member", "auditor", "worker");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static JsonNode spec;

    record Op(String method, String path, JsonNode node) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    @BeforeAll
    static void read() throws Exception {
        spec = new ObjectMapper(new YAMLFactory()).readTree(new File("openapi.yaml"));
    }

    private static List<Op> operations() {
        List<Op> operations = new ArrayList<>();
        spec.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (METHODS.contains(method.getKey())) {
                operations.add(new Op(method.getKey(), path.getKey(), method.getValue()));
            }
        }));
        return operations;
    }

    private static void none(String rule, List<?> offenders) {
        assertTrue(offenders.isEmpty(), rule + ": " + offenders);
    }

    @Test
    void isOpenApi30() {
        assertTrue(spec.get("openapi").asText().startsWith("3.0."));
    }

    @Test
    void everyPathIsVersioned() {
        List<String> offenders = new ArrayList<>();
        spec.get("paths").fieldNames().forEachRemaining(path -> {
            if (!path.startsWith("/v1/")) {
                offenders.add(path);
            }
        });
        none("paths start with /v1/", offenders);
    }

    @Test
    void operationsHaveUniqueIdsTagsAndKnownRoles() {
        Set<String> ids = new HashSet<>();
        none("operationId, one tag and x-roles from " + ROLES, operations().stream().filter(op ->
                !op.node().has("operationId") || !ids.add(op.node().get("operationId").asText())
                        || op.node().path("tags").size() != 1
                        || op.node().path("x-roles").isEmpty()
                        || !allKnownRoles(op.node().get("x-roles"))).toList());
    }

    private static boolean allKnownRoles(JsonNode roles) {
        for (JsonNode role : roles) {
            if (!ROLES.contains(role.asText())) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyOperationIsSecuredAndDocuments401AndAProblemDefault() {
        assertEquals("bearerAuth", spec.get("security").get(0).fieldNames().next());
        none("no per-operation security override, 401 and default responses", operations().stream().filter(op ->
                op.node().has("security") || !op.node().path("responses").has("401")
                        || !op.node().path("responses").has("default")).toList());
    }

    @Test
    void everyOperationDocumentsItsLimits() {
        none("429 TooManyRequests and 503 ServiceUnavailable on every operation, 413 PayloadTooLarge with a body",
                operations().stream().filter(op -> !refersTo(op, "429", "TooManyRequests")
                        || !refersTo(op, "503", "ServiceUnavailable")
                        || (op.node().has("requestBody") && !refersTo(op, "413", "PayloadTooLarge"))).toList());
        for (String name : List.of("TooManyRequests", "ServiceUnavailable")) {
            assertEquals("#/components/headers/Retry-After",
                    spec.at("/components/responses/" + name + "/headers/Retry-After/$ref").asText(), name + " has Retry-After");
        }
    }

    private static boolean refersTo(Op op, String status, String response) {
        return op.node().path("responses").path(status).path("$ref").asText().equals("#/components/responses/" + response);
    }

    @Test
    void errorResponsesAreProblems() {
        List<String> offenders = new ArrayList<>();
        Set<String> errorResponses = new HashSet<>();
        for (Op op : operations()) {
            op.node().path("responses").fields().forEachRemaining(response -> {
                boolean error = response.getKey().startsWith("4") || response.getKey().startsWith("5")
                        || response.getKey().equals("default");
                String ref = response.getValue().path("$ref").asText();
                if (error && !ref.startsWith("#/components/responses/")) {
                    offenders.add(op + " " + response.getKey());
                } else if (error) {
                    errorResponses.add(ref.substring(ref.lastIndexOf('/') + 1));
                }
            });
        }
        for (String name : errorResponses) {
            JsonNode content = spec.at("/components/responses/" + name).path("content");
            if (!content.has("application/problem+json")
                    || !content.at("/application~1problem+json/schema/$ref").asText().equals("#/components/schemas/Problem")) {
                offenders.add("components.responses." + name);
            }
        }
        none("error responses are application/problem+json Problems", offenders);
    }

    @Test
    void writesCarryIdempotencyKeysAndIfMatch() {
        none("POST takes Idempotency-Key", operations().stream().filter(op -> op.method().equals("post")
                && !hasParameter(op, "#/components/parameters/IdempotencyKey")).toList());
        none("PATCH/PUT/DELETE take If-Match", operations().stream()
                .filter(op -> Set.of("patch", "put", "delete").contains(op.method())
                        && !hasParameter(op, "#/components/parameters/IfMatch")).toList());
    }

    private static boolean hasParameter(Op op, String ref) {
        for (JsonNode parameter : op.node().path("parameters")) {
            if (parameter.path("$ref").asText().equals(ref)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void listsUseTheEnvelopeAndCursorParameters() {
        List<String> offenders = new ArrayList<>();
        spec.at("/components/schemas").fields().forEachRemaining(schema -> {
            if (schema.getKey().endsWith("List")) {
                JsonNode properties = schema.getValue().path("properties");
                if (!properties.path("data").path("type").asText().equals("array")
                        || !properties.path("nextCursor").path("nullable").asBoolean()) {
                    offenders.add(schema.getKey());
                }
            }
        });
        for (Op op : operations()) {
            String ref = op.node().at("/responses/200/content/application~1json/schema/$ref").asText();
            if (ref.endsWith("List") && !(hasParameter(op, "#/components/parameters/Limit")
                    && hasParameter(op, "#/components/parameters/Cursor"))) {
                offenders.add(op.toString());
            }
        }
        none("lists: {data, nextCursor} with limit and cursor", offenders);
    }

    @Test
    void requestBodiesRejectUnknownFields() {
        List<String> offenders = new ArrayList<>();
        for (Op op : operations()) {
            String ref = op.node().at("/requestBody/content/application~1json/schema/$ref").asText();
            if (!ref.isEmpty()) {
                JsonNode schema = spec.at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1));
                if (!schema.path("additionalProperties").isBoolean() || schema.path("additionalProperties").asBoolean()) {
                    offenders.add(op + " " + ref);
                }
            }
        }
        none("request schemas say additionalProperties: false", offenders);
    }

    @Test
    void noPersonalDataBeyondWhatLendingNeeds() {
        String text = spec.toString().toLowerCase();
        for (String forbidden : List.of("\"bsn\"", "dateofbirth", "birthdate", "\"birthday\"")) {
            assertTrue(!text.contains(forbidden), "the spec must not carry " + forbidden);
        }
    }
}
