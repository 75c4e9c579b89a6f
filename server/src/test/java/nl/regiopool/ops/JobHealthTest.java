package nl.regiopool.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import nl.regiopool.write.JobRuns;
import org.junit.jupiter.api.Test;

class JobHealthTest {

    private static final Instant START = Instant.parse("2026-03-03T08:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(5);

    private final MovingClock clock = new MovingClock();
    private final JobRuns job = new JobRuns("agreement-expiry", INTERVAL, clock);
    private final JobHealth health = new JobHealth(job, 3, Duration.ofMinutes(1), clock);

    @Test
    void beforeItsFirstPassAJobIsHealthyForThreeIntervalsFromTheStart() {
        clock.now = START.plus(INTERVAL.multipliedBy(3));
        assertThat(health.execute().isHealthy()).isTrue();

        clock.now = clock.now.plusSeconds(1);
        HealthCheck.Result stale = health.execute();
        assertThat(stale.isHealthy()).isFalse();
        assertThat(stale.getMessage()).contains("agreement-expiry").contains("no successful pass since the start");
    }

    @Test
    void aJobIsStaleThreeIntervalsAfterItsLastSuccessWhateverItsFailures() {
        clock.now = START.plus(Duration.ofHours(1));
        job.succeeded();
        Instant success = clock.now;
        clock.now = success.plus(INTERVAL);
        job.failed();
        clock.now = success.plus(INTERVAL.multipliedBy(2));
        job.failed();

        clock.now = success.plus(INTERVAL.multipliedBy(3));
        assertThat(health.execute().isHealthy()).isTrue();
        clock.now = success.plus(INTERVAL.multipliedBy(3)).plusSeconds(1);
        HealthCheck.Result stale = health.execute();
        assertThat(stale.isHealthy()).isFalse();
        assertThat(stale.getMessage()).contains("last successful pass at " + success).contains("2 failed passes");

        job.succeeded();
        assertThat(health.execute().isHealthy()).isTrue();
        assertThat(job.runs()).isEqualTo(4);
        assertThat(job.failures()).isEqualTo(2);
    }

    @Test
    void theMultipleIsConfigurable() {
        JobHealth patient = new JobHealth(job, 10, Duration.ofMinutes(1), clock);
        clock.now = START.plus(INTERVAL.multipliedBy(9));
        assertThat(patient.execute().isHealthy()).isTrue();
        assertThat(health.execute().isHealthy()).isFalse();
    }

    @Test
    void aJobOnAShortIntervalIsNotStaleSoonerThanTheFloor() {
        JobRuns everySecond = new JobRuns("webhook-deliverer", Duration.ofSeconds(1), clock);
        JobHealth floored = new JobHealth(everySecond, 3, Duration.ofMinutes(1), clock);

        clock.now = START.plusSeconds(60);
        assertThat(floored.execute().isHealthy()).isTrue();
        clock.now = START.plusSeconds(61);
        assertThat(floored.execute().isHealthy()).isFalse();
    }

    private static final class MovingClock extends Clock {
        private Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
