package nl.regiopool.auth;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket for fetches from the identity provider: {@code perMinute} at once, refilled evenly over a
 * minute. Tokens naming made-up key ids cannot make this server hammer the provider.
 */
final class FetchBudget {

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final long capacity;
    private final long nanosPerFetch;
    private final LongSupplier clock;
    private long available;
    private long refilledAt;

    FetchBudget(int perMinute, LongSupplier nanoClock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1");
        }
        capacity = perMinute;
        nanosPerFetch = MINUTE / perMinute;
        clock = nanoClock;
        available = capacity;
        refilledAt = clock.getAsLong();
    }

    /** Takes one fetch if there is one left. */
    synchronized boolean take() {
        long now = clock.getAsLong();
        long earned = (now - refilledAt) / nanosPerFetch;
        if (earned > 0) {
            available = Math.min(capacity, available + earned);
            refilledAt = available == capacity ? now : refilledAt + earned * nanosPerFetch;
        }
        if (available == 0) {
            return false;
        }
        available--;
        return true;
    }

    /** Milliseconds until {@link #take} can succeed again (0 when it can now). */
    synchronized long millisUntilNext() {
        if (available > 0) {
            return 0;
        }
        long wait = nanosPerFetch - (clock.getAsLong() - refilledAt);
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(wait));
    }
}
