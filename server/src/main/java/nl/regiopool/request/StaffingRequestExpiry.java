package nl.regiopool.request;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.regiopool.auth.Caller;
import nl.regiopool.tenancy.Transactions;
import nl.regiopool.write.WriteCore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks OPEN staffing requests whose start has passed unfilled as EXPIRED. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so any number of nodes can run this at once without doing the same work
 * twice. Each change is audited under a system actor.
 */
public final class StaffingRequestExpiry implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(StaffingRequestExpiry.class);
    private static final String ACTOR = "system:staffing-request-expiry";
    private static final int BATCH = 100;

    private final Transactions transactions;
    private final WriteCore writes;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public StaffingRequestExpiry(Transactions transactions, WriteCore writes, Duration interval) {
        this.transactions = transactions;
        this.writes = writes;
        this.interval = interval;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "staffing-request-expiry");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runSafely, interval.toSeconds(), interval.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("Staffing request expiry run failed; the next run retries", e);
        }
    }

    /** One pass over every cooperative; returns how many requests expired. */
    public int runOnce() {
        List<UUID> tenants = transactions.readPlatform(StaffingRequestDao::cooperatives);
        int expired = 0;
        for (UUID tenant : tenants) {
            int batch;
            do {
                batch = expireBatch(tenant);
                expired += batch;
            } while (batch == BATCH);
        }
        return expired;
    }

    private int expireBatch(UUID tenant) {
        Caller system = new Caller(ACTOR, tenant, Set.of(), null);
        return writes.asSystem(system, tenant, write -> {
            List<StaffingRequestDao.Row> due = StaffingRequestDao.claimExpired(write.handle(), BATCH);
            for (StaffingRequestDao.Row row : due) {
                StaffingRequestLifecycle.require(row.status(), StaffingRequestLifecycle.Action.EXPIRE);
                StaffingRequestDao.expire(write.handle(), row.id());
                Offers.endWithRequest(write, row.id());
                StaffingRequestDao.Row after = StaffingRequestDao.find(write.handle(), row.id(), null, false)
                        .orElseThrow();
                write.audit("staffing_request.expired", "staffing_request", row.id(), row.request(), after.request());
            }
            return due.size();
        });
    }
}
