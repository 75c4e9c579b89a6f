package nl.regiopool.bench;

import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.RegiopoolConfiguration;
import nl.regiopool.audit.AuditConfig;
import nl.regiopool.testing.Directories;

/** Writes one benchmark's section into BENCHMARKS.md (replacing its previous run), with machine and date. */
public final class BenchmarkReport {

    private BenchmarkReport() {
    }

    interface Benchmark {
        void run(DropwizardTestSupport<RegiopoolConfiguration> app, Path report) throws Exception;
    }

    /**
     * The server's own checkpoint interval instead of the test profile's (a checkpoint every 3 events, so that a
     * test's few events cross one): there, the sealer signs on nearly every pass, which a write load should not pay.
     */
    static final ConfigOverride SERVER_DEFAULT_CHECKPOINTS = ConfigOverride.config("audit.checkpointEvery",
            String.valueOf(new AuditConfig().getCheckpointEvery()));

    /** The server's own start-up warm-up of the chain verify, which the test profile turns off. */
    static final ConfigOverride SERVER_DEFAULT_VERIFY_WARM_UP = ConfigOverride.config("audit.warmUpVerify",
            String.valueOf(new AuditConfig().isWarmUpVerify()));

    /** Runs a benchmark against the real server on a fresh embedded PostgreSQL; args[0] is the report file. */
    static void onFreshServer(String[] args, Benchmark benchmark) throws Exception {
        onFreshServer(args, benchmark, new ConfigOverride[0]);
    }

    /** The same, with the test profile's settings changed by {@code overrides}. */
    static void onFreshServer(String[] args, Benchmark benchmark, ConfigOverride... overrides) throws Exception {
        DropwizardTestSupport<RegiopoolConfiguration> app = freshServer(overrides);
        app.before();
        try {
            benchmark.run(app, Path.of(args.length > 0 ? args[0] : "BENCHMARKS.md"));
        } finally {
            app.after();
        }
    }

    /**
     * The server on the tests' profile (read from the server's test jar) and a fresh embedded PostgreSQL, or the one
     * kept in {@code -Dbench.dataDirectory} when given (a benchmark that supports it reuses the data it loaded there).
     */
    static DropwizardTestSupport<RegiopoolConfiguration> freshServer(ConfigOverride... overrides) throws IOException {
        String kept = System.getProperty("bench.dataDirectory");
        Path data;
        if (kept != null) {
            data = Files.createDirectories(Path.of(kept).toAbsolutePath());
        } else {
            data = Files.createTempDirectory("regiopool-bench-");
            // by then the benchmark has stopped the server and its database (or the JVM is going down with them)
            Directories.deleteAtExit(data, () -> { });
        }
        ConfigOverride[] all = Arrays.copyOf(overrides, overrides.length + 2);
        all[overrides.length] = ConfigOverride.config("database.embeddedDataDirectory", data.resolve("postgres").toString());
        all[overrides.length + 1] = ConfigOverride.config("logging.level", "WARN");
        return new DropwizardTestSupport<>(RegiopoolApplication.class, "test-config.yml",
                new ResourceConfigurationSourceProvider(), all);
    }

    static String machine() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException ignored) {
            // not Linux: keep "unknown CPU"
        }
        long memoryGib = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() >> 30;
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memoryGib + " GiB, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.version");
    }

    static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }

    /** Percentile (nearest rank) of latencies in microseconds, as milliseconds. */
    static double percentileMillis(long[] micros, double percentile) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
    }

    public static void write(Path file, String section, List<String> body) throws IOException {
        String begin = "<!-- " + section + ":begin -->";
        String end = "<!-- " + section + ":end -->";
        String block = begin + "\n" + String.join("\n", body) + "\n" + end;
        String text = Files.exists(file) ? Files.readString(file)
                : "# Benchmarks\n\nNumbers from `bench/run`; each section is replaced by its latest run.\n";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        text = from >= 0 && to > from ? text.substring(0, from) + block + text.substring(to + end.length())
                : text.stripTrailing() + "\n\n" + block + "\n";
        Files.writeString(file, text);
    }
}
