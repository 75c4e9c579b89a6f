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

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    public record Operation(String method, String pathTemplate, String operationId, List<String> roles,
                            boolean hasBody) {

        /** The path with every {parameter} replaced by a fresh random id. */
        public String samplePath() {
            return pathTemplate.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        }

        @Override
        public String toString() {
            return operationId + " " + method + " " + pathTemplate;
        }
    }

    private SpecOperations() {
    }

    public static List<Operation> all() {
        try {
            JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(SpecConformance.SPEC.toFile());
            List<Operation> operations = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields();
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
