package nl.regiopool.cao;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Shifts written in Europe/Amsterdam local time, and small helpers over violations. */
final class Fixtures {

    static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
    static final RuleSetVersion ATW = SeededRuleSets.ATW_2007;
    static final RuleSetVersion HUISARTSEN = SeededRuleSets.CAO_HUISARTSENZORG_2017;
    /** A Monday well away from DST changes. */
    static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

    private Fixtures() {
    }

    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(AMS).toInstant();
    }

    static Shift shift(String from, String to) {
        return shift(from, to, 0);
    }

    static Shift shift(String from, String to, int breakMinutes) {
        return new Shift(UUID.randomUUID(), at(from), at(to), breakMinutes, "test");
    }

    static Shift shift(LocalDate day, LocalTime from, Duration elapsed, int breakMinutes) {
        Instant start = day.atTime(from).atZone(AMS).toInstant();
        return new Shift(UUID.randomUUID(), start, start.plus(elapsed), breakMinutes, "test");
    }

    /** A shift from {@code from} with exactly {@code worked} worked time and the break the ATW requires. */
    static Shift workedShift(LocalDate day, LocalTime from, Duration worked) {
        int breakMinutes = worked.compareTo(Duration.ofHours(10)) > 0 ? 45
                : worked.compareTo(Duration.ofMinutes(330)) > 0 ? 30 : 0;
        return shift(day, from, worked.plusMinutes(breakMinutes), breakMinutes);
    }

    /** {@code days} shifts from the Monday of {@code monday}, each from 07:00 with {@code hours} worked. */
    static List<Shift> week(LocalDate monday, int days, double hours) {
        List<Shift> shifts = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            shifts.add(workedShift(monday.plusDays(i), LocalTime.of(7, 0), Duration.ofMinutes((long) (hours * 60))));
        }
        return shifts;
    }

    static List<ViolationCode> codes(List<Violation> violations) {
        return violations.stream().map(Violation::code).toList();
    }

    static Optional<Violation> find(List<Violation> violations, ViolationCode code) {
        return violations.stream().filter(v -> v.code() == code).findFirst();
    }

    static List<Violation> check(Shift candidate, List<Shift> others) {
        return WorkingTimeRules.check(ATW, AMS, candidate, others);
    }

    static List<Violation> check(Shift candidate, Shift... others) {
        return check(candidate, List.of(others));
    }

    @SafeVarargs
    static List<Shift> concat(List<Shift>... lists) {
        List<Shift> all = new ArrayList<>();
        for (List<Shift> l : lists) {
            all.addAll(l);
        }
        return all;
    }
}
