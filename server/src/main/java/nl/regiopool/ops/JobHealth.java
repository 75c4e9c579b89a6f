package nl.regiopool.ops;

import com.codahale.metrics.health.HealthCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import nl.regiopool.write.JobRuns;

/**
 * A background job is healthy while its last successful pass (or, before one, the start of this node) is at
 * most {@code staleAfterIntervals} of its intervals ago, and never stale sooner than {@code staleAfterAtLeast}
 * (the webhook deliverer runs every second: a slow pass or a short pause is no outage).
 */
public final class JobHealth extends HealthCheck {

    private final JobRuns job;
    private final int staleAfterIntervals;
    private final Duration staleAfterAtLeast;
    private final Clock clock;

    public JobHealth(JobRuns job, int staleAfterIntervals, Duration staleAfterAtLeast, Clock clock) {
        this.job = job;
        this.staleAfterIntervals = staleAfterIntervals;
        this.staleAfterAtLeast = staleAfterAtLeast;
        this.clock = clock;
    }

    @Override
    protected Result check() {
        Instant since = job.quietSince();
        Duration quiet = Duration.between(since, clock.instant());
        Duration multiple = job.interval().multipliedBy(staleAfterIntervals);
        Duration limit = multiple.compareTo(staleAfterAtLeast) < 0 ? staleAfterAtLeast : multiple;
        String last = job.lastSuccess().map(at -> "last successful pass at " + at)
                .orElse("no successful pass since the start at " + since);
        if (quiet.compareTo(limit) > 0) {
            return Result.unhealthy("%s: %s, longer ago than %s (%d intervals of %s, at least %s; %d failed passes)",
                    job.name(), last, limit, staleAfterIntervals, job.interval(), staleAfterAtLeast, job.failures());
        }
        return Result.healthy("%s: %s", job.name(), last);
    }
}
