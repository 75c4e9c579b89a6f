package nl.regiopool.bench;

import io.dropwizard.testing.DropwizardTestSupport;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.RegiopoolConfiguration;
import nl.regiopool.auth.TokenIssuer;

/**
 * The auditors' main question, {@code GET /v1/loan-agreements?asOf=...}, over one cooperative holding
 * 100,000 agreements with 3 versions each, through the real server (auth, RLS, JSON) on the embedded
 * PostgreSQL. The three query shapes are sent in turn until the JIT compiler has settled (server and client share
 * this JVM), then each is measured on its own. Reports p50/p99 per shape into BENCHMARKS.md.
 */
public final class AgreementAsOfBenchmark {

    private static final int AGREEMENTS = Integer.getInteger("bench.agreements", 100_000);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 1_000);
    /** The warm-up ends after two windows in a row in which the JIT compiled less than 2%, within these bounds. */
    private static final Duration WARM_UP_AT_MOST = Duration.ofSeconds(Integer.getInteger("bench.warmUpSeconds", 300));
    private static final Duration WARM_UP_AT_LEAST = WARM_UP_AT_MOST.compareTo(Duration.ofSeconds(30)) < 0
            ? WARM_UP_AT_MOST : Duration.ofSeconds(30);
    private static final Duration WARM_UP_WINDOW = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        BenchmarkReport.onFreshServer(args, AgreementAsOfBenchmark::run);
    }

    private static void run(DropwizardTestSupport<RegiopoolConfiguration> app, Path report) throws Exception {
        String jdbcUrl = ((RegiopoolApplication) app.getApplication()).databaseUrl();
        UUID tenant = UUID.randomUUID();
        long loadStarted = System.nanoTime();
        List<UUID> members = load(jdbcUrl, tenant);
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;

        String token = new TokenIssuer(app.getConfiguration().getAuth()).issue("bench-auditor", List.of("auditor"), tenant, null);
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + app.getLocalPort() + "/v1/loan-agreements?limit=50&asOf=";
        Random random = new Random(42);
        Instant from = Instant.parse("2024-01-01T00:00:00Z");
        long span = ChronoUnit.SECONDS.between(from, Instant.parse("2026-11-01T00:00:00Z"));

        Url firstPage = () -> base + from.plusSeconds((long) (random.nextDouble() * span));
        Url byMember = () -> base + from.plusSeconds((long) (random.nextDouble() * span)) + "&memberId="
                + members.get(random.nextInt(members.size()));
        Url byStatusAndVat = () -> base + from.plusSeconds((long) (random.nextDouble() * span))
                + "&status=ACTIVE&vatEligible=true";
        String warmUp = warmUp(http, token, List.of(firstPage, byMember, byStatusAndVat));
        long compilingBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long measuringStarted = System.nanoTime();
        List<String> rows = new ArrayList<>();
        rows.add(measure("asOf, first page of 50", http, token, firstPage, REQUESTS));
        rows.add(measure("asOf + memberId (either side), first page", http, token, byMember, REQUESTS));
        rows.add(measure("asOf + status=ACTIVE + vatEligible=true", http, token, byStatusAndVat, REQUESTS));
        String compilingWhileMeasured = String.format("the JIT compiled for %d ms in the %.0f s measured",
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compilingBefore,
                (System.nanoTime() - measuringStarted) / 1e9);

        List<String> body = new ArrayList<>();
        body.add("## Loan agreements `asOf`");
        body.add("");
        body.add("- Date: " + BenchmarkReport.now());
        body.add("- Machine: " + BenchmarkReport.machine());
        body.add("- Database: embedded PostgreSQL " + serverVersion(jdbcUrl) + ", one cooperative with " + AGREEMENTS
                + " agreements × 3 versions, " + members.size() + " members (loaded in " + String.format("%.1f", loadSeconds) + " s)");
        body.add("- Load: one client thread on loopback, " + REQUESTS + " requests per shape, one shape after the other, "
                + "through the full server (JWT, RLS, JSON); random `asOf` between 2024-01-01 and 2026-11-01");
        body.add("- Warm-up: " + warmUp + "; " + compilingWhileMeasured);
        body.add("- Command: `bench/run asof`");
        body.add("");
        body.add("| query | p50 ms | p99 ms | max ms | req/s |");
        body.add("|---|---:|---:|---:|---:|");
        body.addAll(rows);
        body.add("");
        body.add("The statements the server sends for these requests, with their plans, are in the region section below"
                + " (`bench/region/run` captures them from PostgreSQL's log).");
        BenchmarkReport.write(report, "agreements-asof", body);
        System.out.println(String.join("\n", body));
    }

    private interface Url {
        String next();
    }

    /**
     * Sends the shapes in turn for at least {@link #WARM_UP_AT_LEAST}, then until two {@link #WARM_UP_WINDOW}s in a
     * row in each of which the JIT compiler's threads spent less than 2% of the window compiling (at most
     * {@link #WARM_UP_AT_MOST}): one quiet window alone came between bursts of compiling.
     * Returns what it did, for the report.
     */
    private static String warmUp(HttpClient http, String token, List<Url> shapes) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long started = System.nanoTime();
        long windowStarted = started;
        long compilingAtWindowStart = jit.getTotalCompilationTime();
        long compilingInWindow = Long.MAX_VALUE;
        int quietWindows = 0;
        int requests = 0;
        while (System.nanoTime() - started < WARM_UP_AT_MOST.toNanos()) {
            for (Url shape : shapes) {
                call(http, token, shape.next());
                requests++;
            }
            long now = System.nanoTime();
            if (now - windowStarted >= WARM_UP_WINDOW.toNanos()) {
                compilingInWindow = jit.getTotalCompilationTime() - compilingAtWindowStart;
                System.out.printf("warm-up: %.0f s, %d requests, the JIT compiled for %d ms in the last %d s%n",
                        (now - started) / 1e9, requests, compilingInWindow, WARM_UP_WINDOW.toSeconds());
                quietWindows = compilingInWindow < WARM_UP_WINDOW.toMillis() / 50 ? quietWindows + 1 : 0;
                if (now - started >= WARM_UP_AT_LEAST.toNanos() && quietWindows >= 2) {
                    break;
                }
                windowStarted = now;
                compilingAtWindowStart = jit.getTotalCompilationTime();
            }
        }
        String line = String.format("%d requests (the shapes in turn) in %.0f s; in its last %d s the JIT compiled for"
                        + " %d ms (%s; at least %d s, at most %d s)", requests, (System.nanoTime() - started) / 1e9,
                WARM_UP_WINDOW.toSeconds(), compilingInWindow, quietWindows >= 2
                        ? "settled: two windows in a row under 2% of the time" : "not settled: stopped at the most",
                WARM_UP_AT_LEAST.toSeconds(), WARM_UP_AT_MOST.toSeconds());
        System.out.println("warm-up: " + line);
        return line;
    }

    private static String measure(String name, HttpClient http, String token, Url url, int requests) throws Exception {
        long[] micros = new long[requests];
        long started = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            String next = url.next();
            long t0 = System.nanoTime();
            call(http, token, next);
            micros[i] = (System.nanoTime() - t0) / 1000;
            if (micros[i] > 100_000) {
                System.out.printf("slow: %d ms, request %d of '%s': %s%n", micros[i] / 1000, i, name, next);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String row = String.format("| %s | %.1f | %.1f | %.1f | %.0f |", name, BenchmarkReport.percentileMillis(micros, 50),
                BenchmarkReport.percentileMillis(micros, 99), BenchmarkReport.percentileMillis(micros, 100), requests / seconds);
        System.out.println(row);
        return row;
    }

    private static void call(HttpClient http, String token, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Loads the region with set-based SQL as the superuser, bound to the tenant. */
    private static List<UUID> load(String jdbcUrl, UUID tenant) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement sql = db.createStatement()) {
            db.setAutoCommit(false);
            sql.execute("SELECT set_config('regiopool.tenant_id', '" + tenant + "', true)");
            sql.execute("INSERT INTO cooperative (id, name, slug) VALUES ('" + tenant + "', 'Bench', 'bench-" + tenant.toString().substring(0, 8) + "')");
            sql.execute("""
                    INSERT INTO member (tenant_id, id, name, kvk_number, sector, postcode, iban, joined_on)
                    SELECT current_tenant_id(), gen_random_uuid(), 'Praktijk ' || n, lpad(n::text, 8, '0'), 'GP_PRACTICE',
                           '7001 AB', 'NL91ABNA0417164300', DATE '2020-01-01'
                    FROM generate_series(1, 200) n""");
            sql.execute("""
                    CREATE TEMP TABLE m AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM member
                    WHERE tenant_id = current_tenant_id()""");
            sql.execute("""
                    INSERT INTO worker (tenant_id, id, employer_member_id, given_name, family_name, contract_hours_per_week,
                                        contract_type, hourly_cost_cents, postcode)
                    SELECT current_tenant_id(), gen_random_uuid(), (SELECT id FROM m WHERE m.n = 1 + w % 200),
                           'Worker', 'W' || w, 36, 'INDEFINITE', 3000, '7001 AB'
                    FROM generate_series(1, 20000) w""");
            sql.execute("CREATE TEMP TABLE w AS SELECT row_number() OVER (ORDER BY id) AS n, id, employer_member_id FROM worker WHERE tenant_id = current_tenant_id()");
            sql.execute("""
                    CREATE TEMP TABLE a AS
                    SELECT g.i AS n, w.id AS worker_id, w.employer_member_id AS lender,
                           (SELECT id FROM m WHERE m.n = 1 + (g.i * 7919) %% 200) AS borrower,
                           TIMESTAMPTZ '2024-01-01' + (g.i * interval '1 minute' * 7) AS created
                    FROM generate_series(1, %d) AS g(i) JOIN w ON w.n = 1 + g.i %% 20000""".formatted(AGREEMENTS));
            sql.execute("UPDATE a SET borrower = (SELECT id FROM m WHERE m.id <> a.lender ORDER BY m.n LIMIT 1) WHERE borrower = lender");
            // time-ordered ids, as the application makes them (UUIDv7 at each agreement's creation time)
            sql.execute("ALTER TABLE a ADD COLUMN id uuid");
            sql.execute("""
                    CREATE FUNCTION pg_temp.uuid7(at timestamptz) RETURNS uuid LANGUAGE sql AS $$
                        SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                            PLACING substring(int8send(floor(extract(epoch FROM at) * 1000)::bigint) FROM 3)
                            FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
                    $$""");
            sql.execute("UPDATE a SET id = pg_temp.uuid7(created)");
            sql.execute("""
                    INSERT INTO loan_agreement (tenant_id, id, number, lender_member_id, borrower_member_id, worker_id, role,
                        waadi_regime, status, proposed_at, activated_at, consented_on, consent_method, consent_recorded_at,
                        consent_recorded_by, created_at, updated_at)
                    SELECT current_tenant_id(), id, 'LA-' || extract(year FROM created)::int || '-' || lpad(n::text, 6, '0'),
                           lender, borrower, worker_id, 'DOKTERSASSISTENT', 'COLLEGIAL_NO_PROFIT', 'ACTIVE',
                           created + interval '1 hour', created + interval '1 day', created::date, 'DIGITAL',
                           created + interval '1 day', 'bench', created, created + interval '200 days'
                    FROM a""");
            sql.execute("""
                    INSERT INTO loan_agreement_version (tenant_id, agreement_id, version_no, start_date, end_date,
                        hours_per_week, tariff_cents_per_hour, cost_price_cents_per_hour, vat_eligible, vat_unmet_conditions,
                        lender_approved_at, lender_approved_by, borrower_approved_at, borrower_approved_by, created_at,
                        in_force_from, superseded_at)
                    SELECT current_tenant_id(), a.id, v, a.created::date, NULL, 4 + v * 4, 3000, 3000, v <> 2,
                           CASE WHEN v = 2 THEN '{FEE_WITHIN_WAGE_COST_PLUS_5PCT}'::text[] ELSE '{}'::text[] END,
                           a.created + (v - 1) * interval '100 days', 'bench', a.created + (v - 1) * interval '100 days', 'bench',
                           a.created + (v - 1) * interval '100 days',
                           a.created + interval '1 day' + (v - 1) * interval '100 days',
                           CASE WHEN v < 3 THEN a.created + interval '1 day' + v * interval '100 days' END
                    FROM a CROSS JOIN generate_series(1, 3) v""");
            db.commit();
            sql.execute("ANALYZE");
            db.commit(); // statistics are written in the transaction: without the commit they are rolled back
            List<UUID> members = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SELECT id FROM member WHERE tenant_id = '" + tenant + "'")) {
                while (rows.next()) {
                    members.add(rows.getObject(1, UUID.class));
                }
            }
            return members;
        }
    }

    private static String serverVersion(String jdbcUrl) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement sql = db.createStatement(); ResultSet row = sql.executeQuery("SHOW server_version")) {
            row.next();
            return row.getString(1);
        }
    }
}
