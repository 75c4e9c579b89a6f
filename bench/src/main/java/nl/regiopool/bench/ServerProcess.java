package nl.regiopool.bench;

import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.RegiopoolConfiguration;
import nl.regiopool.auth.TokenIssuer;

/**
 * The server in a JVM of its own, so that a benchmark can read its memory from /proc: {@link #start} runs this
 * class's main as a child process (with the heap limit given), which starts the server on the tests' profile and a
 * fresh embedded PostgreSQL (a process of its own, not counted), writes its port and database URL into a file and
 * stops when its standard input closes.
 */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final String jdbcUrl;
    private final Path log;

    private ServerProcess(Process process, int port, String jdbcUrl, Path log) {
        this.process = process;
        this.port = port;
        this.jdbcUrl = jdbcUrl;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            overrides.add(ConfigOverride.config(pair[0], pair[1]));
        }
        DropwizardTestSupport<RegiopoolConfiguration> app = BenchmarkReport.freshServer(
                overrides.toArray(ConfigOverride[]::new));
        app.before();
        Path ready = Path.of(args[0]);
        Files.writeString(ready.resolveSibling(ready.getFileName() + ".tmp"), app.getLocalPort() + "\n"
                + ((RegiopoolApplication) app.getApplication()).databaseUrl() + "\n");
        Files.move(ready.resolveSibling(ready.getFileName() + ".tmp"), ready);
        while (System.in.read() != -1) {
            // until the benchmark closes our input
        }
        app.after();
        System.exit(0);
    }

    /** Starts the server with {@code -Xmx<heap>} and the test profile changed by {@code overrides} ("key=value"). */
    static ServerProcess start(String heap, String... overrides) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("regiopool-bench-server-");
        Path ready = dir.resolve("ready");
        Path log = dir.resolve("server.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), ServerProcess.class.getName(),
                ready.toString()));
        command.addAll(List.of(overrides));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.to(log.toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!Files.exists(ready)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the server did not start; see " + log);
            }
            Thread.sleep(200);
        }
        List<String> lines = Files.readAllLines(ready);
        return new ServerProcess(process, Integer.parseInt(lines.get(0)), lines.get(1), log);
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    /** Resident memory of the server's JVM in MiB: "VmRSS" now, or "VmHWM", its peak so far. */
    long memoryMib(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/" + process.pid() + "/status");
    }

    /** Tokens signed like the child's, from the same test profile. */
    static TokenIssuer tokens() throws Exception {
        RegiopoolConfiguration config = new YamlConfigurationFactory<>(RegiopoolConfiguration.class,
                Validators.newValidator(), Jackson.newObjectMapper(), "dw")
                .build(new ResourceConfigurationSourceProvider(), "test-config.yml");
        return new TokenIssuer(config.getAuth());
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            System.err.println("the server did not stop in time; its log: " + log);
            process.destroy();
        }
    }
}
