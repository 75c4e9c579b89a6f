package nl.regiopool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.RegiopoolConfiguration;
import nl.regiopool.auth.TokenIssuer;

/**
 * The candidate list of a SHIFTS request (5 shifts) over a pool of 2,000 workers in a cooperative holding a million
 * placements, through the real server; and rounds of 50 workers accepting offers of one request at the same moment,
 * of which exactly one may win. Numbers go to BENCHMARKS.md.
 */
public final class CandidatesBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final int WORKERS = Integer.getInteger("bench.workers", 10_000);
    private static final int POOL = Integer.getInteger("bench.pool", 2_000);
    private static final int PAST_WEEKS = 40;
    private static final int FUTURE_WEEKS = 10;
    private static final int REQUESTS = Integer.getInteger("bench.requests", 100);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 20);
    private static final int ACCEPTERS = Integer.getInteger("bench.accepters", 50);
    private static final int MEMBERS = 200;

    private CandidatesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkReport.onFreshServer(args, CandidatesBenchmark::run);
    }

    private record Loaded(UUID tenant, UUID practice, double seconds, long placements) {
    }

    private static void run(DropwizardTestSupport<RegiopoolConfiguration> app, Path report) throws Exception {
        String jdbcUrl = ((RegiopoolApplication) app.getApplication()).databaseUrl();
        TokenIssuer tokens = new TokenIssuer(app.getConfiguration().getAuth());
        BenchHttp http = new BenchHttp(app.getLocalPort(), ACCEPTERS + 4);
        LocalDate monday = LocalDate.now(ZONE).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Loaded data = loadedBefore(monday);
        if (data == null) {
            UUID tenant = http.newCooperative(tokens.issue("bench-operator", List.of("operator"), null, null),
                    "bench-candidates-" + monday);
            data = load(jdbcUrl, tenant, monday);
            keep(data, monday);
        }
        UUID tenant = data.tenant();
        String practice = tokens.issue("bench-practice", List.of("member"), tenant, data.practice());

        List<String> fiveWednesdays = new ArrayList<>();
        for (int week = 1; week <= 5; week++) {
            fiveWednesdays.add(shift(monday.plusWeeks(week).plusDays(2), LocalTime.of(8, 0), 510, 30));
        }
        UUID request = newRequest(http, practice, data.practice(), fiveWednesdays);
        String path = "/v1/staffing-requests/" + request + "/candidates?limit=50";
        JsonNode first = http.expect(200, "GET", path, practice, null);
        for (int i = 0; i < 10; i++) {
            http.expect(200, "GET", path, practice, null);
        }
        long[] micros = new long[REQUESTS];
        Path postgresData = Path.of(app.getConfiguration().getDatabase().getEmbeddedDataDirectory());
        ProcessCpu.Sample cpuBefore = ProcessCpu.sample(postgresData);
        for (int i = 0; i < REQUESTS; i++) {
            long t0 = System.nanoTime();
            http.expect(200, "GET", path, practice, null);
            micros[i] = (System.nanoTime() - t0) / 1000;
        }
        ProcessCpu.Sample cpu = ProcessCpu.sample(postgresData).minus(cpuBefore);
        String admin = tokens.issue("bench-admin", List.of("coop_admin"), tenant, null);
        String everyone = path + "&includeIneligible=true";
        for (int i = 0; i < 3; i++) {
            http.expect(200, "GET", everyone, admin, null);
        }
        long[] everyoneMicros = new long[Math.max(1, REQUESTS / 5)];
        for (int i = 0; i < everyoneMicros.length; i++) {
            long t0 = System.nanoTime();
            http.expect(200, "GET", everyone, admin, null);
            everyoneMicros[i] = (System.nanoTime() - t0) / 1000;
        }
        Map<String, Integer> blockers = new TreeMap<>();
        int eligible = 0;
        int candidates = 0;
        String cursor = null;
        do {
            JsonNode page = http.expect(200, "GET", "/v1/staffing-requests/" + request
                    + "/candidates?includeIneligible=true&limit=200" + (cursor == null ? "" : "&cursor=" + cursor), admin, null);
            for (JsonNode candidate : page.get("data")) {
                candidates++;
                eligible += candidate.get("eligible").asBoolean() ? 1 : 0;
                candidate.get("blockers").forEach(b -> blockers.merge(b.get("code").asText(), 1, Integer::sum));
            }
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);

        List<String> rounds = acceptRounds(http, tokens, tenant, practice, data.practice(), monday);

        List<String> body = new ArrayList<>();
        body.add("## Staffing request candidates and concurrent accepts");
        body.add("");
        body.add("- Date: " + BenchmarkReport.now());
        body.add("- Machine: " + BenchmarkReport.machine());
        body.add("- Data: one cooperative, " + MEMBERS + " members, " + WORKERS + " workers with an ACTIVE agreement"
                + " (16 h/week, contract 40 h; every 5th lent to the requesting practice) and " + data.placements()
                + " placements (two 8-hour day shifts a week over " + (PAST_WEEKS + FUTURE_WEEKS) + " weeks around today,"
                + " COMPLETED before now, CONFIRMED after; every 10th worker on Mon/Wed instead of Tue/Thu), loaded with"
                + " SQL in " + String.format("%.0f", data.seconds()) + " s; one pool of " + POOL + " of them (FLEX, no"
                + " hours limit)");
        body.add("- Request: SHIFTS, DOKTERSASSISTENT, 5 Wednesdays 08:00-16:30 (30 min break) in the next 5 weeks;"
                + " candidates: " + candidates + ", eligible " + eligible + ", blockers " + blockers
                + "; first page " + first.get("data").size());
        body.add("- Load: `GET /v1/staffing-requests/{id}/candidates?limit=50` by the requesting member, one client"
                + " thread, " + REQUESTS + " requests after 11 warm-up. The pool is ordered by what is known before"
                + " the checks (score, stated availability), then checked in that order, in batches (each batch's"
                + " shifts read at once, its workers checked in parallel), until 51 eligible candidates are found."
                + " With `includeIneligible=true` (admin) every pooled worker is checked: " + everyoneMicros.length
                + " requests after 3 warm-up");
        body.add("- Accepts: " + ROUNDS + " rounds, each a new 1-shift request offered to " + ACCEPTERS + " eligible"
                + " candidates whose " + ACCEPTERS + " accepts (`POST /v1/offers/{id}/accept`, worker tokens) start at"
                + " one latch");
        body.add("- Target from the issue: p95 ≤ 300 ms on a 2-core machine; exactly 1 winner in every round");
        body.add("- Command: `bench/run candidates`");
        body.add("");
        body.add("| what | result |");
        body.add("|---|---|");
        body.add(String.format("| candidates p50 / p95 / p99 / max | %.0f / %.0f / %.0f / %.0f ms |",
                BenchmarkReport.percentileMillis(micros, 50), BenchmarkReport.percentileMillis(micros, 95),
                BenchmarkReport.percentileMillis(micros, 99), BenchmarkReport.percentileMillis(micros, 100)));
        body.add(String.format("| CPU per candidates request: server JVM (with the client) / PostgreSQL | %.0f / %.0f ms |",
                cpu.jvmMillis() / (double) REQUESTS, cpu.postgresMillis() / (double) REQUESTS));
        body.add(String.format("| with `includeIneligible=true` (every worker checked) p50 / p95 | %.0f / %.0f ms |",
                BenchmarkReport.percentileMillis(everyoneMicros, 50), BenchmarkReport.percentileMillis(everyoneMicros, 95)));
        body.addAll(rounds);
        BenchmarkReport.write(report, "candidates", body);
        System.out.println(String.join("\n", body));
    }

    /** Each round: a request, offers to the first eligible candidates, and all of them accepting at once. */
    private static List<String> acceptRounds(BenchHttp http, TokenIssuer tokens, UUID tenant, String practice,
                                             UUID practiceId, LocalDate monday) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(ACCEPTERS, BenchHttp::daemon);
        int exactlyOne = 0;
        Map<Integer, Integer> statuses = new TreeMap<>();
        long slowestMicros = 0;
        for (int round = 0; round < ROUNDS; round++) {
            LocalDate saturday = monday.plusWeeks(1 + round).plusDays(5);
            UUID request = newRequest(http, practice, practiceId,
                    List.of(shift(saturday, LocalTime.of(8, 0), 480, 30)));
            List<String> workers = new ArrayList<>();
            for (JsonNode candidate : http.expect(200, "GET", "/v1/staffing-requests/" + request + "/candidates?limit="
                    + ACCEPTERS, practice, null).get("data")) {
                workers.add(candidate.get("workerId").asText());
            }
            JsonNode offers = http.expect(201, "POST", "/v1/staffing-requests/" + request + "/offers", practice,
                    "{\"workerIds\":" + BenchHttp.JSON.writeValueAsString(workers) + "}").get("data");
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> accepts = new ArrayList<>();
            for (JsonNode offer : offers) {
                String worker = tokens.issue("bench-worker", List.of("worker"), tenant, null,
                        UUID.fromString(offer.get("workerId").asText()));
                String path = "/v1/offers/" + offer.get("id").asText() + "/accept";
                accepts.add(threads.submit(() -> {
                    start.await();
                    return http.send("POST", path, worker, null, "If-Match", "*").statusCode();
                }));
            }
            long t0 = System.nanoTime();
            start.countDown();
            int winners = 0;
            for (Future<Integer> accept : accepts) {
                int status = accept.get();
                statuses.merge(status, 1, Integer::sum);
                winners += status == 200 ? 1 : 0;
            }
            slowestMicros = Math.max(slowestMicros, (System.nanoTime() - t0) / 1000);
            exactlyOne += winners == 1 ? 1 : 0;
            if (winners != 1) {
                System.err.println("round " + round + ": " + winners + " winners");
            }
        }
        threads.shutdownNow();
        return List.of(String.format("| rounds with exactly 1 winner | %d of %d |", exactlyOne, ROUNDS),
                "| accept answers (status: count) | " + statuses + " |",
                String.format("| slowest round (all %d answered) | %.0f ms |", ACCEPTERS, slowestMicros / 1000.0));
    }

    /**
     * With {@code -Dbench.dataDirectory}, the data a previous run loaded there this week (the loader takes minutes at
     * full size); null when there is none.
     */
    private static Loaded loadedBefore(LocalDate monday) throws IOException {
        Path kept = keptData();
        if (kept == null || !Files.exists(kept)) {
            return null;
        }
        Properties loaded = new Properties();
        try (var in = Files.newInputStream(kept)) {
            loaded.load(in);
        }
        if (!monday.toString().equals(loaded.getProperty("monday"))
                || WORKERS != Integer.parseInt(loaded.getProperty("workers"))
                || POOL != Integer.parseInt(loaded.getProperty("pool"))) {
            throw new IllegalStateException("-Dbench.dataDirectory holds data of another week or size (" + loaded
                    + "): give an empty directory");
        }
        System.out.println("Reusing the data loaded before in " + kept.getParent());
        return new Loaded(UUID.fromString(loaded.getProperty("tenant")), UUID.fromString(loaded.getProperty("practice")),
                Double.parseDouble(loaded.getProperty("seconds")), Long.parseLong(loaded.getProperty("placements")));
    }

    private static void keep(Loaded data, LocalDate monday) throws IOException {
        Path kept = keptData();
        if (kept == null) {
            return;
        }
        Properties loaded = new Properties();
        loaded.setProperty("monday", monday.toString());
        loaded.setProperty("workers", Integer.toString(WORKERS));
        loaded.setProperty("pool", Integer.toString(POOL));
        loaded.setProperty("tenant", data.tenant().toString());
        loaded.setProperty("practice", data.practice().toString());
        loaded.setProperty("seconds", Double.toString(data.seconds()));
        loaded.setProperty("placements", Long.toString(data.placements()));
        try (var out = Files.newOutputStream(kept)) {
            loaded.store(out, "CandidatesBenchmark data");
        }
    }

    private static Path keptData() {
        String directory = System.getProperty("bench.dataDirectory");
        return directory == null ? null : Path.of(directory).toAbsolutePath().resolve("candidates.properties");
    }

    private static UUID newRequest(BenchHttp http, String token, UUID member, List<String> shifts) throws Exception {
        return UUID.fromString(http.expect(201, "POST", "/v1/staffing-requests", token, "{\"memberId\":\"" + member
                + "\",\"role\":\"DOKTERSASSISTENT\",\"kind\":\"SHIFTS\",\"shifts\":[" + String.join(",", shifts) + "]}")
                .get("id").asText());
    }

    private static String shift(LocalDate day, LocalTime start, int minutes, int breakMinutes) {
        ZonedDateTime startsAt = day.atTime(start).atZone(ZONE);
        return "{\"startsAt\":\"" + startsAt.toOffsetDateTime() + "\",\"endsAt\":\""
                + startsAt.plusMinutes(minutes).toOffsetDateTime() + "\",\"breakMinutes\":" + breakMinutes + "}";
    }

    private static Loaded load(String jdbcUrl, UUID tenant, LocalDate monday) throws Exception {
        long started = System.nanoTime();
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement sql = db.createStatement()) {
            db.setAutoCommit(false);
            sql.execute("SELECT set_config('regiopool.tenant_id', '" + tenant + "', true)");
            BenchData.members(sql, MEMBERS, "CAO_HUISARTSENZORG");
            // member 1 is the requesting practice; it employs none of the workers
            sql.execute("""
                    CREATE TEMP TABLE w AS
                    SELECT g.i AS n, gen_random_uuid() AS id,
                           (SELECT id FROM m WHERE m.n = 2 + g.i %% %2$d) AS lender,
                           (SELECT id FROM m WHERE m.n = CASE WHEN g.i %% 5 = 1 THEN 1 ELSE 2 + (g.i + 1) %% %2$d END) AS borrower,
                           gen_random_uuid() AS agreement,
                           CASE WHEN g.i %% 10 = 0 THEN ARRAY[0, 2] ELSE ARRAY[1, 3] END AS days
                    FROM generate_series(1, %1$d) AS g(i)""".formatted(WORKERS, MEMBERS - 1));
            BenchData.workersLentOut(sql, 2025, "CAO_HUISARTSENZORG");
            sql.execute("""
                    INSERT INTO loan_agreement_version (tenant_id, agreement_id, version_no, start_date, hours_per_week,
                        tariff_cents_per_hour, cost_price_cents_per_hour, vat_eligible, vat_unmet_conditions,
                        lender_approved_at, lender_approved_by, borrower_approved_at, borrower_approved_by, in_force_from,
                        created_at)
                    SELECT current_tenant_id(), agreement, 1, DATE '2025-01-01', 16, 3000, 3000, true, '{}',
                           TIMESTAMPTZ '2025-01-02', 'bench', TIMESTAMPTZ '2025-01-02', 'bench', TIMESTAMPTZ '2025-01-02',
                           TIMESTAMPTZ '2025-01-02'
                    FROM w""");
            sql.execute("""
                    INSERT INTO placement (tenant_id, id, kind, agreement_id, worker_id, borrower_member_id,
                        employer_member_id, role, starts_at, ends_at, break_minutes, status, confirmed_at,
                        actual_starts_at, actual_ends_at, actual_break_minutes, completed_at, completed_by)
                    SELECT current_tenant_id(), gen_random_uuid(), 'SHIFT', w.agreement, w.id, w.borrower, w.lender,
                           'DOKTERSASSISTENT', s.starts_at, s.ends_at, 30,
                           CASE WHEN s.ends_at < now() THEN 'COMPLETED' ELSE 'CONFIRMED' END, s.starts_at - interval '30 days',
                           CASE WHEN s.ends_at < now() THEN s.starts_at END, CASE WHEN s.ends_at < now() THEN s.ends_at END,
                           CASE WHEN s.ends_at < now() THEN 30 END, CASE WHEN s.ends_at < now() THEN s.ends_at END,
                           CASE WHEN s.ends_at < now() THEN 'bench' END
                    FROM w CROSS JOIN LATERAL (
                        SELECT t AS starts_at, t + interval '510 minutes' AS ends_at
                        FROM generate_series(-%d, %d) week, unnest(w.days) day,
                             LATERAL (SELECT ((DATE '%s' + week * 7 + day) + TIME '08:00') AT TIME ZONE 'Europe/Amsterdam' AS t) x
                    ) s""".formatted(PAST_WEEKS, FUTURE_WEEKS - 1, monday));
            sql.execute("""
                    INSERT INTO pool (tenant_id, id, name, allowed_roles)
                    VALUES (current_tenant_id(), gen_random_uuid(), 'Flexpool assistenten', ARRAY['DOKTERSASSISTENT'])""");
            sql.execute("""
                    INSERT INTO pool_membership (tenant_id, id, pool_id, worker_id, kind, valid_from)
                    SELECT current_tenant_id(), gen_random_uuid(), (SELECT id FROM pool WHERE tenant_id = current_tenant_id()), id, 'FLEX', DATE '2025-01-01'
                    FROM w WHERE n <= %d""".formatted(POOL));
            db.commit();
            sql.execute("ANALYZE");
            db.commit(); // statistics are written in the transaction: without the commit they are rolled back
            UUID practice;
            long placements;
            try (ResultSet rows = sql.executeQuery("SELECT id FROM m WHERE n = 1")) {
                rows.next();
                practice = rows.getObject(1, UUID.class);
            }
            try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM placement")) {
                rows.next();
                placements = rows.getLong(1);
            }
            return new Loaded(tenant, practice, (System.nanoTime() - started) / 1e9, placements);
        }
    }
}
