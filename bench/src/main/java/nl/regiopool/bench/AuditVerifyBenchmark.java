package nl.regiopool.bench;

import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.RegiopoolConfiguration;
import nl.regiopool.auth.TokenIssuer;
import nl.regiopool.bench.region.AuditChainLoader;

/**
 * {@code GET /v1/audit-events/verify} over a long chain, and {@code GET /v1/audit-checkpoints/{sequence}/verify}
 * for its last events, through the real server. The chain is one cooperative's: the loader appends events hashed
 * as the sealer hashes them, with one signed checkpoint {@code bench.tail} events before the head (the sealer signs
 * it for an event written through the API between two loads).
 */
public final class AuditVerifyBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);
    private static final int TAIL = Integer.getInteger("bench.tail", 10_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    public static void main(String[] args) throws Exception {
        BenchmarkReport.onFreshServer(args, AuditVerifyBenchmark::run, BenchmarkReport.SERVER_DEFAULT_VERIFY_WARM_UP);
    }

    private static void run(DropwizardTestSupport<RegiopoolConfiguration> app, Path report) throws Exception {
        String jdbcUrl = ((RegiopoolApplication) app.getApplication()).databaseUrl();
        TokenIssuer tokens = new TokenIssuer(app.getConfiguration().getAuth());
        String base = "http://localhost:" + app.getLocalPort();
        HttpClient http = HttpClient.newHttpClient();
        String slug = "bench-verify";
        String created = send(http, base + "/v1/cooperatives",
                tokens.issue("bench-operator", List.of("operator"), null, null),
                "{\"name\":\"Bench\",\"slug\":\"" + slug + "\"}");
        UUID tenant = UUID.fromString(field(created, "id"));
        String admin = tokens.issue("bench-admin", List.of("coop_admin"), tenant, null);
        String auditor = tokens.issue("bench-auditor", List.of("auditor"), tenant, null);
        get(http, base + "/v1/audit-events?limit=1", auditor);

        String superuserUrl = jdbcUrl + "?user=postgres&password=postgres";
        long loadStarted = System.nanoTime();
        AuditChainLoader.main(new String[] {superuserUrl, slug, Integer.toString(EVENTS - TAIL)});
        send(http, base + "/v1/members", admin, "{\"name\":\"Praktijk\",\"kvkNumber\":\"12345678\","
                + "\"sector\":\"GP_PRACTICE\",\"postcode\":\"7001 AB\",\"iban\":\"NL91ABNA0417164300\"}");
        get(http, base + "/v1/audit-events?limit=1", auditor);
        String checkpoints = get(http, base + "/v1/audit-checkpoints?limit=1", auditor);
        long checkpoint = Long.parseLong(field(checkpoints, "sequence"));
        AuditChainLoader.main(new String[] {superuserUrl, slug, Integer.toString(TAIL)});
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;

        List<String> rows = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            rows.add(measure("whole chain, round " + round, http, base + "/v1/audit-events/verify", auditor));
            rows.add(measure("from checkpoint " + checkpoint + ", round " + round, http,
                    base + "/v1/audit-checkpoints/" + checkpoint + "/verify", auditor));
        }

        List<String> body = new ArrayList<>();
        body.add("## Audit chain verify");
        body.add("");
        body.add("- Date: " + BenchmarkReport.now());
        body.add("- Machine: " + BenchmarkReport.machine());
        body.add("- Data: one cooperative's chain of about " + EVENTS + " events (loaded in "
                + String.format("%.0f", loadSeconds) + " s), a signed checkpoint " + TAIL + " events before the head");
        body.add("- Load: one request at a time, " + ROUNDS + " rounds; embedded test profile");
        body.add("- Target from the issue: whole chain of 1M events < 10 s; from a checkpoint, last 10,000 events < 1 s");
        body.add("- Command: `java -cp \"$(bench/classpath)\" nl.regiopool.bench.AuditVerifyBenchmark <report>`");
        body.add("");
        body.add("| verify | seconds | events checked | intact |");
        body.add("|---|---:|---:|---|");
        body.addAll(rows);
        BenchmarkReport.write(report, "audit-verify", body);
        System.out.println(String.join("\n", body));
    }

    private static String measure(String name, HttpClient http, String url, String token) throws Exception {
        long started = System.nanoTime();
        String answer = get(http, url, token);
        double seconds = (System.nanoTime() - started) / 1e9;
        String row = String.format("| %s | %.2f | %s | %s |", name, seconds, field(answer, "checkedEvents"),
                field(answer, "intact"));
        System.out.println(row);
        return row;
    }

    private static String send(HttpClient http, String url, String token, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String get(HttpClient http, String url, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]+)").matcher(json);
        if (!value.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return value.group(1);
    }
}
