package nl.regiopool.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import nl.regiopool.settlement.SettlementMath.Flag;
import nl.regiopool.settlement.SettlementMath.Line;
import nl.regiopool.settlement.SettlementMath.Month;
import nl.regiopool.settlement.SettlementMath.Priced;
import nl.regiopool.settlement.SettlementMath.Result;
import nl.regiopool.settlement.SettlementMath.Settled;
import nl.regiopool.settlement.SettlementMath.Totals;
import nl.regiopool.settlement.SettlementMath.Vat;
import org.junit.jupiter.api.Test;

/** A month settled as it streams, one placement at a time in any order, is the month {@code settle} computes. */
class SettlementMonthTest {

    private static final UUID SETTLEMENT = UUID.fromString("00000000-0000-7000-8000-000000000001");
    private static final List<UUID> MEMBERS = List.of(UUID.fromString("00000000-0000-7000-8000-00000000000a"),
            UUID.fromString("00000000-0000-7000-8000-00000000000b"), UUID.fromString("00000000-0000-7000-8000-00000000000c"),
            UUID.fromString("00000000-0000-7000-8000-00000000000d"));
    private static final Vat EXEMPT = Vat.exempt("art. 11");

    @Test
    void streamingInAnyOrderGivesTheLinesStatementsAndPositionsOfSettle() {
        Random random = new Random(1430);
        for (int i = 0; i < 500; i++) {
            long fee = random.nextInt(1_000);
            List<Priced> input = randomMonth(random);
            Result expected = SettlementMath.settle(SETTLEMENT, fee, input);

            List<Priced> shuffled = new ArrayList<>(input);
            Collections.shuffle(shuffled, random);
            Month month = new Month(SETTLEMENT, fee);
            List<Line> lines = new ArrayList<>();
            shuffled.forEach(p -> month.add(p).ifPresent(lines::add));
            lines.sort(Comparator.comparing(Line::placementId));

            assertThat(lines).isEqualTo(expected.lines());
            assertThat(month.statements()).isEqualTo(expected.statements());
            assertThat(month.positions()).isEqualTo(expected.positions());
            Totals totals = month.totals();
            assertThat(totals.lineCount()).isEqualTo(expected.lines().size());
            assertThat(totals.statementCount()).isEqualTo(expected.statements().size());
            assertThat(totals.subtotalCents()).isEqualTo(expected.lines().stream().mapToLong(Line::subtotalCents).sum());
            assertThat(totals.vatCents()).isEqualTo(expected.lines().stream().mapToLong(Line::vatCents).sum());
            assertThat(totals.feeCents()).isEqualTo(expected.lines().stream().mapToLong(Line::feeCents).sum());
            assertThat(totals.totalCents()).isEqualTo(totals.subtotalCents() + totals.vatCents());
        }
    }

    private static List<Priced> randomMonth(Random random) {
        List<Priced> month = new ArrayList<>();
        int count = random.nextInt(41);
        for (int i = 0; i < count; i++) {
            UUID lender = MEMBERS.get(random.nextInt(MEMBERS.size()));
            UUID borrower;
            do {
                borrower = MEMBERS.get(random.nextInt(MEMBERS.size()));
            } while (borrower.equals(lender));
            long seconds = random.nextInt(14 * 3600);
            EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
            if (random.nextInt(5) == 0) {
                flags.add(Flag.TARIFF_ABOVE_COST_PRICE);
            }
            boolean correction = random.nextInt(4) == 0;
            Settled settled = correction ? new Settled(random.nextInt(14 * 3600), random.nextInt(50_000),
                    random.nextInt(5_000), random.nextInt(5_000)) : null;
            month.add(new Priced(new UUID(random.nextLong(), random.nextLong()), UUID.randomUUID(), UUID.randomUUID(),
                    lender, borrower, LocalDate.of(2027, 2, 1 + random.nextInt(28)), seconds, random.nextInt(60_000),
                    random.nextBoolean() ? 0 : random.nextInt(9_000), random.nextBoolean() ? EXEMPT : Vat.standard(),
                    flags, correction ? YearMonth.of(2027, 1) : null, settled));
        }
        return month;
    }
}
