package nl.regiopool.write;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a background job has done since this node started: passes run, passes failed and when the last one
 * succeeded. Read by the metrics and the job's health check.
 */
public final class JobRuns {

    private final String name;
    private final Duration interval;
    private final Clock clock;
    private final Instant started;
    private final LongAdder runs = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private volatile Instant lastSuccess;

    public JobRuns(String name, Duration interval, Clock clock) {
        this.name = name;
        this.interval = interval;
        this.clock = clock;
        this.started = clock.instant();
    }

    public void succeeded() {
        runs.increment();
        lastSuccess = clock.instant();
    }

    public void failed() {
        runs.increment();
        failures.increment();
    }

    public String name() {
        return name;
    }

    public Duration interval() {
        return interval;
    }

    public long runs() {
        return runs.sum();
    }

    public long failures() {
        return failures.sum();
    }

    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    /** Since when the job has had no successful pass: its last success, or the start of this node before one. */
    public Instant quietSince() {
        Instant last = lastSuccess;
        return last != null ? last : started;
    }
}
