package nl.regiopool.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void followsTheScheduleWithTenPercentJitterAndEndsAfterTheSeventhRetry() {
        Duration[] plain = {Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
                Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)};
        for (int failed = 1; failed <= 7; failed++) {
            Duration base = plain[failed - 1];
            assertThat(Backoff.after(failed, 0.5)).contains(base);
            assertThat(Backoff.after(failed, 0.0)).contains(Duration.ofMillis(base.toMillis() * 9 / 10));
            assertThat(Backoff.after(failed, 0.999999).orElseThrow()).isLessThanOrEqualTo(base.multipliedBy(11).dividedBy(10))
                    .isGreaterThan(base);
        }
        assertThat(Backoff.after(8, 0.5)).isEmpty();
        assertThat(Backoff.after(0, 0.5)).isEmpty();
        Duration total = plain[0];
        for (int i = 1; i < plain.length; i++) {
            total = total.plus(plain[i]);
        }
        assertThat(total).isBetween(Duration.ofDays(1), Duration.ofDays(3));
    }
}
