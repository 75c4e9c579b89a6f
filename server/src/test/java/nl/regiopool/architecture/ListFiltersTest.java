package nl.regiopool.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An optional filter is sent only when it is in use ({@code page.Where}), never as a parameter tested for null
 * in the SQL text, which gives one generic plan for every combination of filters.
 */
class ListFiltersTest {

    private static final Path SOURCES = Path.of("src/main/java/nl/regiopool");
    private static final Pattern PARAMETER_IS_NULL = Pattern.compile("(CAST\\(:\\w+ AS \\w+\\)|:\\w+) IS NULL");

    @Test
    void noStatementTestsAParameterForNull() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            assertThat(files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> PARAMETER_IS_NULL.matcher(read(f)).find())
                    .map(f -> SOURCES.relativize(f).toString()))
                    .isEmpty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
