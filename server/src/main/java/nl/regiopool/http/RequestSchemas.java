package nl.regiopool.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import nl.regiopool.auth.OperationRoles;

/**
 * What the request schemas in the packaged openapi.yaml say about each property beyond its type: whether it may
 * be {@code null}, and whether it is text that must not be blank ({@code minLength} of 1 or more). Schemas are
 * named as the generated models are, so a model's simple class name finds its schema.
 */
public final class RequestSchemas {

    private static final String SCHEMAS = "#/components/schemas/";

    private final Set<String> requestSchemas;
    private final Map<String, Set<String>> nullable;
    private final Map<String, Set<String>> nonBlank;

    private RequestSchemas(Set<String> requestSchemas, Map<String, Set<String>> nullable, Map<String, Set<String>> nonBlank) {
        this.requestSchemas = Set.copyOf(requestSchemas);
        this.nullable = Map.copyOf(nullable);
        this.nonBlank = Map.copyOf(nonBlank);
    }

    public static RequestSchemas fromPackagedSpec() {
        try (InputStream spec = RequestSchemas.class.getClassLoader().getResourceAsStream(OperationRoles.SPEC_RESOURCE)) {
            if (spec == null) {
                throw new IllegalStateException(OperationRoles.SPEC_RESOURCE + " is not on the classpath");
            }
            return parse(new ObjectMapper(new YAMLFactory()).readTree(spec));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RequestSchemas parse(JsonNode spec) {
        JsonNode schemas = spec.path("components").path("schemas");
        Set<String> reached = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        spec.path("paths").forEach(path -> path.forEach(operation -> references(operation.path("requestBody"), pending)));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (reached.add(name)) {
                references(schemas.path(name), pending);
            }
        }
        Map<String, Set<String>> nullable = new HashMap<>();
        Map<String, Set<String>> nonBlank = new HashMap<>();
        for (String name : reached) {
            schemas.path(name).path("properties").fields().forEachRemaining(property -> {
                JsonNode schema = property.getValue();
                if (schema.path("nullable").asBoolean(false)) {
                    nullable.computeIfAbsent(name, n -> new HashSet<>()).add(property.getKey());
                }
                if (schema.path("type").asText().equals("string") && schema.path("minLength").asInt(0) >= 1) {
                    nonBlank.computeIfAbsent(name, n -> new HashSet<>()).add(property.getKey());
                }
            });
        }
        return new RequestSchemas(reached, nullable, nonBlank);
    }

    private static void references(JsonNode node, Deque<String> found) {
        if (node.has("$ref") && node.get("$ref").asText().startsWith(SCHEMAS)) {
            found.push(node.get("$ref").asText().substring(SCHEMAS.length()));
        }
        node.forEach(child -> references(child, found));
    }

    /** Whether a schema of this name is (part of) some request body. */
    public boolean isRequestSchema(String schema) {
        return requestSchemas.contains(schema);
    }

    public boolean isNullable(String schema, String property) {
        return nullable.getOrDefault(schema, Set.of()).contains(property);
    }

    public boolean isNonBlankText(String schema, String property) {
        return nonBlank.getOrDefault(schema, Set.of()).contains(property);
    }
}
