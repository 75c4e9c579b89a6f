package nl.regiopool.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Every operation in openapi.yaml, so suites cover new endpoints without being told. */
public final class SpecOperations {

    private static final String BOUNDARY = "regiopool-test-boundary";
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static JsonNode document;

    public record Operation(String method, String pathTemplate, String operationId, List<String> roles,
                            boolean hasBody) {

        /** The operation's node in openapi.yaml. */
        public JsonNode definition() {
            return document().get("paths").get(pathTemplate).get(method.toLowerCase());
        }

        /** The path with every {parameter} replaced by a fresh random id. */
        public String samplePath() {
            return pathTemplate.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        }

        /** Whether the request body is multipart/form-data (an upload) rather than JSON. */
        public boolean isMultipart() {
            return hasBody && definition().path("requestBody").path("content").has("multipart/form-data");
        }

        /** The Content-Type of {@link #sampleBody()}, or null for an operation without a body. */
        public String sampleContentType() {
            return !hasBody ? null : isMultipart() ? "multipart/form-data; boundary=" + BOUNDARY : "application/json";
        }

        /** A well-formed body of the operation's media type with no valid content: {} or a multipart with one part. */
        public String sampleBody() {
            return !hasBody ? null : isMultipart()
                    ? "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nCV\r\n--" + BOUNDARY + "--\r\n"
                    : "{}";
        }

        @Override
        public String toString() {
            return operationId + " " + method + " " + pathTemplate;
        }
    }

    private SpecOperations() {
    }

    /** openapi.yaml as a tree, read once. */
    public static synchronized JsonNode document() {
        if (document == null) {
            try {
                document = new ObjectMapper(new YAMLFactory()).readTree(SpecConformance.SPEC.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return document;
    }

    /** The node a {@code $ref} points to, or the node itself when it is no reference. */
    public static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = document().at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    public static List<Operation> all() {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document().get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                JsonNode operation = method.getValue();
                List<String> roles = new ArrayList<>();
                operation.path("x-roles").forEach(role -> roles.add(role.asText()));
                operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(),
                        operation.get("operationId").asText(), roles, operation.has("requestBody")));
            }
        }
        return operations;
    }
}
