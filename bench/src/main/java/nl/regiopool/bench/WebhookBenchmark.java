package nl.regiopool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.RegiopoolConfiguration;
import nl.regiopool.auth.TokenIssuer;
import nl.regiopool.webhook.Deliverer;
import nl.regiopool.webhook.WebhooksConfig;

/**
 * Webhook delivery under load through the real server and its deliverer: 200 member endpoints on local receivers
 * (an eighth answering 500, an eighth answering after 2 s), placement creates at 100/s, and the delay from each
 * event to its arrival at a healthy receiver; and the create throughput with and without endpoints. Numbers go
 * to BENCHMARKS.md.
 */
public final class WebhookBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final int ENDPOINTS = Integer.getInteger("bench.endpoints", 200);
    private static final int WORKERS = Integer.getInteger("bench.workers", 4_000);
    private static final String RECEIVER_THREAD = "webhook-bench-receiver-";
    /** A Saturday shift a week per worker: slots enough for the whole run at about 900 creates a second. */
    private static final int WEEKS = 80;
    private static final int RATE = Integer.getInteger("bench.rate", 100);
    /** A second lag run, at a rate of creates this machine sustains with room to spare. */
    private static final int SUSTAINED_RATE = Integer.getInteger("bench.sustainedRate", 60);
    private static final int LAG_SECONDS = Integer.getInteger("bench.seconds", 60);
    private static final int DRAIN_SECONDS = Integer.getInteger("bench.drainSeconds", 60);
    private static final int THROUGHPUT_SECONDS = Integer.getInteger("bench.throughputSeconds", 20);
    /** Off and on alternate, so that neither gets the quieter minute: one 30 s pair of runs varied by ±15%. */
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    /**
     * Creates at full speed before the "off" run, so that it does not run while the create path is still being
     * compiled ("on" comes after the lag runs, with the compiler long done).
     */
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 90);
    private static final int THREADS = Integer.getInteger("bench.threads", 16);
    private static final String INTERVAL = System.getProperty("bench.deliveryInterval", "1s");
    private static final String QUICK_PASS_GAP = System.getProperty("bench.quickPassGap",
            new WebhooksConfig().getQuickPassGap().toString());
    private static final Duration SLOW = Duration.ofSeconds(2);

    private WebhookBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkReport.onFreshServer(args, WebhookBenchmark::run,
                ConfigOverride.config("webhooks.deliveryInterval", INTERVAL),
                ConfigOverride.config("webhooks.quickPassGap", QUICK_PASS_GAP),
                ConfigOverride.config("webhooks.passAfterAttempt", "true"),
                ConfigOverride.config("webhooks.passAfterCommit", "true"),
                ConfigOverride.config("webhooks.allowPrivateAddresses", "true"),
                BenchmarkReport.SERVER_DEFAULT_CHECKPOINTS);
    }

    private record Slot(UUID agreementId, LocalDate saturday) {
    }

    /** Endpoint i's receiver: an eighth fail, an eighth are slow, the rest are healthy. */
    private enum Behaviour {
        HEALTHY, FAILING, SLOW;

        static Behaviour of(int endpoint) {
            return endpoint % 8 == 0 ? FAILING : endpoint % 8 == 4 ? SLOW : HEALTHY;
        }
    }

    private static void run(DropwizardTestSupport<RegiopoolConfiguration> app, Path report) throws Exception {
        String jdbcUrl = ((RegiopoolApplication) app.getApplication()).databaseUrl();
        Path postgresData = Path.of(app.getConfiguration().getDatabase().getEmbeddedDataDirectory());
        TokenIssuer tokens = new TokenIssuer(app.getConfiguration().getAuth());
        BenchHttp http = new BenchHttp(app.getLocalPort(), THREADS + 16);
        UUID tenant = http.newCooperative(tokens.issue("bench-operator", List.of("operator"), null, null),
                "bench-webhooks");
        LocalDate monday = LocalDate.now(ZONE).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        List<UUID> members = new ArrayList<>();
        ConcurrentLinkedQueue<Slot> slots = new ConcurrentLinkedQueue<>(load(jdbcUrl, tenant, monday, members));
        String admin = tokens.issue("bench-admin", List.of("coop_admin"), tenant, null);
        createAtFullSpeed(http, admin, slots, WARMUP_SECONDS);

        AtomicReference<ConcurrentLinkedQueue<Long>> lagMillis = new AtomicReference<>(new ConcurrentLinkedQueue<>());
        AtomicInteger unhealthyCalls = new AtomicInteger();
        LoopbackReceivers receivers = new LoopbackReceivers(RECEIVER_THREAD,
                (path, body) -> receive(path, body, lagMillis, unhealthyCalls));
        Cpu.receivers = receivers;
        List<UUID> healthy = new ArrayList<>();
        List<UUID> registered = register(http, tokens, tenant, members, receivers, healthy);

        List<String> lagRows = new ArrayList<>();
        for (int rate : new int[] {RATE, SUSTAINED_RATE}) {
            ConcurrentLinkedQueue<Long> received = new ConcurrentLinkedQueue<>();
            lagMillis.set(received);
            lagRows.add(createAtRate(http, admin, slots, rate));
            long drainStarted = System.nanoTime();
            long undelivered = pendingHealthy(jdbcUrl, healthy);
            while (undelivered > 0 && System.nanoTime() - drainStarted < DRAIN_SECONDS * 1_000_000_000L) {
                Thread.sleep(500);
                undelivered = pendingHealthy(jdbcUrl, healthy);
            }
            long[] lags = received.stream().mapToLong(lag -> lag * 1000).toArray();
            lagRows.add(String.format("| %d/s: healthy deliveries received / still pending after the drain | %d / %d |",
                    rate, lags.length, undelivered));
            if (lags.length > 0) {
                lagRows.add(String.format("| %d/s: healthy lag p50 / p99 / max | %.0f / %.0f / %.0f ms |", rate,
                        BenchmarkReport.percentileMillis(lags, 50), BenchmarkReport.percentileMillis(lags, 99),
                        BenchmarkReport.percentileMillis(lags, 100)));
            }
        }
        List<String> throughputRows = new ArrayList<>();
        List<Double> offRates = new ArrayList<>();
        List<Double> rowsRates = new ArrayList<>();
        List<Double> onRates = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            disableAll(jdbcUrl, tenant);
            Throughput rowsOnly = createAtFullSpeed(http, admin, slots, THROUGHPUT_SECONDS);
            for (UUID endpoint : registered) { // their deliveries, kept while disabled, go with them
                http.expect(204, "DELETE", "/v1/webhook-endpoints/" + endpoint, admin, null, "If-Match", "*");
            }
            Cpu offStart = Cpu.now(postgresData);
            Throughput off = createAtFullSpeed(http, admin, slots, THROUGHPUT_SECONDS);
            Cpu offCpu = Cpu.now(postgresData).minus(offStart);
            List<UUID> healthyNow = new ArrayList<>();
            registered = register(http, tokens, tenant, members, receivers, healthyNow);
            ConcurrentLinkedQueue<Long> receivedOn = new ConcurrentLinkedQueue<>();
            lagMillis.set(receivedOn);
            Cpu onStart = Cpu.now(postgresData);
            int connectionsBefore = receivers.connections();
            Throughput on = createAtFullSpeed(http, admin, slots, THROUGHPUT_SECONDS);
            Cpu onCpu = Cpu.now(postgresData).minus(onStart);
            int connectionsOn = receivers.connections() - connectionsBefore;
            long[] lagsOn = receivedOn.stream().mapToLong(lag -> lag * 1000).toArray();
            long backlog = pendingHealthy(jdbcUrl, healthyNow);
            offRates.add(off.perSecond());
            rowsRates.add(rowsOnly.perSecond());
            onRates.add(on.perSecond());
            throughputRows.add("| round " + round + ": creates/s endpoints disabled / off / on | " + rowsOnly + " / " + off
                    + " / " + on + " |");
            throughputRows.add(String.format("| round %d, on: healthy deliveries received in the %d s / still to send at"
                            + " its end (pending to healthy endpoints + events not yet dispatched) / lag p99 / connections"
                            + " the receivers accepted | %d / %d / %s / %d |",
                    round, THROUGHPUT_SECONDS, lagsOn.length, backlog, lagsOn.length == 0 ? "-"
                            : String.format("%.0f ms", BenchmarkReport.percentileMillis(lagsOn, 99)), connectionsOn));
            throughputRows.add("| round " + round + ": CPU ms per create off / on: PostgreSQL, deliverer threads,"
                    + " receivers, rest of the JVM (server requests, client) | " + offCpu.perCreate(off.creates())
                    + " / " + onCpu.perCreate(on.creates()) + " |");
        }
        receivers.close();
        double offMedian = median(offRates);
        double rowsMedian = median(rowsRates);
        double onMedian = median(onRates);

        List<String> body = new ArrayList<>();
        body.add("## Webhook delivery under load");
        body.add("");
        body.add("- Date: " + BenchmarkReport.now());
        body.add("- Machine: " + BenchmarkReport.machine());
        body.add("- Data: one cooperative, " + members.size() + " members, " + WORKERS + " workers each with an ACTIVE"
                + " agreement (loaded with SQL); writes are placement creates through the API (full validation, audit,"
                + " outbox), each a `placement.created` event for its employer and its borrower");
        body.add("- Endpoints: " + ENDPOINTS + " member endpoints for `placement.created`, one per member, on local"
                + " receivers (one HTTP/1.1 server on 127.0.0.1, a thread per connection, keep-alive, each answer"
                + " without a body: `LoopbackReceivers`): " + healthy.size() + " healthy (at once), "
                + (ENDPOINTS / 8) + " answering 500, " + (ENDPOINTS / 8) + " answering after " + SLOW.toSeconds()
                + " s; deliverer every " + INTERVAL + " (`webhooks.deliveryInterval`, the server's default is 1s),"
                + " and soon (passes at least " + QUICK_PASS_GAP + " apart, `webhooks.quickPassGap`) for the cooperative"
                + " after each write that published events and after each run of attempts (`webhooks.passAfterCommit`,"
                + " `webhooks.passAfterAttempt`, the defaults); " + app.getConfiguration().getWebhooks().getDeliveryThreads()
                + " sender threads, each sending one endpoint's run of up to " + Deliverer.RUN_LENGTH + " in order");
        body.add("- Lag: creates at " + RATE + "/s for " + LAG_SECONDS + " s (open loop), then up to " + DRAIN_SECONDS
                + " s for the healthy endpoints' deliveries to drain; the same again at " + SUSTAINED_RATE + "/s; lag ="
                + " arrival at a healthy receiver − the event's `occurredAt`");
        body.add("- Throughput: creates by " + THREADS + " client threads (the first " + WARMUP_SECONDS + " s of them"
                + " before the lag runs, to warm up), then " + ROUNDS + " rounds of " + THROUGHPUT_SECONDS + " s with"
                + " no endpoint registered (\"off\": the outbox still writes the event row in each create; no delivery"
                + " row, the deliverer finds nothing to send) and " + THROUGHPUT_SECONDS + " s with the " + ENDPOINTS
                + " endpoints registered again and the deliverer sending (\"on\": the deliverer makes a delivery row per"
                + " subscribed endpoint in batches after the events commit, and sends them); each round starts with "
                + THROUGHPUT_SECONDS + " s with the endpoints disabled (set in the database: the deliverer makes each"
                + " delivery row and sends none); receivers, client, server and PostgreSQL share the machine");
        body.add("- Target from the issue: delivery lag p99 ≤ 2 s for healthy endpoints; throughput drop with the"
                + " outbox on ≤ 10%");
        body.add("- Command: `bench/run webhooks`");
        body.add("");
        body.add("| what | result |");
        body.add("|---|---|");
        body.addAll(lagRows);
        body.add("| calls to failing or slow receivers | " + unhealthyCalls.get() + " |");
        body.addAll(throughputRows);
        body.add(String.format("| creates/s, median of the rounds: off / endpoints disabled (drop) | %.0f / %.0f (%.1f%%) |",
                offMedian, rowsMedian, 100 * (offMedian - rowsMedian) / offMedian));
        body.add(String.format("| creates/s, median of the rounds: off / on (drop) | %.0f / %.0f (%.1f%%) |", offMedian,
                onMedian, 100 * (offMedian - onMedian) / offMedian));
        BenchmarkReport.write(report, "webhooks", body);
        System.out.println(String.join("\n", body));
    }

    private static int receive(String path, byte[] body, AtomicReference<ConcurrentLinkedQueue<Long>> lagMillis,
                               AtomicInteger unhealthyCalls) throws InterruptedException {
        Instant arrived = Instant.now();
        Behaviour behaviour = Behaviour.of(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)));
        if (behaviour == Behaviour.HEALTHY) {
            Instant occurred = OffsetDateTime.parse(LoopbackReceivers.occurredAt(body)).toInstant();
            lagMillis.get().add(Duration.between(occurred, arrived).toMillis());
        } else {
            unhealthyCalls.incrementAndGet();
        }
        if (behaviour == Behaviour.SLOW) {
            Thread.sleep(SLOW.toMillis());
        }
        return behaviour == Behaviour.FAILING ? 500 : 200;
    }

    /** Disables every endpoint of the cooperative, as the deliverer does after failures: they keep getting rows. */
    private static void disableAll(String jdbcUrl, UUID tenant) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             var update = db.prepareStatement("UPDATE webhook_endpoint SET status = 'DISABLED',"
                     + " disabled_reason = 'benchmark: the write path alone' WHERE tenant_id = ?")) {
            update.setObject(1, tenant);
            update.executeUpdate();
        }
    }

    private static long pendingHealthy(String jdbcUrl, List<UUID> healthy) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             var query = db.prepareStatement("SELECT (SELECT count(*) FROM webhook_delivery WHERE status = 'PENDING'"
                     + " AND endpoint_id = ANY (?)) + (SELECT count(*) FROM event e JOIN webhook_dispatch c"
                     + " ON c.tenant_id = e.tenant_id WHERE (e.txid, e.position) > (c.txid, c.position))")) {
            query.setArray(1, db.createArrayOf("uuid", healthy.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static int create(BenchHttp http, String token, Slot slot) throws Exception {
        Instant start = slot.saturday().atTime(LocalTime.of(8, 0)).atZone(ZONE).toInstant();
        return http.send("POST", "/v1/placements", token, "{\"agreementId\":\"" + slot.agreementId()
                + "\",\"startsAt\":\"" + start + "\",\"endsAt\":\"" + start.plus(Duration.ofMinutes(480))
                + "\",\"breakMinutes\":30}").statusCode();
    }

    /**
     * CPU used so far: PostgreSQL's, this JVM's, and within it the deliverer's threads (senders, recorder, passes)
     * and the receivers' (their dispatcher and handler threads; they would run on the members' own machines).
     */
    private record Cpu(long postgresMillis, long jvmMillis, long delivererMillis, long receiverMillis) {

        static volatile LoopbackReceivers receivers;

        static Cpu now(Path postgresData) {
            ProcessCpu.Sample process = ProcessCpu.sample(postgresData);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long deliverer = 0;
            long receiver = receivers == null ? 0 : receivers.endedCpuNanos();
            for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (thread == null) {
                    continue;
                }
                long nanos = Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
                if (thread.getThreadName().startsWith(RECEIVER_THREAD)) {
                    receiver += nanos;
                } else if (thread.getThreadName().startsWith("webhook-")) {
                    deliverer += nanos;
                }
            }
            return new Cpu(process.postgresMillis(), process.jvmMillis(), deliverer / 1_000_000, receiver / 1_000_000);
        }

        Cpu minus(Cpu earlier) {
            return new Cpu(postgresMillis - earlier.postgresMillis, jvmMillis - earlier.jvmMillis,
                    delivererMillis - earlier.delivererMillis, receiverMillis - earlier.receiverMillis);
        }

        String perCreate(int creates) {
            double n = Math.max(1, creates);
            return String.format("%.2f, %.2f, %.2f, %.2f", postgresMillis / n, delivererMillis / n, receiverMillis / n,
                    (jvmMillis - delivererMillis - receiverMillis) / n);
        }
    }

    private record Throughput(double perSecond, int creates, int failed) {
        @Override
        public String toString() {
            return String.format("%.0f (%d creates, %d not 201)", perSecond, creates, failed);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Registers the ENDPOINTS member endpoints on the receivers; their ids, and the healthy ones' in {@code healthy}. */
    private static List<UUID> register(BenchHttp http, TokenIssuer tokens, UUID tenant, List<UUID> members,
                                       LoopbackReceivers receivers, List<UUID> healthy) throws Exception {
        List<UUID> registered = new ArrayList<>();
        for (int i = 0; i < ENDPOINTS; i++) {
            UUID member = members.get(i % members.size());
            String url = "http://127.0.0.1:" + receivers.port() + "/hooks/" + i;
            JsonNode endpoint = http.expect(201, "POST", "/v1/webhook-endpoints",
                    tokens.issue("bench-member", List.of("member"), tenant, member),
                    "{\"url\":\"" + url + "\",\"eventTypes\":[\"placement.created\"]}");
            UUID id = UUID.fromString(endpoint.get("id").asText());
            registered.add(id);
            if (Behaviour.of(i) == Behaviour.HEALTHY) {
                healthy.add(id);
            }
        }
        return registered;
    }

    /** Creates by THREADS threads for the given seconds. */
    private static Throughput createAtFullSpeed(BenchHttp http, String token, ConcurrentLinkedQueue<Slot> slots, int seconds)
            throws Exception {
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS, BenchHttp::daemon);
        long started = System.nanoTime();
        long until = started + seconds * 1_000_000_000L;
        for (int t = 0; t < THREADS; t++) {
            threads.submit(() -> {
                Slot slot;
                while (System.nanoTime() < until && (slot = slots.poll()) != null) {
                    if (create(http, token, slot) != 201) {
                        failed.incrementAndGet();
                    }
                    done.incrementAndGet();
                }
                return null;
            });
        }
        threads.shutdown();
        threads.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - started) / 1e9;
        return new Throughput(done.get() / elapsed, done.get(), failed.get());
    }

    /** Creates at {@code rate} per second for LAG_SECONDS, each on a pool thread; the table row of the run. */
    private static String createAtRate(BenchHttp http, String token, ConcurrentLinkedQueue<Slot> slots, int rate)
            throws Exception {
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(64, BenchHttp::daemon);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(BenchHttp::daemon);
        long started = System.nanoTime();
        clock.scheduleAtFixedRate(() -> senders.submit(() -> {
            Slot slot = slots.poll();
            if (slot != null && create(http, token, slot) != 201) {
                failed.incrementAndGet();
            }
            done.incrementAndGet();
            return null;
        }), 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        Thread.sleep(LAG_SECONDS * 1000L);
        clock.shutdownNow();
        senders.shutdown();
        senders.awaitTermination(60, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - started) / 1e9;
        return String.format("| %d/s: creates during the lag run | %d in %.0f s (%.0f/s), %d not 201 |", rate,
                done.get(), elapsed, done.get() / elapsed, failed.get());
    }

    private static List<Slot> load(String jdbcUrl, UUID tenant, LocalDate monday, List<UUID> members) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement sql = db.createStatement()) {
            db.setAutoCommit(false);
            sql.execute("SELECT set_config('regiopool.tenant_id', '" + tenant + "', true)");
            BenchData.members(sql, ENDPOINTS, "ATW");
            sql.execute("""
                    CREATE TEMP TABLE w AS
                    SELECT g.i AS n, gen_random_uuid() AS id, (SELECT id FROM m WHERE m.n = 1 + g.i %% %2$d) AS lender,
                           (SELECT id FROM m WHERE m.n = 1 + (g.i + 1) %% %2$d) AS borrower, gen_random_uuid() AS agreement
                    FROM generate_series(1, %1$d) AS g(i)""".formatted(WORKERS, ENDPOINTS));
            BenchData.workersLentOut(sql, 2025, "ATW");
            sql.execute("""
                    INSERT INTO loan_agreement_version (tenant_id, agreement_id, version_no, start_date, hours_per_week,
                        tariff_cents_per_hour, cost_price_cents_per_hour, vat_eligible, vat_unmet_conditions,
                        lender_approved_at, lender_approved_by, borrower_approved_at, borrower_approved_by, in_force_from,
                        created_at)
                    SELECT current_tenant_id(), agreement, 1, DATE '2025-01-01', 60, 3000, 3000, true, '{}',
                           TIMESTAMPTZ '2025-01-02', 'bench', TIMESTAMPTZ '2025-01-02', 'bench', TIMESTAMPTZ '2025-01-02',
                           TIMESTAMPTZ '2025-01-02'
                    FROM w""");
            db.commit();
            sql.execute("ANALYZE");
            db.commit(); // statistics are written in the transaction: without the commit they are rolled back
            List<Slot> slots = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SELECT agreement FROM w ORDER BY n")) {
                while (rows.next()) {
                    UUID agreement = rows.getObject(1, UUID.class);
                    for (int week = 0; week < WEEKS; week++) {
                        slots.add(new Slot(agreement, monday.plusWeeks(week).plusDays(5)));
                    }
                }
            }
            try (ResultSet rows = sql.executeQuery("SELECT id FROM m ORDER BY n")) {
                while (rows.next()) {
                    members.add(rows.getObject(1, UUID.class));
                }
            }
            Collections.shuffle(slots, new Random(7));
            return slots;
        }
    }
}
