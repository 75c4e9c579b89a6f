package nl.regiopool.ruleset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.regiopool.api.model.BreakRuleValue;
import nl.regiopool.api.model.FieldError;
import nl.regiopool.api.model.RuleParameterName;
import nl.regiopool.api.model.RuleParameterValue;
import nl.regiopool.api.model.SurchargeWindowValue;
import nl.regiopool.cao.BreakRule;
import nl.regiopool.cao.DayType;
import nl.regiopool.cao.RuleParameter;
import nl.regiopool.cao.RuleSetVersion;
import nl.regiopool.cao.Sourced;
import nl.regiopool.cao.SurchargeWindow;
import nl.regiopool.problem.ProblemException;

/**
 * Rule-set parameters between the API's typed form ({@link RuleParameterValue}, also what is stored as jsonb)
 * and the engine's {@link RuleSetVersion}. Each parameter carries exactly the value field of its type.
 */
final class RuleSetJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private RuleSetJson() {
    }

    /** The version's own parameters in the API form, in {@link RuleParameter#ALL} order. */
    static List<RuleParameterValue> toApi(RuleSetVersion version) {
        List<RuleParameterValue> values = new ArrayList<>();
        for (RuleParameter<?> parameter : RuleParameter.ALL) {
            Sourced<?> sourced = version.ownParameters().get(parameter);
            if (sourced != null) {
                values.add(toApi(parameter, sourced));
            }
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static RuleParameterValue toApi(RuleParameter<?> parameter, Sourced<?> sourced) {
        RuleParameterValue value = new RuleParameterValue(RuleParameterName.fromValue(parameter.name()), sourced.source());
        Object v = sourced.value();
        if (v instanceof Duration duration) {
            value.minutes(Math.toIntExact(duration.toMinutes()));
        } else if (v instanceof Integer count) {
            value.count(count);
        } else if (parameter == RuleParameter.BREAK_RULES) {
            value.breakRules(((List<BreakRule>) v).stream().map(rule -> new BreakRuleValue(
                    Math.toIntExact(rule.workedOver().toMinutes()), Math.toIntExact(rule.minBreak().toMinutes()))).toList());
        } else {
            value.surchargeWindows(((List<SurchargeWindow>) v).stream().map(window -> new SurchargeWindowValue(
                    window.days().stream().sorted().map(day -> nl.regiopool.api.model.DayKind.fromValue(day.name())).toList(),
                    window.from().format(CLOCK), window.to().format(CLOCK), window.percent())).toList());
        }
        return value;
    }

    /** Sets the parameters on the builder; 422 VALIDATION_FAILED naming every bad one. */
    static RuleSetVersion.Builder apply(RuleSetVersion.Builder builder, List<RuleParameterValue> values) {
        List<FieldError> errors = new ArrayList<>();
        Set<RuleParameterName> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            RuleParameterValue value = values.get(i);
            String field = "parameters[" + i + "]";
            if (!seen.add(value.getName())) {
                errors.add(new FieldError(field + ".name", "DUPLICATE", "Each parameter appears at most once."));
                continue;
            }
            try {
                set(builder, value, field, errors);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field, "INVALID_VALUE", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return builder;
    }

    private static void set(RuleSetVersion.Builder builder, RuleParameterValue value, String field,
                            List<FieldError> errors) {
        RuleParameter<?> parameter = RuleParameter.ALL.stream()
                .filter(p -> p.name().equals(value.getName().toString())).findFirst().orElseThrow();
        Map<String, Boolean> given = Map.of("minutes", value.getMinutes() != null, "count", value.getCount() != null,
                "breakRules", value.getBreakRules() != null, "surchargeWindows", value.getSurchargeWindows() != null);
        String expected = parameter.type() == Duration.class ? "minutes"
                : parameter.type() == Integer.class ? "count"
                : parameter == RuleParameter.BREAK_RULES ? "breakRules" : "surchargeWindows";
        if (!given.get(expected) || given.values().stream().filter(b -> b).count() != 1) {
            errors.add(new FieldError(field, "INVALID_VALUE",
                    "Parameter " + parameter.name() + " takes exactly one value field: " + expected + "."));
            return;
        }
        String source = value.getSource().strip();
        switch (expected) {
            case "minutes" -> builder.set(duration(parameter), Duration.ofMinutes(value.getMinutes()), source);
            case "count" -> builder.set(RuleParameter.MAX_LOAN_MONTHS, value.getCount(), source);
            case "breakRules" -> builder.set(RuleParameter.BREAK_RULES, value.getBreakRules().stream()
                    .map(rule -> new BreakRule(Duration.ofMinutes(rule.getWorkedOverMinutes()),
                            Duration.ofMinutes(rule.getMinBreakMinutes()))).toList(), source);
            default -> builder.set(RuleParameter.SURCHARGE_WINDOWS, value.getSurchargeWindows().stream()
                    .map(RuleSetJson::window).toList(), source);
        }
    }

    @SuppressWarnings("unchecked")
    private static RuleParameter<Duration> duration(RuleParameter<?> parameter) {
        return (RuleParameter<Duration>) parameter;
    }

    private static SurchargeWindow window(SurchargeWindowValue value) {
        Set<DayType> days = EnumSet.noneOf(DayType.class);
        value.getDays().forEach(day -> days.add(DayType.valueOf(day.toString())));
        BigDecimal percent = value.getPercent();
        return new SurchargeWindow(days, LocalTime.parse(value.getFrom()), LocalTime.parse(value.getTo()), percent);
    }

    static String write(List<RuleParameterValue> values) {
        try {
            return MAPPER.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<RuleParameterValue> read(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rule-set parameters do not read back", e);
        }
    }
}
