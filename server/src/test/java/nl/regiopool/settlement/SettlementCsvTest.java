package nl.regiopool.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SettlementCsvTest {

    @Test
    void hoursAreWrittenAsTheBigDecimalHoursOfTheLineAsPlainText() {
        for (long seconds = -200_000; seconds <= 200_000; seconds++) {
            assertThat(SettlementCsv.hours(seconds)).as("%d s", seconds)
                    .isEqualTo(SettlementMath.hours(seconds).toPlainString());
        }
        Random random = new Random(14);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextInt() / 8;
            assertThat(SettlementCsv.hours(seconds)).as("%d s", seconds)
                    .isEqualTo(SettlementMath.hours(seconds).toPlainString());
        }
    }
}
