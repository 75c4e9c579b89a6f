package nl.regiopool.bench.region;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.regiopool.bench.BenchmarkReport;

/**
 * Renders the "region" section of BENCHMARKS.md from what {@code bench/region/measure} leaves in its data
 * directory: {@code facts} (machine, tool versions, settings and data counts, one {@code key=value} a line),
 * {@code results} (one line per run: its name, then {@code key=value} fields), {@code create-statements.txt}
 * (pg_stat_statements of the create run), {@code capture-*.log} (the statements and plans of one request; a run
 * from before a capture existed simply has no section for it) and {@code before.properties} (the run the targets
 * are measured against).
 * <p>
 * Arguments: the data directory and the BENCHMARKS.md to write the section into.
 */
public final class RegionReport {

    static final String SECTION = "region";

    private record Capture(String title, String name) {

        String logName() {
            return "capture-" + name + ".log";
        }
    }

    private static final List<Capture> CAPTURES = List.of(
            new Capture("GET /v1/placements?limit=50 as coop_admin", "list"),
            new Capture("GET /v1/placements?limit=50 as a member (placements it borrows or employs)", "list-member"),
            new Capture("GET /v1/placements?limit=50&workerId=…", "list-worker"),
            new Capture("GET /v1/loan-agreements?limit=50&asOf=…&status=ACTIVE", "agreements-asof"),
            new Capture("GET /v1/loan-agreements?limit=50&asOf=…&status=ACTIVE&vatEligible=true", "agreements-asof-vat"),
            new Capture("POST /v1/placements (create with full validation)", "create"));

    private final Path data;
    private final Map<String, String> facts;
    private final List<String> results;

    private RegionReport(Path data) throws IOException {
        this.data = data;
        this.facts = keyValues(Files.readAllLines(data.resolve("facts")));
        this.results = Files.readAllLines(data.resolve("results"));
    }

    public static void main(String[] args) throws Exception {
        BenchmarkReport.write(Path.of(args[1]), SECTION, render(Path.of(args[0])));
    }

    static List<String> render(Path data) throws IOException {
        return new RegionReport(data).lines();
    }

