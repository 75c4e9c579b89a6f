package nl.regiopool.cao;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the window arithmetic, over generated shifts (jqwik; named *Test so surefire's default includes run it). */
class WindowPropertiesTest {

    private static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
    /** Minutes since this instant place generated shifts in 2026 and early 2027, across both DST changes. */
    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

    /** start (minutes from origin), length (minutes), break (minutes) -> a shift. */
    @Provide
    Arbitrary<Shift> anyShift() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 400 * 24 * 60),
                Arbitraries.integers().between(1, 26 * 60),
                Arbitraries.integers().between(0, 120)).as((start, length, breakMinutes) -> {
                    Instant from = ORIGIN.plus(Duration.ofMinutes(start));
                    return new Shift(UUID.randomUUID(), from, from.plus(Duration.ofMinutes(length)),
                            Math.min(breakMinutes, length - 1));
                });
    }

    /** A worker's schedule: non-overlapping shifts within about three weeks, in time order. */
    @Provide
    Arbitrary<List<Shift>> schedule() {
        Arbitrary<int[]> step = Combinators.combine(
                Arbitraries.integers().between(0, 40 * 60),
                Arbitraries.integers().between(30, 13 * 60),
                Arbitraries.integers().between(0, 60)).as((gap, length, breakMinutes) ->
                new int[] {gap, length, Math.min(breakMinutes, length - 1)});
        return Combinators.combine(Arbitraries.integers().between(0, 300 * 24 * 60), step.list().ofMinSize(1)
                .ofMaxSize(14)).as((startMinute, steps) -> {
                    List<Shift> shifts = new ArrayList<>();
                    Instant cursor = ORIGIN.plus(Duration.ofMinutes(startMinute));
                    for (int[] s : steps) {
                        Instant from = cursor.plus(Duration.ofMinutes(s[0]));
                        Instant to = from.plus(Duration.ofMinutes(s[1]));
                        shifts.add(new Shift(UUID.randomUUID(), from, to, s[2]));
                        cursor = to;
                    }
                    return shifts;
                });
    }

    @Property(tries = 500)
    void theWeeklyPartsOfAShiftAddUpToItsWorkedTime(@ForAll("anyShift") Shift shift) {
        Duration sum = Duration.ZERO;
        for (LocalDate monday : Weeks.mondaysTouched(shift, AMS)) {
            Duration part = Weeks.workedInWeek(shift, monday, AMS);
            assertThat(part.isNegative()).isFalse();
            sum = sum.plus(part);
        }
        assertThat(sum).isEqualTo(shift.worked());
    }

    @Property(tries = 500)
    void workedTimeInsideAnyWindowIsNeverMoreThanTheWindowOrTheShift(@ForAll("anyShift") Shift shift,
            @ForAll @IntRange(min = -1500, max = 1500) int fromOffset, @ForAll @IntRange(min = 0, max = 3000) int len) {
        Instant from = shift.startsAt().plus(Duration.ofMinutes(fromOffset));
        Instant to = from.plus(Duration.ofMinutes(len));
        Duration within = shift.workedWithin(from, to);
        assertThat(within.isNegative()).isFalse();
        assertThat(within).isLessThanOrEqualTo(shift.worked())
                .isLessThanOrEqualTo(Duration.between(from, to));
    }

    @Property(tries = 200)
    void surchargeHoursNeverExceedWorkedHoursAndBaseIsWorkedTimesTariff(@ForAll("anyShift") Shift shift) {
        List<CostLine> lines = Surcharges.costLines(SeededRuleSets.CAO_HUISARTSENZORG_2017, AMS, shift, 3600,
                DutchHolidays.instance());
        CostLine base = lines.get(0);
        assertThat(base.kind()).isEqualTo(CostLine.Kind.BASE);
        assertThat(base.amountCents()).isEqualTo(shift.worked().getSeconds());
        long surchargeSeconds = lines.stream().skip(1).mapToLong(l -> l.amountCents() * 100 / 30).sum();
        assertThat(surchargeSeconds).isLessThanOrEqualTo(shift.worked().getSeconds());
    }

    @Property(tries = 200)
    void dailyRestIsInvariantUnderShiftingByWholeDaysWithoutDst(@ForAll("schedule") List<Shift> schedule,
            @ForAll @IntRange(min = 0, max = 13) int candidateIndex, @ForAll @IntRange(min = -60, max = 60) int days) {
        ZoneId utc = ZoneOffset.UTC;
        Shift candidate = schedule.get(candidateIndex % schedule.size());
        List<Shift> moved = schedule.stream().map(s -> new Shift(s.id(), s.startsAt().plus(Duration.ofDays(days)),
                s.endsAt().plus(Duration.ofDays(days)), s.breakMinutes())).toList();
        Shift movedCandidate = moved.get(candidateIndex % schedule.size());
        assertThat(dailyRest(utc, movedCandidate, moved)).isEqualTo(dailyRest(utc, candidate, schedule));
    }

    private static List<String> dailyRest(ZoneId zone, Shift candidate, List<Shift> all) {
        return WorkingTimeRules.check(SeededRuleSets.ATW_2007, zone, candidate, all).stream()
                .filter(v -> v.code() == ViolationCode.ATW_MIN_DAILY_REST)
                .map(v -> v.limit() + "|" + v.actual() + "|" + v.shiftIds())
                .toList();
    }

    @Property(tries = 300)
    void addingAShiftNeverRemovesAViolation(@ForAll("schedule") List<Shift> schedule,
            @ForAll @IntRange(min = 0, max = 13) int candidateIndex, @ForAll("anyShift") Shift extra,
            @ForAll @IntRange(min = 0, max = 21 * 24 * 60) int extraOffset) {
        Shift candidate = schedule.get(candidateIndex % schedule.size());
        List<Shift> others = new ArrayList<>(schedule);
        others.remove(candidate);
        // place the extra shift near the schedule so that it can matter
        Instant from = schedule.get(0).startsAt().plus(Duration.ofMinutes(extraOffset)).minus(Duration.ofDays(3));
        Shift added = new Shift(extra.id(), from, from.plus(extra.elapsed()), extra.breakMinutes());
        Set<ViolationCode> before = new HashSet<>(Fixtures.codes(
                WorkingTimeRules.check(SeededRuleSets.ATW_2007, AMS, candidate, others)));
        List<Shift> more = new ArrayList<>(others);
        more.add(added);
        Set<ViolationCode> after = new HashSet<>(Fixtures.codes(
                WorkingTimeRules.check(SeededRuleSets.ATW_2007, AMS, candidate, more)));
        assertThat(after).containsAll(before);
    }
}
