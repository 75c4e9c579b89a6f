package nl.regiopool.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import nl.regiopool.problem.Problems;

/**
 * A token bucket per token subject: {@code burst} requests at once, refilled at
 * {@code requestsPerSecond}; beyond that 429 with {@code Retry-After}. The buckets live in this
 * node's memory, so behind a load balancer each node grants the rate on its own: a limit against
 * runaway clients, not an exact quota.
 */
@Priority(Priorities.AUTHENTICATION + 100)
public final class RateLimit implements ContainerRequestFilter {

    /** Idle buckets are full and carry no state worth keeping; past this many they are dropped. */
    private static final int MAX_TRACKED_SUBJECTS = 100_000;

    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimit(double perSecond, int burst, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    public RateLimit(HttpLimits limits) {
        this(limits.getRequestsPerSecond(), limits.getBurst(), System::nanoTime);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        // runs after AuthFilter, so the principal is always the verified caller, named by the token's subject
        long waitNanos = take(request.getSecurityContext().getUserPrincipal().getName());
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            Response problem = Problems.response(429, "RATE_LIMITED", "Too many requests",
                    "This token sent more than " + perSecond + " requests per second; retry after " + seconds + " s.");
            request.abortWith(Response.fromResponse(problem).header("Retry-After", Long.toString(seconds)).build());
        }
    }

    /** Takes one request from the subject's bucket: 0 if granted, else the nanoseconds until one is. */
    long take(String subject) {
        if (buckets.size() > MAX_TRACKED_SUBJECTS) {
            long now = nanoTime.getAsLong();
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return buckets.computeIfAbsent(subject, key -> new Bucket(nanoTime.getAsLong())).take(nanoTime.getAsLong());
    }

    private final class Bucket {
        private double tokens = burst;
        private long refilledAt;

        Bucket(long now) {
            this.refilledAt = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perSecond * 1e9);
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
        }
    }
}