    private List<String> lines() throws IOException {
        String api = rate("api_list");
        String pgbench = rate("pgbench_list");
        String bare = rate("bare_list");
        String ratioPgbench = fixed(Double.parseDouble(api) / Double.parseDouble(pgbench), 2);
        String ratioBare = fixed(Double.parseDouble(api) / Double.parseDouble(bare), 2);
        String cores = fact("cores");
        List<String> out = new ArrayList<>();
        out.add("## Standalone region: API vs pgbench vs bare Dropwizard (`bench/region/run`)");
        out.add("");
        out.add("Run " + fact("date") + " on " + cores + " cores (" + fact("cpu") + "),");
        out.add(fact("memory") + ", " + fact("kernel") + ";");
        out.add(fact("java") + "; PostgreSQL " + fact("postgres") + " (Debian package,");
        out.add("started by the script, fsync and synchronous_commit on, shared_buffers 4GB); " + fact("wrk") + ";");
        out.add(fact("pgbench") + "; Dropwizard 5.0.1, shaded server jar, JVM " + fact("jvm")
                + ". Server, PostgreSQL and the load");
        out.add("generators share the same " + cores
                + " cores, so every number below is for the whole stack on one small machine.");
        out.add("");
        out.add("Data: " + fact("cooperatives") + " cooperatives, " + fact("members") + " members, " + fact("workers")
                + " workers, " + fact("agreements") + " loan agreements (each with terms");
        out.add("in force), " + fact("placements") + " placements, " + fact("audit_events") + " audit events ("
                + fact("database_size") + " on disk). Loaded in " + fact("loaded_seconds") + " s:");
        out.add("cooperatives through the API, the rest by `bench/region/load-region.sql` and `AuditChainLoader`.");
        out.add("");
        out.add("Each run: " + fact("duration") + " s, " + fact("connections") + " connections, " + fact("load_threads")
                + " load threads, after " + fact("warmup") + " s of the same load (the JIT compiler");
        out.add("keeps a core busy for the first minutes); one cooperative (`bench-region-01`,");
        out.add("250,000 placements) as its coop_admin. CPU is in cores used over the run (PostgreSQL: its processes, which the");
        out.add("server's pool keeps; n/a where they do not apply: pgbench's backends end with it, so see machine busy), RSS is the");
        out.add("serving JVM's at the end.");
        out.add("");
        out.addAll(targets());
        out.add("| run | requests | req/s | p50 ms | p90 ms | p99 ms | server CPU | PostgreSQL CPU | machine busy | server RSS MiB |");
        out.add("|---|---|---|---|---|---|---|---|---|---|");
        out.add(row("api_list", "(a) API `GET /v1/placements?limit=50` (wrk)"));
        out.add(row("pgbench_list", "(a) the same SQL, pgbench -M prepared as the app role"));
        out.add(row("bare_list", "(b) bare Dropwizard endpoint, same page bytes (wrk)"));
        boolean memberView = hasLine("api_list_member") && hasLine("pgbench_list_member");
        if (memberView) {
            out.add(row("api_list_member", "(a) API `GET /v1/placements?limit=50` as a member (wrk)"));
            out.add(row("pgbench_list_member", "(a) the member's SQL, pgbench -M prepared as the app role"));
        }
        out.add(row("api_create", "(c) API `POST /v1/placements`, full validation (wrk)"));
        if (hasLine("api_asof")) {
            out.add(row("api_asof", "(e) API `GET /v1/loan-agreements?limit=50&asOf=…&status=ACTIVE&vatEligible=true` (wrk)"));
        }
        if (hasLine("api_asof_one")) {
            out.add(row("api_asof_one", "(e) the same asOf page, one connection (wrk -c1)"));
        }
        out.add("");
        out.add("- **(a) API / pgbench: " + ratioPgbench + "** (goal ≥ 0.6: "
                + (Double.parseDouble(ratioPgbench) >= 0.6 ? "met" : "NOT met") + "). pgbench runs the");
        out.add("  transaction the server sends (`bench/region/list-placements.sql`, taken from the captured log below).");
        if (memberView) {
            String ratioMember = fixed(Double.parseDouble(rate("api_list_member"))
                    / Double.parseDouble(rate("pgbench_list_member")), 2);
            out.add("- **(a) member view, API / pgbench: " + ratioMember + "** (goal ≥ 0.6: "
                    + (Double.parseDouble(ratioMember) >= 0.6 ? "met" : "NOT met")
                    + "; `bench/region/list-placements-member.sql`).");
        }
        if (hasLine("planning")) {
            out.add("- Plans per execution of the page query (pg_stat_statements.track_planning; 1 = planned on every request): "
                    + String.join(", ", allLines("planning")) + ".");
        }
        if (hasField("api_list", "warmup_s")) {
            out.add("- Warm-up before each API run: load until a 15 s chunk compiled fewer than 20 new methods (jstat): "
                    + "list " + field("api_list", "warmup_s") + " s (" + field("api_list", "jit_methods")
                    + " methods compiled)" + (hasField("api_list_member", "warmup_s") ? ", member list "
                    + field("api_list_member", "warmup_s") + " s" : "") + ".");
        }
        out.add("- **(b) API / bare Dropwizard: " + ratioBare + "**: what authentication, JSON mapping of rows, the database round trips");
        out.add("  and row-level security cost on top of Jetty and Jersey serving the same bytes.");
        out.add("- (c) creates: " + field("api_create", "created") + " × 201 and " + field("api_create", "non201")
                + " other answers in " + fact("duration") + " s.");
        out.add("- (d) `GET /v1/audit-events/verify`, whole chain, three runs: " + line("verify"));
        if (hasLine("verify_checkpoint")) {
            out.add("- (d) `GET /v1/audit-checkpoints/{sequence}/verify` from the newest signed checkpoint at least 10,000 events"
                    + " before the head, three runs: " + line("verify_checkpoint"));
        }
        if (hasLine("sealer_fault")) {
            out.add("- (g) the sealer under SIGKILL: creates for 20 s, the server killed with SIGKILL after 10 s, a new server"
                    + " started on the same database; it seals what the dead one left unsealed, and the whole chain verifies: "
                    + line("sealer_fault"));
        }
        out.add("");
        if (facts.containsKey("jvm_flags")) {
            out.add("Server JVM (`jcmd VM.flags`): `" + fact("jvm_flags").strip() + "`");
            out.add("");
        }
        Path settings = data.resolve("postgres-settings");
        if (Files.exists(settings)) {
            out.add("<details><summary>PostgreSQL settings that differ from the defaults (pg_settings)</summary>");
            out.add("");
            out.addAll(codeBlock(settings));
            out.add("</details>");
            out.add("");
        }
        out.add("Where the database time of the create run went (pg_stat_statements, the application role, top 12):");
        out.add("");
        out.addAll(codeBlock(data.resolve("create-statements.txt")));
        out.add("");
        for (String profile : List.of("list", "create", "verify")) {
            Path summary = data.resolve("profile-" + profile + ".txt");
            if (Files.exists(summary)) {
                out.add("Where the server's CPU went in the " + profile + (profile.equals("verify")
                        ? " of the whole chain (one request" : " load (" + fact("duration") + " s")
                        + "; JFR execution samples every 10 ms of threads running Java code, `JfrSummary`):");
                out.add("");
                out.addAll(codeBlock(summary));
                out.add("");
            }
        }
        out.add("### Hot queries: every statement of one request, with its plan (`EXPLAIN (ANALYZE, BUFFERS)` by auto_explain)");
        out.add("");
        out.add("Captured from the server's own requests with `log_statement = all` and auto_explain switched on for that request");
        out.add("only, so these are the statements, parameters and plans as run, not hand-written copies.");
        out.add("");
        for (Capture capture : CAPTURES) {
            if (Files.exists(data.resolve(capture.logName()))) {
                out.addAll(plans(capture));
            }
        }
        return out;
    }

