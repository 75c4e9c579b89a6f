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
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Properties of the window arithmetic over generated shifts. Plain JUnit with a fixed seed (so a
 * failure reproduces); jqwik is not used because its maintainers ask AI agents not to use it.
 */
class WindowPropertiesTest {

    private static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
    /** Minutes since this instant place generated shifts in 2026 and early 2027, across both DST changes. */
    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");
    private final Random random = new Random(20261125L);

    private int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    private Shift anyShift() {
        int length = between(1, 26 * 60);
        Instant from = ORIGIN.plus(Duration.ofMinutes(between(0, 400 * 24 * 60)));
        return new Shift(UUID.randomUUID(), from, from.plus(Duration.ofMinutes(length)),
                Math.min(between(0, 120), length - 1));
    }

    /** A worker's schedule: non-overlapping shifts within about three weeks, in time order. */
    private List<Shift> schedule() {
        List<Shift> shifts = new ArrayList<>();
        Instant cursor = ORIGIN.plus(Duration.ofMinutes(between(0, 300 * 24 * 60)));
        int count = between(1, 14);
        for (int i = 0; i < count; i++) {
            int length = between(30, 13 * 60);
            Instant from = cursor.plus(Duration.ofMinutes(between(0, 40 * 60)));
            Instant to = from.plus(Duration.ofMinutes(length));
            shifts.add(new Shift(UUID.randomUUID(), from, to, Math.min(between(0, 60), length - 1)));
            cursor = to;
        }
        return shifts;
    }

    @Test
    void theWeeklyPartsOfAShiftAddUpToItsWorkedTime() {
        for (int run = 0; run < 500; run++) {
            theWeeklyPartsAddUp(anyShift());
        }
    }

    private void theWeeklyPartsAddUp(Shift shift) {
        Duration sum = Duration.ZERO;
        for (LocalDate monday : Weeks.mondaysTouched(shift, AMS)) {
            Duration part = Weeks.workedInWeek(shift, monday, AMS);
            assertThat(part.isNegative()).isFalse();
            sum = sum.plus(part);
        }
        assertThat(sum).isEqualTo(shift.worked());
    }

    @Test
    void workedTimeInsideAnyWindowIsNeverMoreThanTheWindowOrTheShift() {
        for (int run = 0; run < 500; run++) {
            workedWithinIsBounded(anyShift(), between(-1500, 1500), between(0, 3000));
        }
    }

    private void workedWithinIsBounded(Shift shift, int fromOffset, int len) {
        Instant from = shift.startsAt().plus(Duration.ofMinutes(fromOffset));
        Instant to = from.plus(Duration.ofMinutes(len));
        Duration within = shift.workedWithin(from, to);
        assertThat(within.isNegative()).isFalse();
        assertThat(within).isLessThanOrEqualTo(shift.worked())
                .isLessThanOrEqualTo(Duration.between(from, to));
    }

    @Test
    void surchargeHoursNeverExceedWorkedHoursAndBaseIsWorkedTimesTariff() {
        for (int run = 0; run < 200; run++) {
            surchargesAreBounded(anyShift());
        }
    }

    private void surchargesAreBounded(Shift shift) {
        List<CostItem> lines = Surcharges.costLines(SeededRuleSets.CAO_HUISARTSENZORG_2017, AMS, shift, 3600,
                DutchHolidays.instance());
        CostItem base = lines.get(0);
        assertThat(base.kind()).isEqualTo(CostItem.Kind.BASE);
        assertThat(base.amountCents()).isEqualTo(shift.worked().getSeconds());
        long surchargeSeconds = lines.stream().skip(1).mapToLong(l -> l.amountCents() * 100 / 30).sum();
        assertThat(surchargeSeconds).isLessThanOrEqualTo(shift.worked().getSeconds());
    }

    @Test
    void dailyRestIsInvariantUnderShiftingByWholeDaysWithoutDst() {
        for (int run = 0; run < 200; run++) {
            dailyRestIsInvariant(schedule(), between(0, 13), between(-60, 60));
        }
    }

    private void dailyRestIsInvariant(List<Shift> schedule, int candidateIndex, int days) {
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

    @Test
    void addingAShiftNeverRemovesAViolation() {
        for (int run = 0; run < 300; run++) {
            addingNeverRemoves(schedule(), between(0, 13), anyShift(), between(0, 21 * 24 * 60));
        }
    }

    private void addingNeverRemoves(List<Shift> schedule, int candidateIndex, Shift extra, int extraOffset) {
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
