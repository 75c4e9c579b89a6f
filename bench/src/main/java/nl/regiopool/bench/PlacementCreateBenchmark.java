package nl.regiopool.bench;

import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.RegiopoolConfiguration;
import nl.regiopool.auth.TokenIssuer;
import nl.regiopool.cao.SeededRuleSets;
import nl.regiopool.cao.Shift;
import nl.regiopool.cao.WorkingTimeRules;

/**
 * Placement create with full validation (agreement, qualification, week hours, the working-time engine
 * over 16+ weeks of history, the EXCLUDE constraint, audit) through the real server, for a cooperative
 * holding a million placements; and the pure engine's checks per second. Numbers go to BENCHMARKS.md.
 */
public final class PlacementCreateBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final int WORKERS = Integer.getInteger("bench.workers", 10_000);
    private static final int WEEKS = 20;
    private static final int CREATES = Integer.getInteger("bench.creates", 6_000);
    private static final int THREADS = Integer.getInteger("bench.threads", 16);
    private static final LocalDate FIRST_MONDAY = LocalDate.of(2026, 6, 1);
    private static final AtomicInteger REPORTED_FAILURES = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        BenchmarkReport.onFreshServer(args, PlacementCreateBenchmark::run, BenchmarkReport.SERVER_DEFAULT_CHECKPOINTS);
    }

    private record Slot(UUID agreementId, LocalDate saturday) {
    }

    private static void run(DropwizardTestSupport<RegiopoolConfiguration> app, Path report) throws Exception {
        String jdbcUrl = ((RegiopoolApplication) app.getApplication()).databaseUrl();
        TokenIssuer tokens = new TokenIssuer(app.getConfiguration().getAuth());
        String base = "http://localhost:" + app.getLocalPort();
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(THREADS, PlacementCreateBenchmark::daemon)).build();

        HttpResponse<String> cooperative = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/cooperatives"))
                .header("Authorization", "Bearer " + tokens.issue("bench-operator", List.of("operator"), null, null))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bench\",\"slug\":\"bench-placements\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        UUID tenant = UUID.fromString(cooperative.body().replaceAll(".*\"id\":\"([0-9a-f-]+)\".*", "$1"));
        long loadStarted = System.nanoTime();
        List<UUID> agreements = load(jdbcUrl, tenant);
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;

        List<Slot> slots = new ArrayList<>();
        for (UUID agreement : agreements) {
            for (int week = 0; week < WEEKS; week++) {
                slots.add(new Slot(agreement, FIRST_MONDAY.plusWeeks(week).plusDays(5)));
            }
        }
        Collections.shuffle(slots, new Random(7));
        String admin = tokens.issue("bench-admin", List.of("coop_admin"), tenant, null);

        create(http, base, admin, slots.subList(0, 300));
        List<String> rows = new ArrayList<>();
        rows.add(createRun(http, base, admin, slots.subList(300, 300 + CREATES)));
        rows.add(engineRun());

        List<String> body = new ArrayList<>();
        body.add("## Placement create with full validation");
        body.add("");
        body.add("- Date: " + BenchmarkReport.now());
        body.add("- Machine: " + BenchmarkReport.machine());
        body.add("- Data: one cooperative, " + WORKERS + " workers each with an ACTIVE agreement and " + (WEEKS * 5)
                + " placements (Mon-Fri 08:00-16:30, " + WEEKS + " weeks): " + (WORKERS * WEEKS * 5L)
                + " placements (loaded in " + String.format("%.0f", loadSeconds) + " s)");
        body.add("- Load: " + THREADS + " client threads on loopback, " + CREATES + " creates of a Saturday shift "
                + "(08:00-16:00 with 30 min break, legal) for random workers, after 300 warm-up creates; full server path "
                + "(JWT, RLS, agreement and qualification checks, ATW engine over the worker's 16+ weeks, EXCLUDE, audit chain)");
        body.add("- Target from the issue: 1,500 creates/s with p99 < 30 ms on this 2-core machine");
        body.add("- Durability: the embedded test profile (`synchronous_commit=off`); the region benchmark below runs"
                + " the same create against a durable standalone PostgreSQL");
        body.add("- Command: `bench/run placements`");
        body.add("");
        body.add("| what | result |");
        body.add("|---|---|");
        body.addAll(rows);
        BenchmarkReport.write(report, "placements-create", body);
        System.out.println(String.join("\n", body));
    }

    /** The client's threads must not keep the JVM alive once the report is written. */
    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    }

    private static void create(HttpClient http, String base, String token, List<Slot> slots) throws Exception {
        for (Slot slot : slots) {
            send(http, base, token, slot);
        }
    }

    private static int send(HttpClient http, String base, String token, Slot slot) throws Exception {
        Instant start = slot.saturday().atTime(LocalTime.of(8, 0)).atZone(ZONE).toInstant();
        String json = "{\"agreementId\":\"" + slot.agreementId() + "\",\"startsAt\":\"" + start + "\",\"endsAt\":\""
                + start.plus(Duration.ofMinutes(480)) + "\",\"breakMinutes\":30}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/placements"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 && REPORTED_FAILURES.getAndIncrement() < 5) {
            System.err.println("create answered " + response.statusCode() + ": " + response.body());
        }
        return response.statusCode();
    }

    private static String createRun(HttpClient http, String base, String token, List<Slot> slots) throws Exception {
        ConcurrentLinkedQueue<Slot> queue = new ConcurrentLinkedQueue<>(slots);
        long[] micros = new long[slots.size()];
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        long started = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            threads.submit(() -> {
                Slot slot;
                while ((slot = queue.poll()) != null) {
                    long t0 = System.nanoTime();
                    int status = send(http, base, token, slot);
                    micros[done.getAndIncrement()] = (System.nanoTime() - t0) / 1000;
                    if (status != 201) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            });
        }
        threads.shutdown();
        threads.awaitTermination(30, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format("| creates/s (%d threads) | %.0f |%n| p50 / p99 / max latency | %.1f / %.1f / %.1f ms |%n"
                        + "| creates answered other than 201 | %d of %d |", THREADS, slots.size() / seconds,
                BenchmarkReport.percentileMillis(micros, 50), BenchmarkReport.percentileMillis(micros, 99),
                BenchmarkReport.percentileMillis(micros, 100), failed.get(), slots.size());
    }

    /** The pure engine: one candidate against 20 weeks of a worker's shifts, as often as it runs in 5 s. */
    private static String engineRun() {
        List<Shift> history = new ArrayList<>();
        for (int week = 0; week < WEEKS; week++) {
            for (int day = 0; day < 5; day++) {
                Instant start = FIRST_MONDAY.plusWeeks(week).plusDays(day).atTime(LocalTime.of(8, 0)).atZone(ZONE).toInstant();
                history.add(new Shift(UUID.randomUUID(), start, start.plus(Duration.ofMinutes(510)), 30));
            }
        }
        Instant saturday = FIRST_MONDAY.plusWeeks(10).plusDays(5).atTime(LocalTime.of(8, 0)).atZone(ZONE).toInstant();
        Shift candidate = new Shift(UUID.randomUUID(), saturday, saturday.plus(Duration.ofMinutes(480)), 30);
        for (int i = 0; i < 2_000; i++) {
            WorkingTimeRules.check(SeededRuleSets.ATW_2007, ZONE, candidate, history);
        }
        long checks = 0;
        long started = System.nanoTime();
        while (System.nanoTime() - started < 5_000_000_000L) {
            if (!WorkingTimeRules.check(SeededRuleSets.ATW_2007, ZONE, candidate, history).isEmpty()) {
                throw new IllegalStateException("the benchmark's candidate shift must be legal");
            }
            checks++;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format("| pure engine checks/s (one thread, 1 candidate vs %d shifts) | %.0f |", history.size(),
                checks / seconds);
    }

    private static List<UUID> load(String jdbcUrl, UUID tenant) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement sql = db.createStatement()) {
            db.setAutoCommit(false);
            sql.execute("SELECT set_config('regiopool.tenant_id', '" + tenant + "', true)");
            BenchData.members(sql, 200, "ATW");
            sql.execute("""
                    CREATE TEMP TABLE w AS
                    SELECT g.i AS n, gen_random_uuid() AS id, (SELECT id FROM m WHERE m.n = 1 + g.i %% 200) AS lender,
                           (SELECT id FROM m WHERE m.n = 1 + (g.i + 1) %% 200) AS borrower, gen_random_uuid() AS agreement
                    FROM generate_series(1, %d) AS g(i)""".formatted(WORKERS));
            BenchData.workersLentOut(sql, 2026, "ATW");
            sql.execute("""
                    INSERT INTO loan_agreement_version (tenant_id, agreement_id, version_no, start_date, hours_per_week,
                        tariff_cents_per_hour, cost_price_cents_per_hour, vat_eligible, vat_unmet_conditions,
                        lender_approved_at, lender_approved_by, borrower_approved_at, borrower_approved_by, in_force_from,
                        created_at)
                    SELECT current_tenant_id(), agreement, 1, DATE '2026-01-01', 60, 3000, 3000, true, '{}',
                           TIMESTAMPTZ '2026-01-02', 'bench', TIMESTAMPTZ '2026-01-02', 'bench', TIMESTAMPTZ '2026-01-02',
                           TIMESTAMPTZ '2026-01-02'
                    FROM w""");
            sql.execute("""
                    INSERT INTO placement (tenant_id, id, kind, agreement_id, worker_id, borrower_member_id,
                        employer_member_id, role, starts_at, ends_at, break_minutes, status, confirmed_at)
                    SELECT current_tenant_id(), gen_random_uuid(), 'SHIFT', w.agreement, w.id, w.borrower, w.lender,
                           'DOKTERSASSISTENT', s.starts_at, s.starts_at + interval '510 minutes', 30, 'CONFIRMED', now()
                    FROM w CROSS JOIN LATERAL (
                        SELECT ((DATE '2026-06-01' + week * 7 + day) + TIME '08:00') AT TIME ZONE 'Europe/Amsterdam' AS starts_at
                        FROM generate_series(0, %d) week, generate_series(0, 4) day) s""".formatted(WEEKS - 1));
            db.commit();
            sql.execute("ANALYZE");
            db.commit(); // statistics are written in the transaction: without the commit they are rolled back
            List<UUID> agreements = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SELECT agreement FROM w ORDER BY n")) {
                while (rows.next()) {
                    agreements.add(rows.getObject(1, UUID.class));
                }
            }
            return agreements;
        }
    }
}
