package nl.regiopool.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which roles may call which operation, read from the {@code x-roles} of each operation in the
 * packaged openapi.yaml: the spec is the one place that says it, and the server enforces it.
 */
public final class OperationRoles {

    public static final String SPEC_RESOURCE = "nl/regiopool/api/openapi.yaml";

    private final Map<String, Set<CallerRole>> rolesByOperationId;

    private OperationRoles(Map<String, Set<CallerRole>> rolesByOperationId) {
        this.rolesByOperationId = Map.copyOf(rolesByOperationId);
    }

    public static OperationRoles fromPackagedSpec() {
        try (InputStream spec = OperationRoles.class.getClassLoader().getResourceAsStream(SPEC_RESOURCE)) {
            if (spec == null) {
                throw new IllegalStateException(SPEC_RESOURCE + " is not on the classpath");
            }
            return parse(new ObjectMapper(new YAMLFactory()).readTree(spec));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OperationRoles parse(JsonNode spec) {
        Map<String, Set<CallerRole>> roles = new HashMap<>();
        spec.get("paths").forEach(path -> path.fields().forEachRemaining(method -> {
            JsonNode operation = method.getValue();
            if (!operation.has("operationId")) {
                return;
            }
            Set<CallerRole> allowed = EnumSet.noneOf(CallerRole.class);
            operation.path("x-roles").forEach(role -> allowed.add(CallerRole.fromClaim(role.asText())
                    .orElseThrow(() -> new IllegalStateException("Unknown role in x-roles: " + role.asText()))));
            roles.put(operation.get("operationId").asText(), allowed);
        }));
        return new OperationRoles(roles);
    }

    /** The roles allowed for an operation; empty when the spec does not know it. */
    public Optional<Set<CallerRole>> allowed(String operationId) {
        return Optional.ofNullable(rolesByOperationId.get(operationId));
    }
}
