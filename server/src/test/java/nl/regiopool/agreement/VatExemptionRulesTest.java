package nl.regiopool.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VatExemptionTest {

    @Test
    void indefiniteLendingOfAnIndefiniteContractAtCostIsEligible() {
        VatExemptionRules.Assessment assessment = VatExemptionRules.assess(null, "INDEFINITE", 3000, 3000);
        assertThat(assessment.eligible()).isTrue();
        assertThat(assessment.unmetConditions()).isEmpty();
    }

    @ParameterizedTest(name = "wage cost 3000, fee {0}: within={1}")
    @CsvSource({"3150, true", "3151, false", "2000, true"})
    void theFeeMayBeWageCostPlusAtMostFivePercent(long fee, boolean within) {
        assertThat(VatExemptionRules.assess(null, "INDEFINITE", fee, 3000).unmetConditions())
                .isEqualTo(within ? java.util.List.of() : java.util.List.of("FEE_WITHIN_WAGE_COST_PLUS_5PCT"));
    }

    @Test
    void everyUnmetConditionIsNamed() {
        VatExemptionRules.Assessment assessment = VatExemptionRules.assess(LocalDate.of(2027, 6, 30), "ZERO_HOURS", 4000, 3000);
        assertThat(assessment.eligible()).isFalse();
        assertThat(assessment.unmetConditions()).containsExactly("INDEFINITE_PERIOD", "INDEFINITE_CONTRACT",
                "FIXED_HOURS_CONTRACT", "FEE_WITHIN_WAGE_COST_PLUS_5PCT");
        assertThat(VatExemptionRules.assess(null, "FIXED_TERM", 3000, 3000).unmetConditions())
                .containsExactly("INDEFINITE_CONTRACT");
        assertThat(VatExemptionRules.assess(null, "VARIABLE_HOURS", 3000, 3000).unmetConditions())
                .containsExactly("INDEFINITE_CONTRACT", "FIXED_HOURS_CONTRACT");
    }
}
