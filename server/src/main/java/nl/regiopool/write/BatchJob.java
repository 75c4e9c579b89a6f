package nl.regiopool.write;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import nl.regiopool.auth.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background job on a fixed delay. A pass works through every cooperative in batches, each in its own
 * transaction of the write core under the system caller {@code system:<name>}, until a batch comes back short.
 * A batch claims its rows with {@code FOR UPDATE SKIP LOCKED}, so any number of nodes can run the job at once
 * without doing the same work twice, and audits each change.
 */
public abstract class BatchJob implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(BatchJob.class);

    /** The most rows one batch claims. */
    protected static final int BATCH = 100;

    private final String name;
    private final WriteCore writes;
    private final Duration interval;
    private final Supplier<List<UUID>> cooperatives;
    private final JobRuns runs;
    private ScheduledExecutorService scheduler;

    protected BatchJob(String name, WriteCore writes, Duration interval, Supplier<List<UUID>> cooperatives) {
        this.name = name;
        this.writes = writes;
        this.interval = interval;
        this.cooperatives = cooperatives;
        this.runs = new JobRuns(name, interval, Clock.systemUTC());
    }

    /** The passes this job has run on this node. */
    public JobRuns runs() {
        return runs;
    }

    /** One batch in one cooperative's transaction: claims at most {@link #BATCH} rows and returns how many. */
    protected abstract int batch(WriteContext write);

    /** One pass over every cooperative; returns how many rows its batches handled. */
    public int runOnce() {
        return pass(this::batch);
    }

    protected final int pass(Function<WriteContext, Integer> batch) {
        try {
            int done = passOverCooperatives(batch);
            runs.succeeded();
            return done;
        } catch (RuntimeException e) {
            runs.failed();
            throw e;
        }
    }

    private int passOverCooperatives(Function<WriteContext, Integer> batch) {
        int done = 0;
        for (UUID tenant : cooperatives.get()) {
            Caller system = new Caller("system:" + name, tenant, Set.of(), null);
            int claimed;
            do {
                claimed = writes.asSystem(system, tenant, batch);
                done += claimed;
            } while (claimed == BATCH);
        }
        return done;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
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
            LOG.warn("The {} run failed; the next run retries", name, e);
        }
    }
}
