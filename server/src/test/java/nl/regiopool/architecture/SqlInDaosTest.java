package nl.regiopool.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * In the concept packages, SQL lives in the {@code *Dao} classes. The infrastructure below them (tenant binding,
 * idempotency, the audit chain, the transaction's clock, the member claims, the embedded database) runs its own.
 */
class SqlInDaosTest {

    private static final Path SOURCES = Path.of("src/main/java/nl/regiopool");
    private static final Set<String> INFRASTRUCTURE = Set.of("tenancy", "auth", "http", "audit", "settings", "db");
    private static final Pattern STATEMENT = Pattern.compile("\\.(createQuery|createUpdate|createCall|createBatch)\\(|"
            + "\\bhandle\\.execute\\(");
    private static final Pattern SQL_TEXT = Pattern.compile("\\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\\b [a-z_*(]");

    @Test
    void conceptClassesOutsideTheirDaoSendNoSql() throws IOException {
        assertThat(conceptSourcesOutsideDaos().stream()
                .filter(file -> STATEMENT.matcher(read(file)).find() || SQL_TEXT.matcher(read(file)).find())
                .map(file -> SOURCES.relativize(file).toString()))
                .isEmpty();
    }

    private static List<Path> conceptSourcesOutsideDaos() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().endsWith("Dao.java"))
                    .filter(f -> f.getParent().equals(SOURCES)
                            || !INFRASTRUCTURE.contains(SOURCES.relativize(f).getName(0).toString()))
                    .toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
