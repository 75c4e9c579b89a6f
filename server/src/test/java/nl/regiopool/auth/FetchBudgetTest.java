package nl.regiopool.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FetchBudgetTest {

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void aFullBucketGivesPerMinuteFetchesAtOnceThenOneEachSixtiethOfAMinute() {
        FetchBudget budget = new FetchBudget(6, now::get);
        for (int i = 0; i < 6; i++) {
            assertThat(budget.take()).as("fetch %d", i).isTrue();
        }
        assertThat(budget.take()).isFalse();
        assertThat(budget.millisUntilNext()).isEqualTo(10_000);

        advance(9_999);
        assertThat(budget.take()).isFalse();
        assertThat(budget.millisUntilNext()).isEqualTo(1);
        advance(1);
        assertThat(budget.take()).isTrue();
        assertThat(budget.take()).isFalse();
    }

    @Test
    void anIdleBucketRefillsToItsCapacityAndNoFurther() {
        FetchBudget budget = new FetchBudget(3, now::get);
        budget.take();
        advance(3_600_000);
        assertThat(budget.millisUntilNext()).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(budget.take()).isTrue();
        }
        assertThat(budget.take()).isFalse();
    }

    @Test
    void partlyEarnedTimeIsKeptBetweenRefills() {
        FetchBudget budget = new FetchBudget(2, now::get);
        budget.take();
        budget.take();
        advance(45_000);
        assertThat(budget.take()).isTrue();
        assertThat(budget.take()).isFalse();
        advance(15_000);
        assertThat(budget.take()).as("the 45 s already waited count toward the next").isTrue();
    }

    @Test
    void atLeastOneFetchAMinute() {
        assertThatThrownBy(() -> new FetchBudget(0, now::get)).isInstanceOf(IllegalArgumentException.class);
    }

    private void advance(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