    /** Each target of the performance work: the run it is measured against, this run, and whether it is met. */
    private List<String> targets() throws IOException {
        Path file = data.resolve("before.properties");
        Map<String, String> before = keyValues(Files.readAllLines(file));
        List<String> out = new ArrayList<>();
        out.add("Targets, before (region run of " + before.get("date") + ", commit " + before.get("commit")
                + ", JVM -Xms1g -Xmx2g) → this run:");
        out.add("");
        out.add("| target | goal | before | this run | met |");
        out.add("|---|---|---|---|---|");
        double ratio = Double.parseDouble(rate("api_list")) / Double.parseDouble(rate("pgbench_list"));
        out.add("| list as coop_admin, API / pgbench (same SQL) | ≥ 0.6 | "
                + fixed(Double.parseDouble(before.get("api_list_rps")) / Double.parseDouble(before.get("pgbench_list_rps")), 2)
                + " (" + before.get("api_list_rps") + " vs " + before.get("pgbench_list_rps") + " req/s; pgbench with a literal LIMIT) | "
                + fixed(ratio, 2) + " (" + fixed(Double.parseDouble(rate("api_list")), 0) + " vs "
                + fixed(Double.parseDouble(rate("pgbench_list")), 0) + " req/s) | " + yesNo(ratio >= 0.6) + " |");
        if (hasLine("api_list_member") && hasLine("pgbench_list_member")) {
            double member = Double.parseDouble(rate("api_list_member")) / Double.parseDouble(rate("pgbench_list_member"));
            out.add("| list as a member, API / pgbench | ≥ 0.6 | not measured | " + fixed(member, 2) + " ("
                    + fixed(Double.parseDouble(rate("api_list_member")), 0) + " vs "
                    + fixed(Double.parseDouble(rate("pgbench_list_member")), 0) + " req/s) | " + yesNo(member >= 0.6) + " |");
        }
        double creates = Double.parseDouble(rate("api_create"));
        double createP99 = Double.parseDouble(field("api_create", "p99_us")) / 1000;
        out.add("| placement creates, full validation | ≥ 1,500/s, p99 < 30 ms | " + before.get("create_rps") + "/s, p99 "
                + before.get("create_p99_ms") + " ms | " + fixed(creates, 0) + "/s, p99 " + fixed(createP99, 1) + " ms | "
                + yesNo(creates >= 1500 && createP99 < 30) + " |");
        double verifyWorst = 0;
        for (String time : line("verify").replaceAll("^times=|rss_mib=.*$", "").trim().split(" ")) {
            verifyWorst = Math.max(verifyWorst, Double.parseDouble(time));
        }
        out.add("| verify the whole chain (" + fact("audit_events") + " events) | < 10 s | " + before.get("verify_s") + " s ("
                + before.get("verify_events") + " events) | " + fixed(verifyWorst, 1) + " s (slowest of 3) | "
                + yesNo(verifyWorst < 10) + " |");
        if (hasLine("verify_checkpoint")) {
            double worst = 0;
            for (String time : line("verify_checkpoint").replaceAll("^.*times=|body=.*$", "").trim().split(" ")) {
                worst = Math.max(worst, Double.parseDouble(time));
            }
            long events = Long.parseLong(field("verify_checkpoint", "head")) - Long.parseLong(field("verify_checkpoint", "checkpoint"));
            out.add("| verify from a checkpoint (last " + events + " events) | < 1 s | no checkpoints | " + fixed(worst, 2)
                    + " s (slowest of 3) | " + yesNo(worst < 1) + " |");
        }
        int rss = 0;
        for (String run : List.of("api_list", "api_list_member", "api_create", "api_asof")) {
            if (hasField(run, "rss_mib")) {
                rss = Math.max(rss, Integer.parseInt(field(run, "rss_mib")));
            }
        }
        out.add("| server RSS under the list and create loads | ≤ 400 MB | " + before.get("rss_mib") + " MiB | " + rss
                + " MiB (largest at the end of a run) | " + yesNo(rss * 1.048576 <= 400) + " |");
        if (hasLine("api_asof")) {
            double p99 = Double.parseDouble(field("api_asof", "p99_us")) / 1000;
            out.add("| asOf with `status=ACTIVE&vatEligible=true`, p99 | ≤ 20 ms | " + before.get("asof_vat_p99_ms")
                    + " ms (agreements benchmark, 100,000 agreements) | " + fixed(p99, 1) + " ms (" + fact("agreements")
                    + " agreements in the database, 16 connections) | " + yesNo(p99 <= 20) + " |");
        }
        if (hasLine("api_asof_one")) {
            double p99 = Double.parseDouble(field("api_asof_one", "p99_us")) / 1000;
            out.add("| the same asOf page for one client, p99 | ≤ 20 ms | " + before.get("asof_vat_p99_ms")
                    + " ms (agreements benchmark, one client) | " + fixed(p99, 1) + " ms (one connection) | "
                    + yesNo(p99 <= 20) + " |");
        }
        if (hasLine("sealer_fault")) {
            boolean intact = line("sealer_fault").contains("\"intact\":true")
                    && field("sealer_fault", "placements_without_event").equals("0")
                    && field("sealer_fault", "unsealed_now").equals("0");
            out.add("| SIGKILL between commit and seal | no event lost, chain intact after restart | not tested at this size | "
                    + field("sealer_fault", "unsealed_at_kill") + " events unsealed at the kill, sealed "
                    + field("sealer_fault", "sealed_within_s") + " s after the restart | " + yesNo(intact) + " |");
        }
        out.add("");
        return out;
    }

