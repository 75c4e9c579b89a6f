package nl.regiopool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import nl.regiopool.auth.TokenIssuer;

/**
 * A month's settlement over 250,000 completed shifts and the CSV export of its largest statement (50,000 lines),
 * against the server in a JVM of its own ({@link ServerProcess}) whose resident memory is read from /proc while it
 * computes. Numbers go to BENCHMARKS.md.
 */
public final class SettlementBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final int PLACEMENTS = Integer.getInteger("bench.placements", 250_000);
    private static final int STATEMENT_LINES = Integer.getInteger("bench.statementLines", 50_000);
    private static final int EXPORTS = Integer.getInteger("bench.exports", 10);
    private static final String HEAP = System.getProperty("bench.serverHeap", "256m");
    private static final int SHIFTS_PER_WORKER = 20;
    private static final int MEMBERS = 200;

    private SettlementBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "BENCHMARKS.md");
        TokenIssuer tokens = ServerProcess.tokens();
        try (ServerProcess server = ServerProcess.start(HEAP)) {
            run(server, tokens, report);
        }
    }

    private static void run(ServerProcess server, TokenIssuer tokens, Path report) throws Exception {
        BenchHttp http = new BenchHttp(server.port(), 4);
        UUID tenant = http.newCooperative(tokens.issue("bench-operator", List.of("operator"), null, null),
                "bench-settlement");
        YearMonth period = YearMonth.now(ZONE).minusMonths(1);
        long loadStarted = System.nanoTime();
        long loaded = load(server.jdbcUrl(), tenant, period);
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
        String admin = tokens.issue("bench-admin", List.of("coop_admin"), tenant, null);

        long rssBefore = server.memoryMib("VmRSS");
        AtomicBoolean computing = new AtomicBoolean(true);
        AtomicLong rssMax = new AtomicLong(rssBefore);
        Thread sampler = new Thread(() -> {
            while (computing.get()) {
                try {
                    rssMax.accumulateAndGet(server.memoryMib("VmRSS"), Math::max);
                    Thread.sleep(100);
                } catch (Exception e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long t0 = System.nanoTime();
        JsonNode settlement = http.expect(201, "POST", "/v1/settlements", admin, "{\"period\":\"" + period + "\"}");
        double computeSeconds = (System.nanoTime() - t0) / 1e9;
        computing.set(false);
        sampler.join();
        long rssAfter = server.memoryMib("VmRSS");
        long rssPeak = server.memoryMib("VmHWM");

        String id = settlement.get("id").asText();
        JsonNode statements = http.expect(200, "GET", "/v1/settlements/" + id + "/statements?limit=200", admin, null);
        JsonNode largest = null;
        int statementCount = 0;
        for (JsonNode statement : statements.get("data")) {
            statementCount++;
            if (largest == null || statement.get("lineCount").asInt() > largest.get("lineCount").asInt()) {
                largest = statement;
            }
        }
        List<String> exports = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < EXPORTS; i++) {
            long e0 = System.nanoTime();
            HttpResponse<InputStream> csv = http.send(http.request("/v1/settlements/" + id + "/statements/"
                    + largest.get("id").asText(), admin).header("Accept", "text/csv").GET(), HttpResponse.BodyHandlers.ofInputStream());
            if (csv.statusCode() != 200) {
                throw new IllegalStateException("the CSV export answered " + csv.statusCode());
            }
            bytes = 0;
            try (InputStream body = csv.body()) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = body.read(buffer)) != -1; ) {
                    bytes += n;
                }
            }
            double mbPerSecond = bytes / 1e6 / ((System.nanoTime() - e0) / 1e9);
            rates.add(mbPerSecond);
            exports.add(String.format("%.1f", mbPerSecond));
        }

        List<String> body = new ArrayList<>();
        body.add("## Month-end settlement and statement export");
        body.add("");
        body.add("- Date: " + BenchmarkReport.now());
        body.add("- Machine: " + BenchmarkReport.machine());
        body.add("- Data: one cooperative, " + MEMBERS + " members (CAO Huisartsenzorg), " + loaded + " COMPLETED shifts"
                + " in " + period + " (" + SHIFTS_PER_WORKER + " per worker on the month's first weekdays; every 5th an"
                + " evening shift 17:00-22:00 with its surcharge, the others 08:00-16:30; half the agreements VAT-exempt),"
                + " " + STATEMENT_LINES + " of them between one lender and one borrower; loaded with SQL in "
                + String.format("%.0f", loadSeconds) + " s");
        body.add("- Server: its own JVM (`-Xmx" + HEAP + "`, tests' profile, embedded PostgreSQL in its own processes,"
                + " not counted); RSS read from `/proc/<pid>/status` every 100 ms while computing (`VmRSS`), and the"
                + " JVM's peak (`VmHWM`) after");
        body.add("- Compute: `POST /v1/settlements {\"period\":\"" + period + "\"}` as coop_admin (reads, prices and writes"
                + " every line, statement and position in one transaction)");
        body.add("- Export: `GET /v1/settlements/{id}/statements/{statementId}` with `Accept: text/csv` of the largest"
                + " statement (" + largest.get("lineCount").asInt() + " lines, " + bytes + " bytes), " + EXPORTS
                + " times, body read to the end on loopback; the server's JIT compiles the export's code during the first"
                + " runs, so the second half is the steady state");
        body.add("- Target from the issue: compute ≤ 30 s with RSS < 512 MB; export ≥ 20 MB/s");
        body.add("- Command: `bench/run settlement`");
        body.add("");
        body.add("| what | result |");
        body.add("|---|---|");
        body.add(String.format("| compute the month (%d shifts → %d statements) | %.1f s |", loaded, statementCount,
                computeSeconds));
        body.add(String.format("| server RSS before / max while computing / after | %d / %d / %d MiB |", rssBefore,
                rssMax.get(), rssAfter));
        body.add(String.format("| server RSS peak (VmHWM, since start) | %d MiB |", rssPeak));
        body.add("| CSV export MB/s (each run) | " + String.join(", ", exports) + " |");
        List<Double> warm = new ArrayList<>(rates.subList(rates.size() / 2, rates.size()));
        Collections.sort(warm);
        body.add(String.format("| CSV export MB/s, second half: median / worst / best | %.1f / %.1f / %.1f |",
                warm.get(warm.size() / 2), warm.get(0), warm.get(warm.size() - 1)));
        BenchmarkReport.write(report, "settlement", body);
        System.out.println(String.join("\n", body));
    }

    private static long load(String jdbcUrl, UUID tenant, YearMonth period) throws Exception {
        int workers = PLACEMENTS / SHIFTS_PER_WORKER;
        int pairWorkers = STATEMENT_LINES / SHIFTS_PER_WORKER;
        LocalDate first = period.atDay(1);
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement sql = db.createStatement()) {
            db.setAutoCommit(false);
            sql.execute("SELECT set_config('regiopool.tenant_id', '" + tenant + "', true)");
            BenchData.members(sql, MEMBERS, "CAO_HUISARTSENZORG");
            // workers 1..pairWorkers: lent by member 1 to member 2 (the large statement); the others spread
            sql.execute("""
                    CREATE TEMP TABLE w AS
                    SELECT g.i AS n, gen_random_uuid() AS id, gen_random_uuid() AS agreement,
                           (SELECT id FROM m WHERE m.n = CASE WHEN g.i <= %2$d THEN 1 ELSE 3 + g.i %% %3$d END) AS lender,
                           (SELECT id FROM m WHERE m.n = CASE WHEN g.i <= %2$d THEN 2 ELSE 3 + (g.i + 1) %% %3$d END) AS borrower,
                           g.i <= %2$d OR g.i %% 2 = 0 AS vat_eligible
                    FROM generate_series(1, %1$d) AS g(i)""".formatted(workers, pairWorkers, MEMBERS - 2));
            BenchData.workersLentOut(sql, 2025, "CAO_HUISARTSENZORG");
            sql.execute("""
                    INSERT INTO loan_agreement_version (tenant_id, agreement_id, version_no, start_date, hours_per_week,
                        tariff_cents_per_hour, cost_price_cents_per_hour, vat_eligible, vat_unmet_conditions,
                        lender_approved_at, lender_approved_by, borrower_approved_at, borrower_approved_by, in_force_from,
                        created_at)
                    SELECT current_tenant_id(), agreement, 1, DATE '2025-01-01', 40, 3150, 3150, vat_eligible,
                           CASE WHEN vat_eligible THEN '{}' ELSE ARRAY['INDEFINITE_CONTRACT'] END,
                           TIMESTAMPTZ '2025-01-02', 'bench', TIMESTAMPTZ '2025-01-02', 'bench', TIMESTAMPTZ '2025-01-02',
                           TIMESTAMPTZ '2025-01-02'
                    FROM w""");
            sql.execute("""
                    CREATE TEMP TABLE d AS
                    SELECT row_number() OVER (ORDER BY day) AS k, day
                    FROM generate_series(DATE '%1$s', DATE '%1$s' + interval '1 month' - interval '1 day', interval '1 day') day
                    WHERE extract(isodow FROM day) < 6""".formatted(first));
            sql.execute("""
                    INSERT INTO placement (tenant_id, id, kind, agreement_id, worker_id, borrower_member_id,
                        employer_member_id, role, starts_at, ends_at, break_minutes, status, confirmed_at,
                        actual_starts_at, actual_ends_at, actual_break_minutes, completed_at, completed_by)
                    SELECT current_tenant_id(), gen_random_uuid(), 'SHIFT', w.agreement, w.id, w.borrower, w.lender,
                           'DOKTERSASSISTENT', s.starts_at, s.ends_at, s.break, 'COMPLETED', s.starts_at - interval '7 days',
                           s.starts_at, s.ends_at, s.break, s.ends_at, 'bench'
                    FROM w CROSS JOIN LATERAL (
                        SELECT t AS starts_at, t + CASE WHEN evening THEN interval '5 hours' ELSE interval '510 minutes' END AS ends_at,
                               CASE WHEN evening THEN 0 ELSE 30 END AS break
                        FROM d, LATERAL (SELECT (w.n + d.k) %% 5 = 0 AS evening) e,
                             LATERAL (SELECT (d.day::date + CASE WHEN evening THEN TIME '17:00' ELSE TIME '08:00' END)
                                             AT TIME ZONE 'Europe/Amsterdam' AS t) x
                        WHERE d.k <= %d) s""".formatted(SHIFTS_PER_WORKER));
            db.commit();
            sql.execute("ANALYZE");
            db.commit(); // statistics are written in the transaction: without the commit they are rolled back
            try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM placement")) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
