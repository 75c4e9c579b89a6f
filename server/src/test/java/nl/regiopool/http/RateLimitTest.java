package nl.regiopool.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket on a clock the test moves. */
class RateLimitTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimit limit = new RateLimit(2, 4, now::get);

    @Test
    void aBurstIsGrantedThenOneRequestPerRefillInterval() {
        for (int i = 0; i < 4; i++) {
            assertThat(limit.take("alice")).isZero();
        }
        assertThat(limit.take("alice")).isEqualTo(500_000_000L);
        now.addAndGet(250_000_000L);
        assertThat(limit.take("alice")).isEqualTo(250_000_000L);
        now.addAndGet(250_000_000L);
        assertThat(limit.take("alice")).isZero();
        assertThat(limit.take("alice")).isPositive();
    }

    @Test
    void subjectsHaveTheirOwnBucketsAndAnIdleBucketRefillsOnlyUpToTheBurst() {
        for (int i = 0; i < 4; i++) {
            limit.take("alice");
        }
        assertThat(limit.take("bob")).isZero();
        now.addAndGet(60_000_000_000L);
        for (int i = 0; i < 4; i++) {
            assertThat(limit.take("alice")).isZero();
        }
        assertThat(limit.take("alice")).isPositive();
    }
}
