package nl.regiopool.cao;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A typed key of a rule-set parameter. The constants are the parameters the engine knows; each carries the
 * meaning it has in the engine.
 */
public final class RuleParameter<T> {

    /** Maximum worked time per shift ("ten hoogste 12 uren per dienst"). */
    public static final RuleParameter<Duration> MAX_SHIFT_WORK = new RuleParameter<>("maxShiftWork", Duration.class);
    /** Maximum worked time per ISO week. */
    public static final RuleParameter<Duration> MAX_WEEK_WORK = new RuleParameter<>("maxWeekWork", Duration.class);
    /** Maximum average worked time per week over every run of 4 consecutive weeks. */
    public static final RuleParameter<Duration> MAX_AVG_WEEK_WORK_4_WEEKS =
            new RuleParameter<>("maxAvgWeekWork4Weeks", Duration.class);
    /** Maximum average worked time per week over every run of 16 consecutive weeks. */
    public static final RuleParameter<Duration> MAX_AVG_WEEK_WORK_16_WEEKS =
            new RuleParameter<>("maxAvgWeekWork16Weeks", Duration.class);
    /** Minimum uninterrupted rest in every 24-hour period. */
    public static final RuleParameter<Duration> MIN_DAILY_REST = new RuleParameter<>("minDailyRest", Duration.class);
    /** The reduced minimum daily rest, allowed once per {@link #REDUCED_DAILY_REST_PERIOD}. */
    public static final RuleParameter<Duration> REDUCED_DAILY_REST =
            new RuleParameter<>("reducedDailyRest", Duration.class);
    /** The period in which the daily rest may be reduced once (7&times;24 h). */
    public static final RuleParameter<Duration> REDUCED_DAILY_REST_PERIOD =
            new RuleParameter<>("reducedDailyRestPeriod", Duration.class);
    /** Minimum uninterrupted weekly rest in every {@link #WEEKLY_REST_PERIOD}. */
    public static final RuleParameter<Duration> MIN_WEEKLY_REST = new RuleParameter<>("minWeeklyRest", Duration.class);
    /** The period of the uninterrupted weekly rest (7&times;24 h). */
    public static final RuleParameter<Duration> WEEKLY_REST_PERIOD =
            new RuleParameter<>("weeklyRestPeriod", Duration.class);
    /** Alternative weekly rest: total rest in every {@link #ALT_WEEKLY_REST_PERIOD} (72 h). */
    public static final RuleParameter<Duration> ALT_WEEKLY_REST_TOTAL =
            new RuleParameter<>("altWeeklyRestTotal", Duration.class);
    /** Alternative weekly rest: its period (14&times;24 h). */
    public static final RuleParameter<Duration> ALT_WEEKLY_REST_PERIOD =
            new RuleParameter<>("altWeeklyRestPeriod", Duration.class);
    /** Alternative weekly rest: the shortest block that counts towards the total (32 h). */
    public static final RuleParameter<Duration> ALT_WEEKLY_REST_MIN_BLOCK =
            new RuleParameter<>("altWeeklyRestMinBlock", Duration.class);
    /** Minimum breaks by worked time per shift. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final RuleParameter<List<BreakRule>> BREAK_RULES =
            new RuleParameter<>("breakRules", (Class<List<BreakRule>>) (Class) List.class);
    /** Maximum worked time per night shift (a shift with more than 1 h worked between 00:00 and 06:00). */
    public static final RuleParameter<Duration> MAX_NIGHT_SHIFT_WORK =
            new RuleParameter<>("maxNightShiftWork", Duration.class);
    /** Irregular-hours surcharge windows. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final RuleParameter<List<SurchargeWindow>> SURCHARGE_WINDOWS =
            new RuleParameter<>("surchargeWindows", (Class<List<SurchargeWindow>>) (Class) List.class);
    /** Maximum length of one loan agreement, in months. */
    public static final RuleParameter<Integer> MAX_LOAN_MONTHS = new RuleParameter<>("maxLoanMonths", Integer.class);
    /** Minimum notice before a new placement starts. */
    public static final RuleParameter<Duration> NEW_PLACEMENT_NOTICE =
            new RuleParameter<>("newPlacementNotice", Duration.class);

    /** Every parameter the engine knows, in a stable order. */
    public static final List<RuleParameter<?>> ALL = List.of(MAX_SHIFT_WORK, MAX_WEEK_WORK,
            MAX_AVG_WEEK_WORK_4_WEEKS, MAX_AVG_WEEK_WORK_16_WEEKS, MIN_DAILY_REST, REDUCED_DAILY_REST,
            REDUCED_DAILY_REST_PERIOD, MIN_WEEKLY_REST, WEEKLY_REST_PERIOD, ALT_WEEKLY_REST_TOTAL,
            ALT_WEEKLY_REST_PERIOD, ALT_WEEKLY_REST_MIN_BLOCK, BREAK_RULES, MAX_NIGHT_SHIFT_WORK, SURCHARGE_WINDOWS,
            MAX_LOAN_MONTHS, NEW_PLACEMENT_NOTICE);

    private final String name;
    private final Class<T> type;

    private RuleParameter(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    /** The parameter's stable name (camelCase, as in the API). */
    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    T cast(Object value) {
        return type.cast(Objects.requireNonNull(value));
    }

    @Override
    public String toString() {
        return name;
    }
}
