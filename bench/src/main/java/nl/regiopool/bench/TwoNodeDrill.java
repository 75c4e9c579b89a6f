package nl.regiopool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import nl.regiopool.auth.AuthConfig;
import nl.regiopool.auth.TokenIssuer;

/**
 * The two-node drill (bench/twonode/run starts PostgreSQL, two server processes and HAProxy): drives placement
 * creates with Idempotency-Keys through the proxy, SIGKILLs node A mid-load, retries the writes that got no answer
 * through the proxy (now node B), and checks against the database that every acknowledged write is there once,
 * that every background job handled each due item once across both nodes, and that every audit chain verifies.
 * Writes the "twonode" section of the report; exits 1 when a check fails.
 *
 * <p>System properties: twonode.proxy (base URL), twonode.jdbc (superuser JDBC URL), twonode.secret (the nodes'
 * HS256 secret), twonode.issuer, twonode.killPid (node A's process), twonode.workers (per cooperative),
 * twonode.weeks, twonode.threads, twonode.killAfter (fraction of the writes sent before the kill).
 */
public final class TwoNodeDrill {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final int COOPERATIVES = 2;
    private static final int WORKERS = Integer.getInteger("twonode.workers", 60);
    private static final int WEEKS = Integer.getInteger("twonode.weeks", 8);
    private static final int THREADS = Integer.getInteger("twonode.threads", 8);
    private static final double KILL_AFTER = Double.parseDouble(System.getProperty("twonode.killAfter", "0.4"));
    /** Due items per job, cooperative and wave (before the load, just before the kill, after it). */
    private static final int ITEMS = Integer.getInteger("twonode.items", 25);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);
    /**
     * A POST the killed node wrote just before the signal can reach the receiver's handler after the kill's
     * timestamp; with runs, a node posts an endpoint's deliveries back to back, so one is often on the wire.
     */
    private static final Duration IN_FLIGHT_AT_KILL = Duration.ofSeconds(1);
    /**
     * The survivor sends a dead node's run again only when its lease (60 s from the claim) ends, and a run starts
     * no POST later than 30 s after its claim: a copy sooner than this after the first would be a double send.
     */
    private static final Duration RESENT_NO_SOONER = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String proxy = System.getProperty("twonode.proxy");
    private final String jdbc = System.getProperty("twonode.jdbc");
    private final long killPid = Long.getLong("twonode.killPid");
    private final TokenIssuer tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newCachedThreadPool(TwoNodeDrill::daemon)).build();
    private final List<String> lines = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, List<Instant>> receipts = new ConcurrentHashMap<>();

    private TwoNodeDrill() {
        AuthConfig auth = new AuthConfig();
        auth.setIssuer(System.getProperty("twonode.issuer", "regiopool-twonode"));
        auth.setAudience("regiopool-api");
        auth.setAlgorithm(AuthConfig.Algorithm.HS256);
        auth.setHmacSecret(System.getProperty("twonode.secret"));
        tokens = new TokenIssuer(auth);
    }

    /** One placement create: its key and body never change between the first send and the retries. */
    private record Write(UUID tenant, String token, String key, String body) {
    }

    /** What a send of a write came back with: the placement id on a 201, the node that answered. */
    private record Answer(int status, UUID id, boolean replayed, String node, String error) {
        boolean created() {
            return status == 201 && id != null;
        }

        /** No answer from a server: the connection broke, or the proxy answered for a node that died. */
        boolean unanswered() {
            return status == 0 || status == 502 || status == 503 || status == 504;
        }
    }

    private record Seeded(List<UUID> agreements, List<UUID> requests, List<UUID> applicants) {
        static Seeded empty() {
            return new Seeded(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        }
    }

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "BENCHMARKS.md");
        boolean passed = false;
        try {
            passed = new TwoNodeDrill().run(report);
        } catch (Exception | Error e) {
            e.printStackTrace();
        } finally {
            // the webhook receiver's dispatcher thread would keep the JVM alive
            System.exit(passed ? 0 : 1);
        }
    }

    private boolean run(Path report) throws Exception {
        HttpServer receiver = webhookReceiver();
        String hookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        String operator = tokens.issue("twonode-operator", List.of("operator"), null, null);
        List<UUID> tenants = new ArrayList<>();
        Map<UUID, String> admins = new LinkedHashMap<>();
        List<Write> writes = new ArrayList<>();
        Seeded seeded = Seeded.empty();
        long run = System.currentTimeMillis() / 1000;
        for (int c = 1; c <= COOPERATIVES; c++) {
            JsonNode cooperative = post(operator, "/v1/cooperatives", UUID.randomUUID().toString(),
                    "{\"name\":\"Twonode " + c + "\",\"slug\":\"twonode-" + run + "-" + c + "\",\"region\":\"Drill\"}");
            UUID tenant = UUID.fromString(cooperative.get("id").asText());
            tenants.add(tenant);
            String admin = tokens.issue("twonode-admin-" + c, List.of("coop_admin"), tenant, null);
            admins.put(tenant, admin);
            post(admin, "/v1/webhook-endpoints", UUID.randomUUID().toString(), "{\"url\":\"" + hookUrl
                    + "\",\"eventTypes\":[\"placement.created\",\"loan_agreement.ended\",\"staffing_request.expired\"]}");
            for (UUID agreement : loadWorkers(tenant)) {
                LocalDate saturday = LocalDate.now(ZONE).plusWeeks(2).with(java.time.DayOfWeek.SATURDAY);
                for (int week = 0; week < WEEKS; week++) {
                    Instant start = saturday.plusWeeks(week).atTime(LocalTime.of(8, 0)).atZone(ZONE).toInstant();
                    writes.add(new Write(tenant, admin, UUID.randomUUID().toString(), "{\"agreementId\":\"" + agreement
                            + "\",\"startsAt\":\"" + start + "\",\"endsAt\":\"" + start.plus(Duration.ofMinutes(480))
                            + "\",\"breakMinutes\":30}"));
                }
            }
        }
        Collections.shuffle(writes, new Random(7));
        seedDueItems(tenants, seeded, "before the load");

        Map<Write, Answer> first = new ConcurrentHashMap<>();
        Instant killedAt = load(writes, first, tenants, seeded);
        List<String> load = new ArrayList<>();
        long created = first.values().stream().filter(Answer::created).count();
        long unanswered = first.values().stream().filter(Answer::unanswered).count();
        long other = first.size() - created - unanswered;
        Map<String, Long> byNode = new LinkedHashMap<>();
        first.values().stream().filter(Answer::created)
                .forEach(answer -> byNode.merge(answer.node(), 1L, Long::sum));
        load.add("| placement creates sent through HAProxy (" + THREADS + " client threads) | " + writes.size() + " |");
        load.add("| acknowledged (201) on the first send, by node | " + created + " " + byNode + " |");
        load.add("| no answer (connection broken, or 502/503/504 from the proxy) | " + unanswered + " |");
        load.add("| other answers (each a failure) | " + other + " |");
        if (other > 0) {
            first.values().stream().filter(a -> !a.created() && !a.unanswered()).limit(5)
                    .forEach(a -> failures.add("a first send answered " + a.status() + ": " + a.error()));
        }
        seedDueItems(tenants, seeded, "after the kill");

        Map<Write, Answer> last = retries(writes, first, load);
        checkWritesOnce(first, last, load);
        List<String> jobs = checkJobs(tenants, seeded, killedAt);
        List<String> chains = checkChains(admins);
        receiver.stop(0);

        List<String> body = new ArrayList<>();
        body.add("## Two nodes, one database (HAProxy, SIGKILL mid-load)");
        body.add("");
        body.add("- Date: " + BenchmarkReport.now());
        body.add("- Machine: " + BenchmarkReport.machine());
        body.add("- Setup: one PostgreSQL, two server processes (the packaged jar) on it behind HAProxy on loopback"
                + " (round robin, health check on each node's admin port); every background job runs on both nodes every"
                + " 2 s (the webhook deliverer every 0.1 s: it sends one delivery per endpoint at a time, in order). " + COOPERATIVES + " cooperatives, " + WORKERS
                + " workers with an ACTIVE agreement each, a webhook endpoint each (a local receiver)");
        body.add("- Load: " + writes.size() + " placement creates, each with its own `Idempotency-Key`; node A got SIGKILL"
                + " after " + Math.round(KILL_AFTER * 100) + "% of them; due items for every job (" + ITEMS
                + " per job, cooperative and wave) seeded before the load, just before the kill and after it");
        body.add("- Command: `bench/run twonode`");
        body.add("- Result: " + (failures.isEmpty() ? "every check passed" : failures.size() + " failed check(s)"));
        body.add("");
        body.add("| what | result |");
        body.add("|---|---|");
        body.addAll(load);
        body.addAll(jobs);
        body.addAll(chains);
        body.addAll(lines);
        if (!failures.isEmpty()) {
            body.add("");
            body.add("Failed checks:");
            failures.forEach(failure -> body.add("- " + failure));
        }
        BenchmarkReport.write(report, "twonode", body);
        System.out.println(String.join("\n", body));
        return failures.isEmpty();
    }

    /** Sends every write once from THREADS threads; kills node A after KILL_AFTER of them; returns when it did. */
    private Instant load(List<Write> writes, Map<Write, Answer> answers, List<UUID> tenants, Seeded seeded)
            throws Exception {
        ConcurrentLinkedQueue<Write> queue = new ConcurrentLinkedQueue<>(writes);
        int killAt = (int) (writes.size() * KILL_AFTER);
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        Instant[] killedAt = new Instant[1];
        ExecutorService threads = Executors.newFixedThreadPool(THREADS, TwoNodeDrill::daemon);
        for (int t = 0; t < THREADS; t++) {
            threads.submit(() -> {
                Write write;
                while ((write = queue.poll()) != null) {
                    if (sent.incrementAndGet() == killAt && killed.compareAndSet(false, true)) {
                        seedDueItems(tenants, seeded, "just before the kill");
                        ProcessHandle node = ProcessHandle.of(killPid).orElseThrow(
                                () -> new IllegalStateException("node A (pid " + killPid + ") is not running"));
                        // ProcessHandle.destroyForcibly is SIGKILL on Linux
                        node.destroyForcibly();
                        killedAt[0] = Instant.now();
                        System.err.println(killedAt[0] + " SIGKILL to node A (pid " + killPid + ") after " + killAt
                                + " of " + writes.size() + " writes");
                    }
                    answers.put(write, send(write));
                }
                return null;
            });
        }
        threads.shutdown();
        if (!threads.awaitTermination(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the load did not finish in 30 minutes");
        }
        if (killedAt[0] == null) {
            throw new IllegalStateException("node A was never killed");
        }
        return killedAt[0];
    }

    /**
     * Every write that got no answer, again with its key through the proxy (only node B is left) until it is
     * answered; then every write once more: each must replay the id of its first 201, marked Idempotent-Replayed.
     */
    private Map<Write, Answer> retries(List<Write> writes, Map<Write, Answer> first, List<String> out) throws Exception {
        Map<Write, Answer> settled = new LinkedHashMap<>();
        int replayedUnanswered = 0;
        int createdOnRetry = 0;
        for (Write write : writes) {
            Answer answer = first.get(write);
            if (answer.unanswered()) {
                Answer retry = answer;
                for (int attempt = 0; attempt < 10 && retry.unanswered(); attempt++) {
                    Thread.sleep(attempt == 0 ? 0 : 1000);
                    retry = send(write);
                }
                if (!retry.created()) {
                    failures.add("the retry of an unanswered write answered " + retry.status() + ": " + retry.error());
                } else if (retry.replayed()) {
                    replayedUnanswered++;
                } else {
                    createdOnRetry++;
                }
                answer = retry;
            }
            settled.put(write, answer);
        }
        int replays = 0;
        int replaysAcrossNodes = 0;
        for (Map.Entry<Write, Answer> entry : settled.entrySet()) {
            if (!entry.getValue().created()) {
                continue;
            }
            Answer again = send(entry.getKey());
            if (!again.created() || !again.replayed() || !again.id().equals(entry.getValue().id())) {
                failures.add("a retry of an acknowledged write did not replay it: " + again.status() + " id "
                        + again.id() + " (acknowledged " + entry.getValue().id() + "), replayed " + again.replayed());
            } else {
                replays++;
                if (!again.node().equals(entry.getValue().node())) {
                    replaysAcrossNodes++;
                }
            }
        }
        long unanswered = first.values().stream().filter(Answer::unanswered).count();
        out.add("| unanswered writes retried with the same key through the proxy: the original had committed"
                + " (replayed) / had not (created now) | " + replayedUnanswered + " / " + createdOnRetry + " of "
                + unanswered + " |");
        out.add("| every answered write sent once more with its key: replayed with the same id | " + replays + " of "
                + settled.values().stream().filter(Answer::created).count() + " (" + replaysAcrossNodes
                + " answered by the other node than the first time) |");
        return settled;
    }

    /** Every acknowledged id is a placement, once; no write made two placements; nothing beyond the writes. */
    private void checkWritesOnce(Map<Write, Answer> first, Map<Write, Answer> settled, List<String> out)
            throws SQLException {
        List<UUID> acknowledged = first.values().stream().filter(Answer::created).map(Answer::id).toList();
        List<UUID> all = settled.values().stream().filter(Answer::created).map(Answer::id).toList();
        try (Connection db = database()) {
            int present = 0;
            try (PreparedStatement count = db.prepareStatement("SELECT count(*) FROM placement WHERE id = ?")) {
                for (UUID id : acknowledged) {
                    count.setObject(1, id);
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) == 1) {
                            present++;
                        } else {
                            failures.add("acknowledged placement " + id + " is in the database " + rs.getInt(1) + " times");
                        }
                    }
                }
            }
            long placements = scalar(db, "SELECT count(*) FROM placement");
            long doubled = scalar(db, "SELECT count(*) FROM (SELECT agreement_id, starts_at FROM placement"
                    + " GROUP BY 1, 2 HAVING count(*) > 1) d");
            long distinct = all.stream().distinct().count();
            out.add("| acknowledged writes present in the database exactly once | " + present + " of "
                    + acknowledged.size() + " |");
            out.add("| placements in the database / distinct ids answered (first sends and retries) / slots created"
                    + " twice | " + placements + " / " + distinct + " / " + doubled + " |");
            if (placements != distinct || distinct != all.size() || doubled != 0) {
                failures.add("the database holds " + placements + " placements for " + distinct + " answered ids ("
                        + all.size() + " writes); " + doubled + " slots twice");
            }
        }
    }

    /** Each seeded item handled by its job exactly once (one audit event, one outbox event), every delivery once. */
    private List<String> checkJobs(List<UUID> tenants, Seeded seeded, Instant killedAt) throws Exception {
        List<String> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(DRAIN_TIMEOUT);
        try (Connection db = database()) {
            String agreements = ids(seeded.agreements());
            String requests = ids(seeded.requests());
            String applicants = ids(seeded.applicants());
            String pendingSql = "SELECT (SELECT count(*) FROM loan_agreement WHERE status = 'ACTIVE' AND id IN " + agreements
                    + ") + (SELECT count(*) FROM staffing_request WHERE status = 'OPEN' AND id IN " + requests
                    + ") + (SELECT count(*) FROM internship_applicant WHERE erased_at IS NULL AND id IN " + applicants
                    + ") + (SELECT count(*) FROM webhook_delivery WHERE status = 'PENDING')"
                    + " + (SELECT count(*) FROM event e JOIN webhook_dispatch c ON c.tenant_id = e.tenant_id"
                    + " WHERE (e.txid, e.position) > (c.txid, c.position))";
            long pending;
            while ((pending = scalar(db, pendingSql)) > 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(1000);
            }
            long waited = DRAIN_TIMEOUT.toSeconds() - Duration.between(Instant.now(), deadline).toSeconds();
            out.add("| seconds until every job had handled every due item and every delivery (after the load) | "
                    + waited + (pending > 0 ? " (timed out, " + pending + " left)" : "") + " |");
            if (pending > 0) {
                failures.add(pending + " due items or deliveries were still unhandled after " + DRAIN_TIMEOUT.toSeconds() + " s");
            }
            once(db, out, "agreement expiry", "loan_agreement", "status = 'ENDED'", "loan_agreement.ended",
                    seeded.agreements(), true);
            once(db, out, "staffing request expiry", "staffing_request", "status = 'EXPIRED'",
                    "staffing_request.expired", seeded.requests(), true);
            once(db, out, "applicant retention", "internship_applicant", "erased_at IS NOT NULL",
                    "internship_applicant.erased", seeded.applicants(), false);
            webhooks(db, out, killedAt);
        }
        return out;
    }

    private void once(Connection db, List<String> out, String job, String table, String done, String action,
                      List<UUID> items, boolean event) throws SQLException {
        String in = ids(items);
        long handled = scalar(db, "SELECT count(*) FROM " + table + " WHERE " + done + " AND id IN " + in);
        long auditedOnce = scalar(db, "SELECT count(*) FROM (SELECT entity_id FROM audit_event WHERE action = '" + action
                + "' AND entity_id IN " + in + " GROUP BY entity_id HAVING count(*) = 1) a");
        long audits = scalar(db, "SELECT count(*) FROM audit_event WHERE action = '" + action + "' AND entity_id IN " + in);
        long events = event ? scalar(db, "SELECT count(*) FROM event WHERE type = '" + action + "' AND entity_id IN " + in) : -1;
        long actors = scalar(db, "SELECT count(DISTINCT actor_subject) FROM audit_event WHERE action = '" + action
                + "' AND entity_id IN " + in);
        out.add("| " + job + ": items handled / audited exactly once / audit events" + (event ? " / outbox events" : "")
                + " | " + handled + " / " + auditedOnce + " / " + audits + (event ? " / " + events : "") + " of "
                + items.size() + " |");
        if (handled != items.size() || auditedOnce != items.size() || audits != items.size()
                || (event && events != items.size()) || actors != 1) {
            failures.add(job + ": " + handled + " handled, " + auditedOnce + " audited once, " + audits
                    + " audit events, " + events + " outbox events for " + items.size() + " items");
        }
    }

    /**
     * One delivery row per endpoint and event, each SUCCEEDED at its first recorded attempt. The receiver may see
     * an event twice only if node A posted it and died before recording the result: the survivor sends it again
     * after the claim's lease (at-least-once, the webhook-id header lets receivers drop the copy). A copy that came
     * sooner than {@link #RESENT_NO_SOONER} after the first, or whose first came well after the kill, is a failure.
     */
    private void webhooks(Connection db, List<String> out, Instant killedAt) throws SQLException {
        long deliveries = scalar(db, "SELECT count(*) FROM webhook_delivery");
        long succeededFirst = scalar(db, "SELECT count(*) FROM webhook_delivery WHERE status = 'SUCCEEDED' AND attempts = 1");
        long perEvent = scalar(db, "SELECT count(*) FROM (SELECT event_id FROM webhook_delivery GROUP BY endpoint_id, event_id"
                + " HAVING count(*) > 1) d");
        long received = receipts.size();
        List<String> duplicates = receipts.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(Map.Entry::getKey).toList();
        long explained = duplicates.stream().filter(id -> {
            List<Instant> seen = receipts.get(id);
            boolean byTheKilledNode = !seen.get(0).isAfter(killedAt.plus(IN_FLIGHT_AT_KILL))
                    && seen.get(0).isAfter(killedAt.minus(WEBHOOK_TIMEOUT.plusSeconds(1)));
            boolean afterTheLease = seen.stream().skip(1)
                    .allMatch(copy -> !copy.isBefore(seen.get(0).plus(RESENT_NO_SOONER)));
            if (!byTheKilledNode || !afterTheLease) {
                System.err.println("unexplained copy of " + id + ": received at " + seen.stream()
                        .map(at -> Duration.between(killedAt, at).toMillis() + " ms").toList() + " from the kill");
            }
            return byTheKilledNode && afterTheLease;
        }).count();
        out.add("| webhook deliverer: deliveries / succeeded at their first recorded attempt / events with more than"
                + " one delivery row | " + deliveries + " / " + succeededFirst + " / " + perEvent + " |");
        out.add("| webhook receiver: distinct events received / received more than once (of which sent by node A in"
                + " its last " + WEBHOOK_TIMEOUT.toSeconds() + " s, or on the wire at the kill, and resent after the"
                + " lease) | " + received + " / "
                + duplicates.size() + " (" + explained + ") |");
        if (succeededFirst != deliveries || perEvent != 0 || received != deliveries || explained != duplicates.size()) {
            failures.add("webhooks: " + deliveries + " deliveries, " + succeededFirst + " succeeded first, " + perEvent
                    + " events with several rows, " + received + " received, " + duplicates.size() + " twice ("
                    + explained + " explained by the kill)");
        }
    }

    private List<String> checkChains(Map<UUID, String> admins) throws Exception {
        List<String> out = new ArrayList<>();
        int c = 0;
        for (Map.Entry<UUID, String> admin : admins.entrySet()) {
            c++;
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(proxy + "/v1/audit-events/verify"))
                    .header("Authorization", "Bearer " + admin.getValue()).timeout(Duration.ofMinutes(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode result = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
            boolean intact = result != null && result.path("intact").asBoolean(false);
            out.add("| audit chain of cooperative " + c + " (`GET /v1/audit-events/verify`) | " + (result == null
                    ? "HTTP " + response.statusCode() : "intact: " + intact + ", " + result.path("checkedEvents").asLong()
                    + " events") + " |");
            if (!intact) {
                failures.add("the audit chain of cooperative " + admin.getKey() + " does not verify: " + response.body());
            }
        }
        return out;
    }

    private Answer send(Write write) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(proxy + "/v1/placements"))
                    .header("Authorization", "Bearer " + write.token()).header("Content-Type", "application/json")
                    .header("Idempotency-Key", write.key()).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(write.body())).build(), HttpResponse.BodyHandlers.ofString());
            String node = response.headers().firstValue("X-Served-By").orElse("?");
            boolean replayed = response.headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false);
            if (response.statusCode() == 201) {
                return new Answer(201, UUID.fromString(JSON.readTree(response.body()).get("id").asText()), replayed, node, null);
            }
            return new Answer(response.statusCode(), null, replayed, node, response.body());
        } catch (IOException e) {
            return new Answer(0, null, false, "?", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null, false, "?", e.toString());
        }
    }

    private JsonNode post(String token, String path, String key, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(proxy + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Two members, WORKERS workers with an open-ended ACTIVE agreement each (set-based, as the superuser). */
    private List<UUID> loadWorkers(UUID tenant) throws SQLException {
        try (Connection db = database(); Statement sql = db.createStatement()) {
            db.setAutoCommit(false);
            sql.execute("SELECT set_config('regiopool.tenant_id', '" + tenant + "', true)");
            sql.execute("""
                    INSERT INTO member (tenant_id, id, name, kvk_number, sector, postcode, iban, joined_on, cao_rule_set_code)
                    SELECT current_tenant_id(), gen_random_uuid(), 'Praktijk ' || n, lpad(n::text, 8, '0'), 'GP_PRACTICE',
                           '7001 AB', 'NL91ABNA0417164300', DATE '2020-01-01', 'ATW'
                    FROM generate_series(1, 2) n""");
            List<UUID> agreements = agreements(sql, WORKERS, "NULL", 0);
            db.commit();
            return agreements;
        }
    }

    /** Workers with an ACTIVE agreement between the cooperative's two members, terms ending on endDate. */
    private static List<UUID> agreements(Statement sql, int count, String endDate, int firstNumber) throws SQLException {
        sql.execute("DROP TABLE IF EXISTS w");
        sql.execute("""
                CREATE TEMP TABLE w AS
                SELECT g.i AS n, gen_random_uuid() AS id, gen_random_uuid() AS agreement,
                       (SELECT id FROM member WHERE tenant_id = current_tenant_id() ORDER BY id LIMIT 1) AS lender,
                       (SELECT id FROM member WHERE tenant_id = current_tenant_id() ORDER BY id OFFSET 1 LIMIT 1) AS borrower
                FROM generate_series(1, %d) AS g(i)""".formatted(count));
        sql.execute("""
                INSERT INTO worker (tenant_id, id, employer_member_id, given_name, family_name, contract_hours_per_week,
                                    contract_type, hourly_cost_cents, postcode)
                SELECT current_tenant_id(), id, lender, 'Worker', 'W' || n, 40, 'INDEFINITE', 3000, '7001 AB' FROM w""");
        sql.execute("INSERT INTO worker_qualification (tenant_id, worker_id, role)"
                + " SELECT current_tenant_id(), id, 'DOKTERSASSISTENT' FROM w");
        sql.execute("""
                INSERT INTO loan_agreement (tenant_id, id, number, lender_member_id, borrower_member_id, worker_id, role,
                    cao_rule_set_code, waadi_regime, status, proposed_at, activated_at, consented_on, consent_method,
                    consent_recorded_at, consent_recorded_by)
                SELECT current_tenant_id(), agreement, 'LA-2026-' || lpad((%d + n)::text, 6, '0'), lender, borrower, id,
                       'DOKTERSASSISTENT', 'ATW', 'COLLEGIAL_NO_PROFIT', 'ACTIVE', TIMESTAMPTZ '2026-01-01',
                       TIMESTAMPTZ '2026-01-02', DATE '2026-01-01', 'DIGITAL', TIMESTAMPTZ '2026-01-01', 'twonode'
                FROM w""".formatted(firstNumber));
        sql.execute("""
                INSERT INTO loan_agreement_version (tenant_id, agreement_id, version_no, start_date, end_date,
                    hours_per_week, tariff_cents_per_hour, cost_price_cents_per_hour, vat_eligible, vat_unmet_conditions,
                    lender_approved_at, lender_approved_by, borrower_approved_at, borrower_approved_by, in_force_from,
                    created_at)
                SELECT current_tenant_id(), agreement, 1, DATE '2026-01-01', %s, 60, 3000, 3000, true, '{}',
                       TIMESTAMPTZ '2026-01-02', 'twonode', TIMESTAMPTZ '2026-01-02', 'twonode', TIMESTAMPTZ '2026-01-02',
                       TIMESTAMPTZ '2026-01-02'
                FROM w""".formatted(endDate));
        List<UUID> agreements = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("SELECT agreement FROM w ORDER BY n")) {
            while (rows.next()) {
                agreements.add(rows.getObject(1, UUID.class));
            }
        }
        return agreements;
    }

    /**
     * Due work for every job in every cooperative: agreements whose terms ended two days ago, OPEN staffing requests
     * whose start passed yesterday, applicants without consent last touched 60 days ago (past the 28-day default).
     */
    private void seedDueItems(List<UUID> tenants, Seeded seeded, String wave) {
        int firstNumber = 100_000 + seeded.agreements().size();
        try (Connection db = database(); Statement sql = db.createStatement()) {
            for (UUID tenant : tenants) {
                db.setAutoCommit(false);
                sql.execute("SELECT set_config('regiopool.tenant_id', '" + tenant + "', true)");
                seeded.agreements().addAll(agreements(sql, ITEMS,
                        "(now() AT TIME ZONE 'Europe/Amsterdam')::date - 2", firstNumber));
                try (ResultSet rows = sql.executeQuery("""
                        INSERT INTO staffing_request (tenant_id, id, member_id, role, kind, starts_at, start_date, end_date,
                            hours_per_week, reason, location_postcode)
                        SELECT current_tenant_id(), gen_random_uuid(),
                               (SELECT id FROM member WHERE tenant_id = current_tenant_id() ORDER BY id OFFSET 1 LIMIT 1),
                               'DOKTERSASSISTENT', 'COVERAGE', now() - interval '1 day', current_date - 1, current_date + 30,
                               20, 'VACANCY', '7001 AB'
                        FROM generate_series(1, %d)
                        RETURNING id""".formatted(ITEMS))) {
                    while (rows.next()) {
                        seeded.requests().add(rows.getObject(1, UUID.class));
                    }
                }
                try (ResultSet rows = sql.executeQuery("""
                        INSERT INTO internship_applicant (tenant_id, id, given_name, family_name, email, school, programme,
                            created_at, updated_at)
                        SELECT current_tenant_id(), gen_random_uuid(), 'Applicant', 'A' || n, 'a' || n || '@example.org',
                               'ROC Drill', 'Doktersassistent', now() - interval '60 days', now() - interval '60 days'
                        FROM generate_series(1, %d) n
                        RETURNING id""".formatted(ITEMS))) {
                    while (rows.next()) {
                        seeded.applicants().add(rows.getObject(1, UUID.class));
                    }
                }
                db.commit();
            }
            System.err.println(Instant.now() + " seeded " + ITEMS + " due items per job and cooperative (" + wave + ")");
        } catch (SQLException e) {
            throw new IllegalStateException("seeding due items failed", e);
        }
    }

    /** A local webhook receiver: counts each webhook-id it gets and answers 204 at once. */
    private HttpServer webhookReceiver() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            receipts.computeIfAbsent(id == null ? "?" : id, key -> new CopyOnWriteArrayList<>()).add(Instant.now());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4, TwoNodeDrill::daemon));
        server.start();
        return server;
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection(jdbc);
    }

    private static long scalar(Connection db, String query) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String ids(List<UUID> ids) {
        return ids.isEmpty() ? "(NULL)" : "('" + String.join("','", ids.stream().map(UUID::toString).toList()) + "')";
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    }
}
