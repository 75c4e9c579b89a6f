package nl.regiopool.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nl.regiopool.tenancy.TenantScope;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links committed audit events into each tenant's hash chain. Writes wake it for their tenant after commit; a
 * sweep over every cooperative at a fixed interval picks up whatever a crash or another node left behind. Only
 * events of transactions older than the oldest one still running are sealed, in transaction id order, so a
 * transaction that commits late is sealed after its predecessors instead of being skipped. The chain head's row
 * lock is taken with {@code SKIP LOCKED}: on any number of nodes one sealer works on a tenant at a time and the
 * others move on.
 */
public final class Sealer implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(Sealer.class);
    private static final int BATCH = 500;
    private static final Duration RETRY = Duration.ofMillis(5);
    private static final Duration READ_WAIT = Duration.ofSeconds(2);

    private final Jdbi jdbi;
    private final AuditDao events;
    private final Duration sweepInterval;
    private final Duration passInterval;
    private final Checkpoints checkpoints;
    private final Set<UUID> woken = new LinkedHashSet<>();
    private final AtomicLong sealed = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    public Sealer(Jdbi jdbi, ObjectMapper mapper, AuditConfig config) {
        this.jdbi = jdbi;
        this.events = new AuditDao(mapper);
        this.sweepInterval = config.getSweepInterval().toJavaDuration();
        this.passInterval = config.getSealInterval().toJavaDuration();
        Optional<CheckpointSigner> signer = config.hasCheckpointKey()
                ? Optional.of(CheckpointSigner.of(config.getCheckpointPrivateKey(), config.getCheckpointPublicKey(),
                        config.getRetiredCheckpointPublicKeys()))
                : Optional.empty();
        if (signer.isEmpty()) {
            LOG.warn("No audit.checkpointPrivateKey/checkpointPublicKey configured: the chain is sealed but no"
                    + " checkpoints are signed");
        }
        this.checkpoints = new Checkpoints(signer, config.getCheckpointEvery(),
                config.getCheckpointInterval().toJavaDuration());
    }

    /** The key that checks checkpoints, when one is configured. */
    Optional<CheckpointSigner> signer() {
        return checkpoints.signer();
    }

    /** A write committed events for the tenant: seal them soon. */
    public void wake(UUID tenant) {
        synchronized (woken) {
            if (woken.add(tenant)) {
                woken.notifyAll();
            }
        }
    }

    /**
     * Seals every event that committed before this call, waiting (briefly) for older transactions still running,
     * so a reader of the chain sees its own writes. Returns how many events it sealed.
     */
    public int sealCommitted(UUID tenant) {
        String snapshot = jdbi.inTransaction(ChainDao::snapshot);
        long deadline = System.nanoTime() + READ_WAIT.toNanos();
        int sealed = 0;
        while (true) {
            sealed += sealAll(tenant, true);
            boolean behind = jdbi.inTransaction(handle -> {
                TenantScope.bind(handle, tenant);
                return ChainDao.unsealedBefore(handle, snapshot);
            });
            if (!behind || System.nanoTime() > deadline) {
                return sealed;
            }
            pause(RETRY);
        }
    }

    /** One pass: seals what can be sealed now in every cooperative. */
    public int sweep() {
        int sealed = 0;
        for (UUID tenant : cooperatives()) {
            sealed += sealAll(tenant, false);
        }
        return sealed;
    }

    private List<UUID> cooperatives() {
        return jdbi.inTransaction(handle -> {
            TenantScope.bind(handle, TenantScope.PLATFORM);
            return ChainDao.cooperatives(handle);
        });
    }

    private int sealAll(UUID tenant, boolean wait) {
        int total = 0;
        int sealed;
        do {
            sealed = sealBatch(tenant, wait);
            total += sealed;
        } while (sealed == BATCH);
        return total;
    }

    private int sealBatch(UUID tenant, boolean wait) {
        int done = sealInTransaction(tenant, wait);
        sealed.addAndGet(done);
        return done;
    }

    private Integer sealInTransaction(UUID tenant, boolean wait) {
        return jdbi.inTransaction(handle -> {
            TenantScope.bind(handle, tenant);
            String horizon = ChainDao.horizon(handle);
            return ChainDao.lockHead(handle, tenant, wait).map(locked -> {
                ChainDao.Head head = locked.hashVersion() == ChainHash.VERSION ? locked
                        : new ChainMigration(handle, events, tenant, checkpoints.signer()).run(locked);
                List<AuditDao.StoredEvent> unsealed = ChainDao.sealable(handle, events, horizon, BATCH);
                if (unsealed.isEmpty()) {
                    return 0;
                }
                List<ChainDao.Link> links = links(head, unsealed);
                ChainDao.seal(handle, links);
                ChainDao.Link last = links.get(links.size() - 1);
                checkpoints.afterSeal(handle, tenant, last.sequence(), last.hash());
                return unsealed.size();
            }).orElse(0);
        });
    }

    /** Events this node has sealed since it started (committed seals only). */
    public long sealedTotal() {
        return sealed.get();
    }

    /** What waits to be sealed over every cooperative: its size and the age of its oldest event (the lag). */
    public Backlog backlog() {
        long events = 0;
        OffsetDateTime oldest = null;
        for (UUID tenant : cooperatives()) {
            ChainDao.Tail tail = jdbi.inTransaction(handle -> {
                TenantScope.bind(handle, tenant);
                return ChainDao.unsealed(handle);
            });
            events += tail.events();
            if (tail.oldest() != null && (oldest == null || tail.oldest().isBefore(oldest))) {
                oldest = tail.oldest();
            }
        }
        return new Backlog(events, oldest == null ? Duration.ZERO
                : Duration.between(oldest.toInstant(), java.time.Instant.now()));
    }

    public record Backlog(long events, Duration oldestAge) {
    }

    static List<ChainDao.Link> links(ChainDao.Head head, List<AuditDao.StoredEvent> unsealed) {
        List<ChainDao.Link> links = new ArrayList<>(unsealed.size());
        String previous = head.lastHash();
        long sequence = head.lastSequence();
        for (AuditDao.StoredEvent event : unsealed) {
            sequence++;
            // events a previous version inserted have no digest yet
            String digest = event.payloadDigest() != null ? event.payloadDigest()
                    : ChainHash.payloadDigest(event.before(), event.after());
            String hash = ChainHash.of(previous, event.tenantId(), event.id(), sequence,
                    event.occurredAt().toInstant(), event.actorSubject(), event.actorRoles(), event.action(),
                    event.entityType(), event.entityId(), digest, event.requestId());
            links.add(new ChainDao.Link(event.id(), sequence, previous, hash, digest));
            previous = hash;
        }
        return links;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "audit-sealer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private void loop() {
        long nextSweep = 0;
        while (running) {
            try {
                if (System.nanoTime() - nextSweep >= 0) {
                    sweep();
                    nextSweep = System.nanoTime() + sweepInterval.toNanos();
                }
                List<UUID> tenants = takeWoken(nextSweep);
                long passStarted = System.nanoTime();
                for (UUID tenant : tenants) {
                    sealAll(tenant, false);
                    if (stillUnsealed(tenant)) {
                        wake(tenant);
                    }
                }
                // at most one pass per interval: under load the events of many writes are sealed in one transaction
                if (!tenants.isEmpty()) {
                    pause(Duration.ofNanos(Math.max(0, passStarted + passInterval.toNanos() - System.nanoTime())));
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("Sealing failed; the next pass retries", e);
                    pause(Duration.ofSeconds(1));
                }
            }
        }
    }

    private boolean stillUnsealed(UUID tenant) {
        return jdbi.inTransaction(handle -> {
            TenantScope.bind(handle, tenant);
            return ChainDao.unsealed(handle).events() > 0;
        });
    }

    private List<UUID> takeWoken(long until) {
        synchronized (woken) {
            long wait = until - System.nanoTime();
            if (woken.isEmpty() && wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(woken, wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return List.of();
                }
            }
            List<UUID> tenants = new ArrayList<>(woken);
            woken.clear();
            return tenants;
        }
    }

    private static void pause(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
