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

    /** A new folder under the system's temporary one, deleted when the JVM exits (the test apps have stopped). */
    public static Path scratch(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            deleteAtExit(directory, () -> { });
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes the folder when the JVM exits, after {@code before} (say, stopping the database that writes in it).
     * An embedded PostgreSQL may still be writing its last files when its stop returns (shutdown hooks run at
     * once), so the folder is deleted again until it is gone, for a few seconds at most.
     */
    public static void deleteAtExit(Path directory, Runnable before) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                before.run();
            } finally {
                for (int attempt = 0; attempt < 25 && Files.exists(directory); attempt++) {
                    try {
                        delete(directory);
                    } catch (UncheckedIOException fileGoneWhileWalking) {
                        // the next round walks what is left
                    }
                    if (Files.exists(directory)) {
                        pause();
                    }
                }
            }
        }));
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
