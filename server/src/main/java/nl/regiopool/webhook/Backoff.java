package nl.regiopool.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** When a failed delivery is tried again: after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, each ±10% jitter. */
public final class Backoff {

    static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

    private Backoff() {
    }

    /**
     * The wait before the next attempt after {@code failedAttempts} failures (1 after the first), or empty when that
     * was the last attempt. {@code jitter} is uniform in [0, 1): 0.5 is the plain schedule.
     */
    public static Optional<Duration> after(int failedAttempts, double jitter) {
        if (failedAttempts < 1 || failedAttempts > SCHEDULE.size()) {
            return Optional.empty();
        }
        Duration base = SCHEDULE.get(failedAttempts - 1);
        long millis = base.toMillis();
        return Optional.of(Duration.ofMillis(millis + Math.round(millis * 0.2 * (jitter - 0.5))));
    }
}