    private static String yesNo(boolean met) {
        return met ? "yes" : "**no**";
    }

    /** The file's lines as a fenced code block. */
    private static List<String> codeBlock(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        out.add("```");
        for (String line : Files.readAllLines(file)) {
            out.add(line.stripTrailing());
        }
        out.add("```");
        return out;
    }

    private String row(String run, String label) {
        return "| " + label + " | " + field(run, "requests") + " | " + fixed(Double.parseDouble(rate(run)), 0)
                + " | " + millis(field(run, "p50_us")) + " | " + millis(field(run, "p90_us")) + " | "
                + millis(field(run, "p99_us")) + " | " + field(run, "server_cores") + " | " + field(run, "postgres_cores")
                + " | " + field(run, "machine_busy_pct") + "% | " + field(run, "rss_mib") + " |";
    }

    /** Requests per second to one decimal; the table shows it rounded again to a whole number. */
    private String rate(String run) {
        return fixed(Double.parseDouble(field(run, "requests")) / Double.parseDouble(field(run, "seconds")), 1);
    }

    private static String millis(String micros) {
        return fixed(Double.parseDouble(micros) / 1000, 1);
    }

    private List<String> plans(Capture capture) throws IOException {
        List<String> out = new ArrayList<>();
        out.add("<details><summary>" + capture.title() + "</summary>");
        out.add("");
        out.add("```");
        for (String logLine : Files.readAllLines(data.resolve(capture.logName()))) {
            if (!logLine.startsWith("\tQuery Text")) {
                out.add(logLine.startsWith("regiopool_app ") ? logLine.substring("regiopool_app ".length()) : logLine);
            }
        }
        out.add("```");
        out.add("</details>");
        out.add("");
        return out;
    }

    /** The last results line of a run, without its name. */
    private String line(String run) {
        String found = null;
        for (String result : results) {
            if (result.startsWith(run + " ")) {
                found = result.substring(run.length() + 1);
            }
        }
        if (found == null) {
            throw new IllegalStateException("no results line for " + run);
        }
        return found;
    }

    private boolean hasLine(String run) {
        return results.stream().anyMatch(result -> result.startsWith(run + " "));
    }

    /** Every results line of a run, without its name (for runs that record one line per case). */
    private List<String> allLines(String run) {
        return results.stream().filter(result -> result.startsWith(run + " "))
                .map(result -> result.substring(run.length() + 1)).toList();
    }

    private boolean hasField(String run, String key) {
        return hasLine(run) && (" " + line(run)).contains(" " + key + "=");
    }

    private String field(String run, String key) {
        for (String token : line(run).split(" ")) {
            int equals = token.indexOf('=');
            if (equals > 0 && token.substring(0, equals).equals(key)) {
                return token.substring(equals + 1);
            }
        }
        throw new IllegalStateException("results line " + run + " has no " + key);
    }

    private String fact(String key) {
        String value = facts.get(key);
        if (value == null) {
            throw new IllegalStateException("facts file has no " + key);
        }
        return value;
    }

    private static Map<String, String> keyValues(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }

    /** Like C's printf("%.Nf"): rounds the exact binary value half to even (String.format rounds half up). */
    static String fixed(double value, int decimals) {
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }
}
