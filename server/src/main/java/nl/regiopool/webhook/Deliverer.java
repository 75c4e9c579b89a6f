package nl.regiopool.webhook;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.io.StringWriter;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import nl.regiopool.api.model.Event;
import nl.regiopool.audit.PendingEvent;
import nl.regiopool.auth.Caller;
import nl.regiopool.ops.ProductMetrics;
import nl.regiopool.tenancy.Transactions;
import nl.regiopool.write.JobRuns;
import nl.regiopool.write.WriteContext;
import nl.regiopool.write.WriteCore;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due webhook deliveries. Each pass first makes, per cooperative, the deliveries of the events committed
 * since the last (see {@link WebhookDao#dispatch}), then claims a run of pending deliveries of every enabled endpoint
 * whose first is due (see {@link WebhookDao#claim}), no more runs than there are free sender threads, and starts
 * them without waiting for them: one sender thread posts a run in order, so a receiver that hangs (10 s at most),
 * fails or redirects holds up only its own endpoint and a claimed delivery never queues behind another endpoint's.
 * A pass runs every interval over every cooperative, and soon for one cooperative when a write there committed
 * events or a run there ended. One recorder thread writes the attempts' results in batches; results, retries with
 * backoff and disabling go through the write core under a system actor. The interval pass also removes what deleted
 * endpoints left behind ({@link WebhookDao#delete}).
 */
public final class Deliverer implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);
    private static final String ACTOR = "system:webhook-deliverer";
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** A claimed run is claimed again after this if its node died mid-run. */
    private static final Duration LEASE = Duration.ofSeconds(60);
    /**
     * Runs recorded in one transaction at most. Sender threads are many, as most of their time goes to waiting
     * for receivers; one recorder writes what they found, so they never take the connection pool from requests,
     * and a busy minute costs a transaction per batch rather than per attempt.
     */
    private static final int RECORD_BATCH = 64;
    /**
     * Deliveries one claim takes per endpoint at most, sent one after the other by one sender thread. A claim per
     * delivery capped an endpoint at one delivery per pass; with a pass every quick-pass gap
     * ({@link WebhooksConfig#getQuickPassGap()}, 200 ms by default), runs of this length still send an endpoint
     * 100 a second.
     */
    public static final int RUN_LENGTH = 20;
    /** A run starts no new attempt after this, well within the lease even if its last attempt takes the timeout. */
    private static final Duration RUN_TIME = LEASE.dividedBy(2);
    /**
     * Events whose deliveries one statement makes, and statements in one pass: a backlog (after an outage) is made
     * in steps, so a pass's transaction stays short.
     */
    private static final int DISPATCH_BATCH = 1_000;
    private static final int DISPATCH_BATCHES_PER_PASS = 10;
    /** Deliveries of a deleted endpoint removed in one transaction, and transactions per endpoint in one pass. */
    private static final int PURGE_BATCH = 10_000;
    private static final int PURGE_BATCHES_PER_PASS = 10;

    private final Transactions transactions;
    private final WriteCore writes;
    private final WebhookUrls urls;
    private final ObjectMapper mapper;
    private final WebhooksConfig config;
    private final WebhookPost post;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final BlockingQueue<Run> results = new LinkedBlockingQueue<>();
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private final long quickPassGapNanos;
    private volatile long lastQuickPassStarted;
    /** Cooperatives to look at in the next quick pass. */
    private final Set<UUID> dueTenants = ConcurrentHashMap.newKeySet();
    private final JobRuns runs;
    private volatile Clock clock = Clock.systemUTC();
    private ExecutorService senders;
    private ScheduledExecutorService scheduler;
    private volatile Thread recorder;

    public Deliverer(Transactions transactions, WriteCore writes, WebhookUrls urls, ObjectMapper mapper,
                     WebhooksConfig config) {
        this.transactions = transactions;
        this.writes = writes;
        this.urls = urls;
        this.mapper = mapper;
        this.config = config;
        this.post = new WebhookPost((SSLSocketFactory) SSLSocketFactory.getDefault(), TIMEOUT,
                config.getDeliveryThreads());
        this.senders = newSenders();
        this.quickPassGapNanos = TimeUnit.MILLISECONDS.toNanos(config.getQuickPassGap().toMilliseconds());
        this.lastQuickPassStarted = System.nanoTime() - quickPassGapNanos;
        this.runs = new JobRuns("webhook-deliverer", Duration.ofMillis(config.getDeliveryInterval().toMilliseconds()),
                Clock.systemUTC());
    }

    /** The passes this deliverer has run on this node. */
    public JobRuns runs() {
        return runs;
    }

    /** Deliveries waiting to be sent (or sent again), over every cooperative. */
    public long queueDepth() {
        long depth = 0;
        for (UUID tenant : transactions.readPlatform(WebhookDao::cooperatives)) {
            depth += transactions.read(tenant, WebhookDao::pendingCount);
        }
        return depth;
    }

    /** Tests move time on to make retries due. */
    public void clock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "webhook-deliverer"));
        long interval = config.getDeliveryInterval().toMilliseconds();
        scheduler.scheduleWithFixedDelay(this::runSafely, interval, interval, TimeUnit.MILLISECONDS);
        recorder = daemon(this::recordWhatArrives, "webhook-recorder");
        recorder.start();
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        senders.shutdownNow();
        post.close();
        Thread running = recorder;
        recorder = null;
        if (running != null) {
            running.interrupt();
        }
    }

    /**
     * Told every committed write's audit events: a write that published events may have made deliveries due, so
     * look at its cooperative at once rather than after the interval.
     */
    public void committed(List<PendingEvent> events) {
        if (config.isPassAfterCommit() && !events.isEmpty()) {
            passSoon(events.get(0).tenantId());
        }
    }

    /**
     * Looks at the cooperative's due deliveries soon, on the scheduler thread, and no sooner than
     * the quick-pass gap after the last quick pass started. At most one such pass waits at a time; it covers
     * every cooperative asked for until it starts.
     */
    private void passSoon(UUID tenant) {
        ScheduledExecutorService running = scheduler;
        if (tenant == null || running == null || running.isShutdown()) {
            return;
        }
        dueTenants.add(tenant);
        if (passQueued.compareAndSet(false, true)) {
            try {
                long wait = lastQuickPassStarted + quickPassGapNanos - System.nanoTime();
                running.schedule(() -> {
                    passQueued.set(false);
                    lastQuickPassStarted = System.nanoTime();
                    List<UUID> tenants = new ArrayList<>();
                    for (var due = dueTenants.iterator(); due.hasNext(); ) {
                        tenants.add(due.next());
                        due.remove();
                    }
                    runSafely(tenants);
                }, Math.max(0, wait), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                passQueued.set(false);
            }
        }
    }

    private void runSafely(List<UUID> tenants) {
        try {
            claimAndSend(tenants);
        } catch (RuntimeException e) {
            LOG.warn("Webhook delivery pass failed; the next pass retries", e);
        }
    }

    private void runSafely() {
        try {
            post.closeExpired();
            List<UUID> tenants = transactions.readPlatform(WebhookDao::cooperatives);
            claimAndSend(tenants);
            tenants.forEach(this::removeDeleted);
        } catch (RuntimeException e) {
            LOG.warn("Webhook delivery pass failed; the next pass retries", e);
        }
    }

    /** One pass, waiting for the attempts it started; returns how many it made. */
    public int runOnce() {
        List<UUID> tenants = transactions.readPlatform(WebhookDao::cooperatives);
        List<CompletableFuture<Integer>> runs = claimAndSend(tenants);
        tenants.forEach(this::removeDeleted);
        return runs.stream().mapToInt(CompletableFuture::join).sum();
    }

    /**
     * Removes what the cooperative's deleted endpoints left: their deliveries, {@link #PURGE_BATCH} per transaction
     * and at most {@link #PURGE_BATCHES_PER_PASS} per endpoint in a pass, then, once none are left, their rows.
     */
    private void removeDeleted(UUID tenant) {
        for (UUID endpoint : transactions.read(tenant, WebhookDao::deletedEndpoints)) {
            for (int batches = 0; batches < PURGE_BATCHES_PER_PASS; batches++) {
                int removed = writes.asSystem(system(tenant), tenant,
                        write -> WebhookDao.purgeDeliveries(write.handle(), endpoint, PURGE_BATCH));
                if (removed < PURGE_BATCH) {
                    writes.asSystem(system(tenant), tenant, write -> {
                        WebhookDao.removeDeleted(write.handle(), endpoint);
                        return null;
                    });
                    break;
                }
            }
        }
    }

    /** Makes the deliveries of every cooperative's committed events, and sends nothing (tests list them). */
    public void dispatchOnce() {
        for (UUID tenant : transactions.readPlatform(WebhookDao::cooperatives)) {
            writes.asSystem(system(tenant), tenant, write -> {
                dispatch(write.handle());
                return null;
            });
        }
    }

    private List<CompletableFuture<Integer>> claimAndSend(List<UUID> tenants) {
        try {
            List<CompletableFuture<Integer>> started = claimAndStartSending(tenants);
            runs.succeeded();
            return started;
        } catch (RuntimeException e) {
            runs.failed();
            throw e;
        }
    }

    /** Claims per cooperative and starts each endpoint's run on a sender thread; a run is its attempts made. */
    private List<CompletableFuture<Integer>> claimAndStartSending(List<UUID> tenants) {
        List<CompletableFuture<Integer>> started = new ArrayList<>();
        for (UUID tenant : tenants) {
            int room = config.getDeliveryThreads() - inFlight.get();
            if (room <= 0) {
                break;
            }
            Instant now = clock.instant();
            List<WebhookDao.Claimed> claimed = writes.asSystem(system(tenant), tenant, write -> {
                dispatch(write.handle());
                return WebhookDao.anyPending(write.handle())
                        ? WebhookDao.claim(write.handle(), tenant, now, now.plus(LEASE), room, RUN_LENGTH) : List.of();
            });
            Map<UUID, List<WebhookDao.Claimed>> byEndpoint = new LinkedHashMap<>();
            claimed.forEach(delivery -> byEndpoint.computeIfAbsent(delivery.endpointId(), e -> new ArrayList<>())
                    .add(delivery));
            for (List<WebhookDao.Claimed> run : byEndpoint.values()) {
                inFlight.incrementAndGet();
                started.add(CompletableFuture.supplyAsync(() -> attempt(run), senders)
                        .whenComplete((ignored, failure) -> {
                            inFlight.decrementAndGet();
                            if (failure != null) {
                                LOG.warn("Webhook deliveries to endpoint {} failed unexpectedly; they are tried again"
                                        + " after their lease", run.get(0).endpointId(), failure);
                            }
                            if (config.isPassAfterAttempt()) {
                                passSoon(tenant);
                            }
                        }));
            }
        }
        return started;
    }

    /** Makes the deliveries of the events committed since the last pass, a batch per statement. */
    private static void dispatch(Handle handle) {
        for (int batches = 0; batches < DISPATCH_BATCHES_PER_PASS; batches++) {
            if (WebhookDao.dispatch(handle, DISPATCH_BATCH) < DISPATCH_BATCH) {
                return;
            }
        }
    }

    /**
     * Sends an endpoint's run in order, one after the other, until one fails or {@link #RUN_TIME} has passed; the
     * ones not sent stay as they were, due behind their endpoint's first. Returns once the run is recorded; the
     * attempts made.
     */
    private int attempt(List<WebhookDao.Claimed> deliveries) {
        long started = System.nanoTime();
        List<Attempted> attempts = new ArrayList<>();
        for (WebhookDao.Claimed delivery : deliveries) {
            if (!attempts.isEmpty() && System.nanoTime() - started > RUN_TIME.toNanos()) {
                break;
            }
            Instant start = clock.instant();
            Outcome outcome = send(delivery, start);
            long latency = Math.max(0, Duration.between(start, clock.instant()).toMillis());
            attempts.add(new Attempted(delivery, outcome, clock.instant(), latency));
            if (!outcome.success()) {
                ProductMetrics.webhookDeliveryFailed();
                break;
            }
        }
        Run run = new Run(deliveries.get(0).tenantId(), attempts, new CompletableFuture<>());
        if (recorder == null) {
            recordAll(List.of(run));
        } else {
            results.add(run);
        }
        try {
            run.recorded().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Recording the deliveries to endpoint " + deliveries.get(0).endpointId()
                    + " failed", e.getCause());
        }
        return attempts.size();
    }

    /** An attempt's result. */
    private record Attempted(WebhookDao.Claimed delivery, Outcome outcome, Instant at, long latency) {
    }

    /**
     * The attempts of one run, recorded together (or not) when {@code recorded} completes: a pass that saw the
     * run's first delivery done but the next not yet tried would claim it a second time.
     */
    private record Run(UUID tenantId, List<Attempted> attempts, CompletableFuture<Void> recorded) {
    }

    /** The recorder thread: takes what the senders found and records it in batches, until stopped. */
    private void recordWhatArrives() {
        List<Run> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(results.take());
            } catch (InterruptedException e) {
                return;
            }
            results.drainTo(batch, RECORD_BATCH - 1);
            recordAll(batch);
            batch.clear();
        }
    }

    /**
     * Records runs, one transaction per cooperative; if that fails, one transaction per run, so one that cannot be
     * recorded does not hold up the others (it is tried again after its lease).
     */
    private void recordAll(List<Run> batch) {
        Map<UUID, List<Run>> byTenant = new LinkedHashMap<>();
        batch.forEach(run -> byTenant.computeIfAbsent(run.tenantId(), t -> new ArrayList<>()).add(run));
        byTenant.forEach((tenant, tenantRuns) -> {
            try {
                record(tenant, tenantRuns.stream().flatMap(run -> run.attempts().stream()).toList());
                tenantRuns.forEach(run -> run.recorded().complete(null));
            } catch (RuntimeException together) {
                for (Run run : tenantRuns) {
                    try {
                        record(tenant, run.attempts());
                        run.recorded().complete(null);
                    } catch (RuntimeException alone) {
                        run.recorded().completeExceptionally(alone);
                    }
                }
            }
        });
    }

    /** The result of one attempt: a 2xx is success; anything else, or no answer, is a failure with a reason. */
    record Outcome(boolean success, Integer status, String error) {
    }

    private Outcome send(WebhookDao.Claimed delivery, Instant now) {
        WebhookUrls.Target target = urls.forAttempt(delivery.url());
        if (target.refusal() != null) {
            return new Outcome(false, null, "Not sent: " + target.refusal() + ".");
        }
        try {
            String body = body(delivery);
            String id = delivery.eventId().toString();
            long timestamp = now.getEpochSecond();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", "Regiopool-Webhooks/1");
            headers.put("webhook-id", id);
            headers.put("webhook-timestamp", Long.toString(timestamp));
            headers.put("webhook-signature", Signatures.header(delivery.secretsAt(now), id, timestamp, body));
            int status = post.post(target.uri(), target.address(), headers, body.getBytes(StandardCharsets.UTF_8));
            if (status >= 200 && status < 300) {
                return new Outcome(true, status, null);
            }
            return new Outcome(false, status, status >= 300 && status < 400 ? "Redirect not followed." : "HTTP " + status + ".");
        } catch (SocketTimeoutException e) {
            return new Outcome(false, null, "No answer within " + TIMEOUT.toSeconds() + " s.");
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome(false, null, "Not delivered: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /**
     * The event as the feed shows it ({@link Event}), its data written as stored rather than read into objects and
     * written again: the same JSON, with the database's spacing.
     */
    private String body(WebhookDao.Claimed delivery) throws IOException {
        StringWriter body = new StringWriter(delivery.data().length() + 160);
        try (JsonGenerator json = mapper.getFactory().createGenerator(body)) {
            json.writeStartObject();
            json.writeStringField("id", delivery.eventId().toString());
            json.writeStringField("type", delivery.eventType());
            json.writeFieldName("occurredAt");
            json.writeObject(delivery.occurredAt());
            json.writeFieldName("data");
            json.writeRawValue(delivery.data());
            json.writeEndObject();
        }
        return body.toString();
    }

    private void record(UUID tenant, List<Attempted> attempts) {
        writes.asSystem(system(tenant), tenant, write -> {
            List<WebhookDao.Success> successes = attempts.stream()
                    .filter(attempted -> attempted.outcome().success())
                    .map(attempted -> new WebhookDao.Success(attempted.delivery().id(),
                            attempted.delivery().endpointId(), attempted.at(), attempted.outcome().status(),
                            attempted.latency()))
                    .toList();
            if (!successes.isEmpty()) {
                WebhookDao.succeeded(write.handle(), successes);
            }
            attempts.stream().filter(attempted -> !attempted.outcome().success())
                    .forEach(attempted -> recordFailure(write, attempted.delivery(), attempted.outcome(),
                            attempted.at(), attempted.latency()));
            return null;
        });
    }

    /** A failed attempt: tried again after a backoff, or FAILED after the last; the endpoint disabled when due. */
    private void recordFailure(WriteContext write, WebhookDao.Claimed delivery, Outcome outcome, Instant at,
                               long latency) {
        UUID endpointId = delivery.endpointId();
        int failedAttempts = delivery.attempts() + 1;
        Optional<Duration> wait = Backoff.after(failedAttempts, ThreadLocalRandom.current().nextDouble());
        WebhookDao.attempted(write.handle(), delivery.id(), wait.isPresent() ? "PENDING" : "FAILED", at,
                outcome.status(), latency, outcome.error(), wait.map(at::plus).orElse(null));
        int inARow = WebhookDao.failed(write.handle(), endpointId);
        String reason = wait.isEmpty()
                ? "Delivery " + delivery.id() + " failed " + failedAttempts + " times; the last: " + outcome.error()
                : inARow >= config.getMaxConsecutiveFailures()
                ? inARow + " failed attempts in a row; the last: " + outcome.error() : null;
        if (reason != null) {
            WebhookDao.find(write.handle(), endpointId, null, true)
                    .filter(before -> before.status().equals("ENABLED"))
                    .ifPresent(before -> write.audit("webhook_endpoint.disabled", "webhook_endpoint", endpointId,
                            before.view(), WebhookDao.disable(write.handle(), endpointId, reason).view()));
        }
    }

    private static Caller system(UUID tenant) {
        return new Caller(ACTOR, tenant, Set.of(), null);
    }

    private ExecutorService newSenders() {
        return Executors.newFixedThreadPool(config.getDeliveryThreads(), runnable -> daemon(runnable, "webhook-sender"));
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
