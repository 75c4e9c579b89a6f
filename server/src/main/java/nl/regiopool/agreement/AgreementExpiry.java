package nl.regiopool.agreement;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.regiopool.auth.Caller;
import nl.regiopool.settings.CooperativeTime;
import nl.regiopool.tenancy.Transactions;
import nl.regiopool.write.WriteCore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks ACTIVE agreements whose terms in force ended before today (in the cooperative's time zone)
 * as ENDED. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so any number of nodes can run this
 * at once without doing the same work twice. Each change is audited under a system actor.
 */
public final class AgreementExpiry implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(AgreementExpiry.class);
    private static final String ACTOR = "system:agreement-expiry";
    private static final int BATCH = 100;

    private final Transactions transactions;
    private final WriteCore writes;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public AgreementExpiry(Transactions transactions, WriteCore writes, Duration interval) {
        this.transactions = transactions;
        this.writes = writes;
        this.interval = interval;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "agreement-expiry");
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
            LOG.warn("Agreement expiry run failed; the next run retries", e);
        }
    }

    /** One pass over every cooperative; returns how many agreements ended. */
    public int runOnce() {
        List<UUID> tenants = transactions.readPlatform(handle ->
                AgreementDao.cooperatives(handle));
        int ended = 0;
        for (UUID tenant : tenants) {
            int batch;
            do {
                batch = endBatch(tenant);
                ended += batch;
            } while (batch == BATCH);
        }
        return ended;
    }

    private int endBatch(UUID tenant) {
        Caller system = new Caller(ACTOR, tenant, Set.of(), null);
        return writes.asSystem(system, tenant, write -> {
            List<AgreementRow> expired = AgreementDao.claimExpired(write.handle(), BATCH);
            java.time.Instant now = CooperativeTime.now(write.handle());
            for (AgreementRow row : expired) {
                List<TermsRow> versions = AgreementDao.versions(write.handle(), List.of(row.id())).get(row.id());
                AgreementRow endedRow = row.moved(AgreementLifecycle.Action.END.to(), row.steps().ended(now));
                AgreementDao.update(write.handle(), endedRow);
                // the same shape as every other loan_agreement event: the agreement as the API shows it
                write.audit("loan_agreement.ended", "loan_agreement", row.id(), AgreementViews.at(row, versions, now),
                        AgreementViews.at(endedRow, versions, now));
            }
            return expired.size();
        });
    }
}
