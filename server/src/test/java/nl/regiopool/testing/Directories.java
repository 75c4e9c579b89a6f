package nl.regiopool.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch folders of tests and benchmarks (an embedded database's data among them), removed when done. */
public final class Directories {

    private Directories() {
    }

    public static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the folder when the JVM exits, after {@code before} (say, stopping the database that writes in it). */
    public static void deleteAtExit(Path directory, Runnable before) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                before.run();
            } finally {
                delete(directory);
            }
        }));
    }
}
