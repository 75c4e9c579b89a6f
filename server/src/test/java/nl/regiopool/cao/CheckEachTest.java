package nl.regiopool.cao;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Checking the shifts of one request together ({@link WorkingTimeRules#checkEach}, one shared time line) answers
 * exactly what checking each on its own against the others does. Generated schedules with a fixed seed, dense
 * enough to break every week and rest rule, some with shifts that overlap or share a candidate's id.
 */
class CheckEachTest {

    private static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");
    private final Random random = new Random(20261130L);

    private int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    private List<Shift> schedule(int count, int maxGapHours, boolean overlapping) {
        List<Shift> shifts = new ArrayList<>();
        Instant cursor = ORIGIN.plus(Duration.ofMinutes(between(0, 300 * 24 * 60)));
        for (int i = 0; i < count; i++) {
            int length = between(30, 13 * 60);
            Instant from = cursor.plus(Duration.ofMinutes(between(overlapping ? -300 : 0, maxGapHours * 60)));
            Instant to = from.plus(Duration.ofMinutes(length));
            shifts.add(new Shift(UUID.randomUUID(), from, to, Math.min(between(0, 60), length - 1)));
            cursor = to;
        }
        return shifts;
    }

    @Test
    void checkingTogetherAnswersWhatCheckingEachAgainstTheOthersDoes() {
        for (int run = 0; run < 400; run++) {
            List<Shift> others = switch (run % 3) {
                case 0 -> schedule(between(1, 30), 40, false);
                case 1 -> schedule(between(50, 200), 14, false);
                default -> schedule(between(1, 60), 20, true);
            };
            List<Shift> candidates = new ArrayList<>();
            for (int i = between(1, 5); i > 0; i--) {
                Shift near = others.get(random.nextInt(others.size()));
                Instant from = near.startsAt().plus(Duration.ofMinutes(between(-3000, 3000)));
                int length = between(30, 14 * 60);
                candidates.add(new Shift(random.nextInt(10) == 0 ? near.id() : UUID.randomUUID(), from,
                        from.plus(Duration.ofMinutes(length)), Math.min(between(0, 60), length - 1)));
            }
            RuleSetVersion rules = run % 2 == 0 ? SeededRuleSets.ATW_2007 : SeededRuleSets.CAO_HUISARTSENZORG_2017;
            List<List<Violation>> together = WorkingTimeRules.checkEach(rules, AMS, candidates, others);
            for (int i = 0; i < candidates.size(); i++) {
                Shift candidate = candidates.get(i);
                List<Shift> rest = new ArrayList<>(others);
                candidates.stream().filter(other -> other != candidate).forEach(rest::add);
                assertThat(together.get(i)).isEqualTo(WorkingTimeRules.check(rules, AMS, candidate, rest));
            }
        }
    }
}
