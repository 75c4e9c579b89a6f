package nl.regiopool.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import nl.regiopool.testing.Directories;

/**
 * The shaded server jar run as a process of its own, as an operator runs it: in a temporary home (where its
 * embedded PostgreSQL keeps its data), on free ports. Closing it stops the server and its database and
 * removes the home.
 */
public final class ServerProcess implements AutoCloseable {

    public static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public final Path home;
    public final int appPort = freePort();
    public final int adminPort = freePort();
    public final int databasePort = freePort();
    private Process process;

    public ServerProcess(String name) {
        try {
            home = Files.createTempDirectory("regiopool-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the jar with the configuration (and JVM options before {@code -jar}), and waits until it is healthy. */
    public Process start(Path config, String... jvmOptions) throws Exception {
        Path jar = Path.of("target", "regiopool-server.jar").toAbsolutePath();
        assertThat(jar).as("the shaded jar (failsafe runs after package)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", jar.toString(), "server", config.toString()));
        process = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("server.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + adminPort + "/healthcheck")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // still starting
            }
            assertThat(process.isAlive()).as("server log: %s", log()).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("The server did not become healthy: " + log());
    }

    /**
     * Runs another command of the jar (such as {@code demo}) in the same home with the configuration, to its end;
     * returns what it printed.
     */
    public String run(String name, Path config, Duration timeout, String... jvmOptions) throws Exception {
        Path jar = Path.of("target", "regiopool-server.jar").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", jar.toString(), name, config.toString()));
        Path output = home.resolve(name + ".log");
        Process run = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!run.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            run.destroyForcibly();
            throw new AssertionError("`" + name + "` did not end within " + timeout + ": "
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(run.exitValue()).as("`%s` printed: %s", name, printed).isZero();
        return printed;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + appPort + path);
    }

    public String log() throws IOException {
        return Files.readString(home.resolve("server.log"), StandardCharsets.UTF_8);
    }

    /** Ends the embedded PostgreSQL as a crash would; a SIGKILLed server JVM leaves it running. */
    void killDatabase() throws IOException {
        Path pidFile = home.resolve("data/postgres/postmaster.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(pid).ifPresent(postgres -> {
                postgres.destroyForcibly();
                postgres.onExit().join();
            });
            Files.deleteIfExists(pidFile);
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        killDatabase();
        Directories.delete(home);
    }

    /**
     * A free port below Linux's ephemeral range (32768-60999 by default). A port the kernel hands out for
     * {@code new ServerSocket(0)} comes from that range, and so does the local port of every outgoing connection:
     * the server's own connections to its database took the port chosen for its HTTP connector before it bound it.
     */
    private static int freePort() {
        for (int tries = 0; tries < 1000; tries++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("No free port between 20000 and 32000");
    }
}
