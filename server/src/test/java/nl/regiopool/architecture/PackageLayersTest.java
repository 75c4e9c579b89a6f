package nl.regiopool.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shared packages point one way: the error vocabulary at the bottom, then pagination and the caller,
 * the audit chain, the write core, and the HTTP layer on top. Domain packages may use them all.
 */
class PackageLayersTest {

    private static final Path SOURCES = Path.of("src/main/java/nl/regiopool");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?nl\\.regiopool\\.([a-z]+)\\.", Pattern.MULTILINE);

    /** Which of our packages each shared package may import (the generated {@code api} is always allowed). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "problem", Set.of(),
            "tenancy", Set.of(),
            "page", Set.of("problem"),
            "auth", Set.of("problem", "tenancy"),
            "audit", Set.of("problem", "page", "auth", "tenancy"),
            "write", Set.of("problem", "audit", "auth", "tenancy"),
            "http", Set.of("problem", "page", "auth", "tenancy", "audit", "write"));

    @Test
    void sharedPackagesImportOnlyTheLayersBelowThem() throws IOException {
        for (Map.Entry<String, Set<String>> layer : ALLOWED.entrySet()) {
            assertThat(importedPackages(layer.getKey()))
                    .as("packages imported by nl.regiopool.%s", layer.getKey())
                    .isSubsetOf(union(layer.getValue(), Set.of("api", layer.getKey())));
        }
    }

    private static Set<String> importedPackages(String pkg) throws IOException {
        Set<String> imported = new TreeSet<>();
        try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = IMPORT.matcher(Files.readString(file));
                while (matcher.find()) {
                    imported.add(matcher.group(1));
                }
            }
        }
        return imported;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
