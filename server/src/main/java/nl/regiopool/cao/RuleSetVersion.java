package nl.regiopool.cao;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * One effective-dated version of a rule set (the Working Hours Act {@code ATW}, or a CAO).
 *
 * <p>Every parameter carries the text it comes from ({@link Sourced}). A version may {@code extend} a parent: a
 * parameter it leaves unset is taken from the parent, and so on up the chain. This is how a CAO deviates from
 * the law: {@code CAO_HUISARTSENZORG} extends {@code ATW} and adds its surcharge windows.
 */
public final class RuleSetVersion {

    private final String code;
    private final LocalDate validFrom;
    private final LocalDate validTo;
    private final RuleSetVersion parent;
    private final Map<RuleParameter<?>, Sourced<?>> own;

    private RuleSetVersion(Builder builder) {
        this.code = builder.code;
        this.validFrom = builder.validFrom;
        this.validTo = builder.validTo;
        this.parent = builder.parent;
        this.own = Map.copyOf(builder.own);
    }

    public static Builder builder(String code, LocalDate validFrom) {
        return new Builder(code, validFrom);
    }

    /** Rule-set code, e.g. {@code ATW} or {@code CAO_HUISARTSENZORG}. */
    public String code() {
        return code;
    }

    public LocalDate validFrom() {
        return validFrom;
    }

    /** Last day of validity, or empty when open-ended. */
    public Optional<LocalDate> validTo() {
        return Optional.ofNullable(validTo);
    }

    public Optional<RuleSetVersion> parent() {
        return Optional.ofNullable(parent);
    }

    /** True when this version is in force on {@code date}. */
    public boolean isValidOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
    }

    /** The parameter with its source, from this version or the nearest ancestor that sets it. */
    @SuppressWarnings("unchecked")
    public <T> Optional<Sourced<T>> find(RuleParameter<T> parameter) {
        for (RuleSetVersion v = this; v != null; v = v.parent) {
            Sourced<?> value = v.own.get(parameter);
            if (value != null) {
                return Optional.of((Sourced<T>) value);
            }
        }
        return Optional.empty();
    }

    /** The parameter's value; throws when neither this version nor an ancestor sets it. */
    public <T> Sourced<T> require(RuleParameter<T> parameter) {
        return find(parameter).orElseThrow(() -> new NoSuchElementException(
                "rule set " + code + " sets no " + parameter.name()));
    }

    /** Parameters set on this version itself (not inherited). */
    public Map<RuleParameter<?>, Sourced<?>> ownParameters() {
        return own;
    }

    /** Every parameter in force, own and inherited, in {@link RuleParameter#ALL} order. */
    public Map<RuleParameter<?>, Sourced<?>> effectiveParameters() {
        Map<RuleParameter<?>, Sourced<?>> all = new LinkedHashMap<>();
        for (RuleParameter<?> p : RuleParameter.ALL) {
            find(p).ifPresent(value -> all.put(p, value));
        }
        return all;
    }

    @Override
    public String toString() {
        return code + "@" + validFrom;
    }

    /** Builds a version; {@link #set} each parameter with its source. */
    public static final class Builder {
        private final String code;
        private final LocalDate validFrom;
        private LocalDate validTo;
        private RuleSetVersion parent;
        private final Map<RuleParameter<?>, Sourced<?>> own = new LinkedHashMap<>();

        private Builder(String code, LocalDate validFrom) {
            if (code == null || !code.matches("[A-Z][A-Z0-9_]*")) {
                throw new IllegalArgumentException("rule set code is UPPER_SNAKE_CASE: " + code);
            }
            this.code = code;
            this.validFrom = Objects.requireNonNull(validFrom, "validFrom");
        }

        public Builder validTo(LocalDate lastDay) {
            if (lastDay != null && lastDay.isBefore(validFrom)) {
                throw new IllegalArgumentException("validTo before validFrom");
            }
            this.validTo = lastDay;
            return this;
        }

        /** Parameters this version leaves unset are taken from {@code parentVersion}. */
        public Builder extendsVersion(RuleSetVersion parentVersion) {
            this.parent = Objects.requireNonNull(parentVersion, "parent");
            return this;
        }

        @SuppressWarnings("unchecked")
        public <T> Builder set(RuleParameter<T> parameter, T value, String source) {
            T checked = parameter.cast(value);
            if (checked instanceof java.util.List<?> list) {
                checked = (T) java.util.List.copyOf(list);
            }
            own.put(parameter, new Sourced<>(checked, source));
            return this;
        }

        public RuleSetVersion build() {
            return new RuleSetVersion(this);
        }
    }
}
