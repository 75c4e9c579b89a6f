package nl.regiopool.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityMathTest {

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void fillRateIsFilledOverRequestedToFourDecimals() {
        assertThat(CapacityMath.fillRate(d("13.50"), d("4.50"))).isEqualByComparingTo("0.3333");
        assertThat(CapacityMath.fillRate(d("8"), d("8"))).isEqualByComparingTo("1");
        assertThat(CapacityMath.fillRate(d("8"), d("0"))).isEqualByComparingTo("0");
        assertThat(CapacityMath.fillRate(d("3"), d("2"))).isEqualByComparingTo("0.6667");
    }

    @Test
    void fillRateOfNothingRequestedIsAbsent() {
        assertThat(CapacityMath.fillRate(d("0.00"), d("0.00"))).isNull();
    }

    @Test
    void medianOfNoValuesIsAbsent() {
        assertThat(CapacityMath.median(List.of())).isNull();
    }

    @Test
    void medianOfOneValueIsThatValue() {
        assertThat(CapacityMath.median(List.of(d("2.04")))).isEqualByComparingTo("2.0");
    }

    @Test
    void medianOfAnOddCountIsTheMiddleOneWhateverTheOrder() {
        assertThat(CapacityMath.median(List.of(d("30"), d("1"), d("5")))).isEqualByComparingTo("5.0");
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(CapacityMath.median(List.of(d("4"), d("1"), d("10"), d("2")))).isEqualByComparingTo("3.0");
        assertThat(CapacityMath.median(List.of(d("1"), d("2")))).isEqualByComparingTo("1.5");
    }

    @Test
    void medianRoundsHalfUpToOneDecimal() {
        assertThat(CapacityMath.median(List.of(d("1.25"), d("1.30")))).isEqualByComparingTo("1.3");
        assertThat(CapacityMath.median(List.of(d("0.05")))).isEqualByComparingTo("0.1");
    }
}
