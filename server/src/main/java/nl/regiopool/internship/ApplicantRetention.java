package nl.regiopool.internship;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.regiopool.auth.Caller;
import nl.regiopool.settings.SettingsDao;
import nl.regiopool.tenancy.Transactions;
import nl.regiopool.write.WriteCore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases applicants' personal data and documents {@code applicantRetentionDays} after the last decision on
 * them (for an applicant without recorded consent at most the default 28 days). Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so nodes can run this at once; each erasure is audited under a system actor,
 * with ids only.
 */
public final class ApplicantRetention implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicantRetention.class);
    private static final String ACTOR = "system:applicant-retention";
    private static final int BATCH = 100;

    private final Transactions transactions;
    private final WriteCore writes;
    private final DocumentStore documents;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public ApplicantRetention(Transactions transactions, WriteCore writes, DocumentStore documents, Clock clock,
                              Duration interval) {
        this.transactions = transactions;
        this.writes = writes;
        this.documents = documents;
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "applicant-retention");
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
            LOG.warn("Applicant retention run failed; the next run retries", e);
        }
    }

    /** One pass over every cooperative at the clock's now; returns how many applicants were erased. */
    public int runOnce() {
        return runAt(clock.instant());
    }

    /** One pass as if it were {@code now}. */
    public int runAt(Instant now) {
        List<UUID> tenants = transactions.readPlatform(ApplicantDao::cooperatives);
        int erased = 0;
        for (UUID tenant : tenants) {
            int batch;
            do {
                batch = eraseBatch(tenant, now.atOffset(ZoneOffset.UTC));
                erased += batch;
            } while (batch == BATCH);
        }
        return erased;
    }

    private int eraseBatch(UUID tenant, OffsetDateTime now) {
        Caller system = new Caller(ACTOR, tenant, Set.of(), null);
        return writes.asSystem(system, tenant, write -> {
            int days = SettingsDao.current(write.handle()).getApplicantRetentionDays();
            List<UUID> due = ApplicantDao.claimDue(write.handle(), now, days, BATCH);
            for (UUID applicant : due) {
                List<UUID> documentIds = DocumentDao.ids(write.handle(), applicant);
                for (UUID document : documentIds) {
                    documents.delete(write.handle(), document);
                    DocumentDao.delete(write.handle(), document);
                }
                ApplicantDao.erase(write.handle(), applicant);
                write.audit("internship_applicant.erased", "internship_applicant", applicant, null,
                        Map.of("id", applicant, "documentsErased", documentIds.size(), "retentionDays", days));
            }
            return due.size();
        });
    }
}
