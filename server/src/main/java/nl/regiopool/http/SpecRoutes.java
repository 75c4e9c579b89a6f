package nl.regiopool.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import nl.regiopool.auth.OperationRoles;

/** The paths of the packaged openapi.yaml and the methods each answers, for answers given before Jersey matches. */
public final class SpecRoutes {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private record Route(Pattern path, String allow) {
    }

    private final List<Route> routes;

    private SpecRoutes(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static SpecRoutes fromPackagedSpec() {
        try (InputStream spec = SpecRoutes.class.getClassLoader().getResourceAsStream(OperationRoles.SPEC_RESOURCE)) {
            if (spec == null) {
                throw new IllegalStateException(OperationRoles.SPEC_RESOURCE + " is not on the classpath");
            }
            return parse(new ObjectMapper(new YAMLFactory()).readTree(spec));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SpecRoutes parse(JsonNode spec) {
        List<Route> routes = new ArrayList<>();
        spec.path("paths").fields().forEachRemaining(path -> {
            Set<String> methods = new TreeSet<>();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    methods.add(method.toUpperCase(Locale.ROOT));
                }
            });
            if (methods.contains("GET")) {
                methods.add("HEAD");
            }
            methods.add("OPTIONS");
            StringBuilder pattern = new StringBuilder();
            for (String part : path.getKey().split("(?=\\{)|(?<=})")) {
                pattern.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
            }
            routes.add(new Route(Pattern.compile(pattern.toString()), String.join(", ", methods)));
        });
        // a literal segment wins over a template: /v1/placements/validate before /v1/placements/{placementId}
        routes.sort(java.util.Comparator.comparingLong(route -> route.path().pattern().chars().filter(c -> c == '+').count()));
        return new SpecRoutes(routes);
    }

    /** These routes and the literal paths served beside the API (the docs page), each answering {@code allow}. */
    public SpecRoutes and(Collection<String> literalPaths, String allow) {
        List<Route> all = new ArrayList<>(routes);
        literalPaths.forEach(path -> all.add(new Route(Pattern.compile(Pattern.quote(path)), allow)));
        return new SpecRoutes(all);
    }

    /** The {@code Allow} header value of a request path, empty when no path of the spec matches it. */
    public Optional<String> allow(String path) {
        return routes.stream().filter(route -> route.path().matcher(path).matches()).map(Route::allow).findFirst();
    }
}
