package nl.regiopool.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Assesses a loan agreement against the conditions of the decree on lending personnel (Besluit
 * vrijstelling ter beschikking stellen van personeel, Stcrt. 2024-17448) under which lending care staff is
 * VAT-exempt. It reports which conditions hold; it is not tax advice.
 *
 * Each code in {@code unmetConditions} names a condition that must hold and does not:
 * <ul>
 *   <li>{@code INDEFINITE_PERIOD}: the lending is for an indefinite period (the agreement has no end date).</li>
 *   <li>{@code INDEFINITE_CONTRACT}: the worker has an indefinite employment contract with the lender.</li>
 *   <li>{@code FIXED_HOURS_CONTRACT}: the worker's contract is not a zero-hours or variable-hours contract.</li>
 *   <li>{@code FEE_WITHIN_WAGE_COST_PLUS_5PCT}: the fee does not exceed the gross wage cost plus at most 5%.</li>
 * </ul>
 * A named employee is given by construction (an agreement names one worker). Whether the lending is
 * structural per borrower is a judgement on the cooperative's whole practice; it is not assessed here.
 */
public final class VatExemptionRules {

    public record Assessment(boolean eligible, List<String> unmetConditions) {
        public Assessment {
            unmetConditions = List.copyOf(unmetConditions);
        }
    }

    private static final BigDecimal REASONABLE_COST_ALLOWANCE_PERCENT = BigDecimal.valueOf(5);

    private VatExemptionRules() {
    }

    public static Assessment assess(LocalDate endDate, String contractType, long tariffCentsPerHour,
                                    long wageCostCentsPerHour) {
        List<String> unmet = new ArrayList<>();
        if (endDate != null) {
            unmet.add("INDEFINITE_PERIOD");
        }
        if (!"INDEFINITE".equals(contractType)) {
            unmet.add("INDEFINITE_CONTRACT");
        }
        if ("ZERO_HOURS".equals(contractType) || "VARIABLE_HOURS".equals(contractType)) {
            unmet.add("FIXED_HOURS_CONTRACT");
        }
        if (tariffCentsPerHour > AgreementRules.maxTariffCents(wageCostCentsPerHour, REASONABLE_COST_ALLOWANCE_PERCENT)) {
            unmet.add("FEE_WITHIN_WAGE_COST_PLUS_5PCT");
        }
        return new Assessment(unmet.isEmpty(), unmet);
    }
}
