package nl.regiopool.cao;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Rules about one shift on its own: length, breaks, night-shift length. */
final class ShiftRules {

    private ShiftRules() {
    }

    static Optional<Violation> maxShiftLength(RuleSetVersion rules, Shift candidate) {
        return rules.find(RuleParameter.MAX_SHIFT_WORK).flatMap(max -> {
            Duration worked = candidate.worked();
            if (worked.compareTo(max.value()) <= 0) {
                return Optional.empty();
            }
            return Optional.of(new Violation(ViolationCode.ATW_MAX_SHIFT_LENGTH,
                    "The shift has " + Texts.hours(worked) + " of worked time; at most " + Texts.hours(max.value())
                            + " per shift is allowed.",
                    Texts.hours(max.value()), Texts.hours(worked), List.of(candidate.id()), max.source()));
        });
    }

    static Optional<Violation> minBreak(RuleSetVersion rules, Shift candidate) {
        return rules.find(RuleParameter.BREAK_RULES).flatMap(breakRules -> {
            Duration worked = candidate.worked();
            Duration breakTaken = Duration.ofMinutes(candidate.breakMinutes());
            Optional<BreakRule> applicable = breakRules.value().stream()
                    .filter(r -> worked.compareTo(r.workedOver()) > 0)
                    .max((a, b) -> a.minBreak().compareTo(b.minBreak()));
            if (applicable.isEmpty() || breakTaken.compareTo(applicable.get().minBreak()) >= 0) {
                return Optional.empty();
            }
            BreakRule rule = applicable.get();
            return Optional.of(new Violation(ViolationCode.ATW_MIN_BREAK,
                    "The shift has " + Texts.hours(worked) + " of worked time and " + Texts.minutes(breakTaken)
                            + " of break; more than " + Texts.hours(rule.workedOver()) + " of work needs at least "
                            + Texts.minutes(rule.minBreak()) + " of break.",
                    Texts.minutes(rule.minBreak()), Texts.minutes(breakTaken), List.of(candidate.id()),
                    breakRules.source()));
        });
    }

    static Optional<Violation> nightShiftLength(RuleSetVersion rules, ZoneId zone, Shift candidate) {
        return rules.find(RuleParameter.MAX_NIGHT_SHIFT_WORK).flatMap(max -> {
            Duration worked = candidate.worked();
            if (worked.compareTo(max.value()) <= 0 || !NightShifts.isNightShift(candidate, zone)) {
                return Optional.empty();
            }
            return Optional.of(new Violation(ViolationCode.ATW_NIGHT_SHIFT_LENGTH,
                    "The shift is a night shift (" + Texts.hours(NightShifts.nightWork(candidate, zone))
                            + " of work between 00:00 and 06:00) with " + Texts.hours(worked)
                            + " of worked time; at most " + Texts.hours(max.value()) + " per night shift is allowed.",
                    Texts.hours(max.value()), Texts.hours(worked), List.of(candidate.id()), max.source()));
        });
    }
}
