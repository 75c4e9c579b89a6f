package nl.regiopool.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.regiopool.settlement.SettlementMath.Flag;
import nl.regiopool.settlement.SettlementMath.Line;
import nl.regiopool.settlement.SettlementMath.Position;
import nl.regiopool.settlement.SettlementMath.Priced;
import nl.regiopool.settlement.SettlementMath.Result;
import nl.regiopool.settlement.SettlementMath.Settled;
import nl.regiopool.settlement.SettlementMath.Statement;
import nl.regiopool.settlement.SettlementMath.Vat;
import org.junit.jupiter.api.Test;

class SettlementMathTest {

    private static final UUID SETTLEMENT = UUID.fromString("00000000-0000-7000-8000-000000000001");
    private static final UUID LENDER = UUID.fromString("00000000-0000-7000-8000-00000000000a");
    private static final UUID OTHER_LENDER = UUID.fromString("00000000-0000-7000-8000-00000000000b");
    private static final UUID BORROWER = UUID.fromString("00000000-0000-7000-8000-00000000000c");
    private static final Vat EXEMPT = Vat.exempt("art. 11");
    private static final LocalDate DAY = LocalDate.of(2027, 2, 3);
    private static final int CASES = 500;

    private static Priced priced(UUID placement, UUID lender, UUID borrower, long seconds, long base, long surcharge,
                                 Vat vat) {
        return new Priced(placement, UUID.randomUUID(), UUID.randomUUID(), lender, borrower, DAY, seconds, base,
                surcharge, vat, Set.of(), null, null);
    }

    @Test
    void aShiftIsPricedByHandWithTheFeeChargedToTheBorrower() {
        // 4 h at 31.50 + 2 h × 30% surcharge, fee 3.00/h, VAT 21%
        Priced shift = priced(UUID.randomUUID(), LENDER, BORROWER, 4 * 3600, 12_600, 1_890, Vat.standard());
        Result result = SettlementMath.settle(SETTLEMENT, 300, List.of(shift));

        Line line = result.lines().get(0);
        assertThat(line.hours()).isEqualByComparingTo("4.00");
        assertThat(line.feeCents()).isEqualTo(1_200);
        assertThat(line.vatCents()).isEqualTo(3_043); // 14,490 × 21% = 3,042.9
        Statement statement = result.statements().get(0);
        assertThat(statement.subtotalCents()).isEqualTo(14_490);
        assertThat(statement.vatCents()).isEqualTo(3_043);
        assertThat(statement.totalCents()).isEqualTo(17_533);
        assertThat(result.positions()).containsExactly(
                new Position(LENDER, 17_533, 0),
                new Position(BORROWER, 0, 17_533 + 1_200),
                new Position(null, 1_200, 0));
    }

    @Test
    void roundingIsHalfUpPerLine() {
        assertThat(SettlementMath.feeCents(1_800, 1)).as("half a cent up").isEqualTo(1);
        assertThat(SettlementMath.feeCents(1_799, 1)).isZero();
        assertThat(SettlementMath.feeCents(3_600 + 1_800, 3)).as("4.5 cents").isEqualTo(5);
        assertThat(SettlementMath.vatCents(50, 21)).as("10.5 cents").isEqualTo(11);
        assertThat(SettlementMath.vatCents(-50, 21)).as("a negative correction rounds away from zero").isEqualTo(-11);
        assertThat(SettlementMath.vatCents(1_000, 0)).isZero();
        assertThat(SettlementMath.hours(5_399)).isEqualByComparingTo("1.50");
        assertThat(SettlementMath.hours(5_381)).isEqualByComparingTo("1.49");

        // two lines of 10.5 cents VAT each: 11 + 11, not round(21.0) = 21
        Result result = SettlementMath.settle(SETTLEMENT, 0, List.of(
                priced(UUID.randomUUID(), LENDER, BORROWER, 60, 50, 0, Vat.standard()),
                priced(UUID.randomUUID(), LENDER, BORROWER, 60, 50, 0, Vat.standard())));
        assertThat(result.statements().get(0).vatCents()).isEqualTo(22);
    }

    @Test
    void exemptAndStandardHoursOfOnePairMakeTwoStatements() {
        Result result = SettlementMath.settle(SETTLEMENT, 0, List.of(
                priced(UUID.randomUUID(), LENDER, BORROWER, 3600, 3150, 0, EXEMPT),
                priced(UUID.randomUUID(), LENDER, BORROWER, 3600, 3150, 0, Vat.standard())));
        assertThat(result.statements()).hasSize(2)
                .extracting(s -> s.key().vat().percent()).containsExactlyInAnyOrder(0, 21);
        assertThat(result.statements()).filteredOn(s -> s.key().vat().percent() == 0).singleElement()
                .satisfies(s -> assertThat(s.key().vat().exemptionGround()).isEqualTo("art. 11"));
    }

    @Test
    void aCorrectionIsTheDifferenceToWhatWasSettled() {
        UUID placement = UUID.randomUUID();
        Settled before = new Settled(8 * 3600, 25_200, 0, SettlementMath.feeCents(8 * 3600, 300));
        Priced corrected = new Priced(placement, UUID.randomUUID(), UUID.randomUUID(), LENDER, BORROWER, DAY, 6 * 3600,
                18_900, 0, Vat.standard(), Set.of(), YearMonth.of(2027, 1), before);
        Line line = SettlementMath.settle(SETTLEMENT, 300, List.of(corrected)).lines().get(0);
        assertThat(line.workedSeconds()).isEqualTo(-2 * 3600);
        assertThat(line.baseCents()).isEqualTo(-6_300);
        assertThat(line.feeCents()).isEqualTo(-600);
        assertThat(line.vatCents()).isEqualTo(-1_323);
        assertThat(line.correctionOf()).isEqualTo(YearMonth.of(2027, 1));

        Priced unchanged = new Priced(placement, UUID.randomUUID(), UUID.randomUUID(), LENDER, BORROWER, DAY, 8 * 3600,
                25_200, 0, Vat.standard(), Set.of(), YearMonth.of(2027, 1), before);
        assertThat(SettlementMath.settle(SETTLEMENT, 300, List.of(unchanged)).lines())
                .as("nothing changed, nothing to correct").isEmpty();
    }

    @Test
    void anEmptyMonthHasNoStatementsAndNoPositions() {
        Result result = SettlementMath.settle(SETTLEMENT, 300, List.of());
        assertThat(result.lines()).isEmpty();
        assertThat(result.statements()).isEmpty();
        assertThat(result.positions()).isEmpty();
    }

    @Test
    void aPlacementIsSettledOnceAndVatNamesItsGround() {
        UUID placement = UUID.randomUUID();
        assertThatThrownBy(() -> SettlementMath.settle(SETTLEMENT, 0, List.of(
                priced(placement, LENDER, BORROWER, 60, 1, 0, EXEMPT),
                priced(placement, LENDER, BORROWER, 60, 1, 0, EXEMPT)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Vat(0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Vat(21, "ground")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SettlementMath.settle(SETTLEMENT, -1, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void positionsSumToZeroWithTheFeeIncomeAsItsOwnPosition() {
        Random random = new Random(14);
        for (int i = 0; i < CASES; i++) {
            long fee = random.nextInt(1_000);
            Result result = SettlementMath.settle(SETTLEMENT, fee, randomMonth(random));
            assertThat(result.positions().stream().mapToLong(Position::netCents).sum()).isZero();
            long fees = result.lines().stream().mapToLong(Line::feeCents).sum();
            List<Position> cooperative = result.positions().stream().filter(p -> p.memberId() == null).toList();
            if (result.lines().isEmpty()) {
                assertThat(cooperative).isEmpty();
            } else {
                assertThat(cooperative).singleElement().isEqualTo(new Position(null, fees, 0));
            }
            long receivable = result.positions().stream().filter(p -> p.memberId() != null)
                    .mapToLong(Position::receivableCents).sum();
            assertThat(receivable).as("lenders receive every statement total")
                    .isEqualTo(result.statements().stream().mapToLong(Statement::totalCents).sum());
        }
    }

    @Test
    void everyTotalIsTheSumOfItsLinesAndEveryLineIsRoundedOnce() {
        Random random = new Random(1414);
        for (int i = 0; i < CASES; i++) {
            long fee = random.nextInt(1_000);
            List<Priced> input = randomMonth(random);
            Result result = SettlementMath.settle(SETTLEMENT, fee, input);
            Map<UUID, List<Line>> byStatement = result.lines().stream().collect(Collectors.groupingBy(Line::statementId));
            assertThat(byStatement.keySet()).containsExactlyInAnyOrderElementsOf(
                    result.statements().stream().map(Statement::id).toList());
            for (Statement s : result.statements()) {
                List<Line> lines = byStatement.get(s.id());
                assertThat(s.lineCount()).isEqualTo(lines.size());
                assertThat(s.subtotalCents()).isEqualTo(lines.stream().mapToLong(Line::subtotalCents).sum());
                assertThat(s.vatCents()).isEqualTo(lines.stream().mapToLong(Line::vatCents).sum());
                assertThat(s.totalCents()).isEqualTo(s.subtotalCents() + s.vatCents());
                assertThat(lines).allSatisfy(l -> assertThat(l.statementKey()).isEqualTo(s.key()));
            }
            Map<UUID, Priced> byPlacement = input.stream().collect(Collectors.toMap(Priced::placementId, p -> p));
            for (Line line : result.lines()) {
                Priced p = byPlacement.get(line.placementId());
                assertThat(line.feeCents()).isEqualTo(halfUp(p.workedSeconds() * fee, 3600)
                        - p.settled().feeCents());
                assertThat(line.vatCents()).isEqualTo(halfUp(line.subtotalCents() * line.vat().percent(), 100));
                assertThat(line.hours()).isEqualByComparingTo(
                        BigDecimal.valueOf(line.workedSeconds()).divide(BigDecimal.valueOf(3600), 2, java.math.RoundingMode.HALF_UP));
            }
            for (Position position : result.positions()) {
                if (position.memberId() == null) {
                    continue;
                }
                long receivable = result.lines().stream().filter(l -> l.lenderMemberId().equals(position.memberId()))
                        .mapToLong(l -> l.subtotalCents() + l.vatCents()).sum();
                long payable = result.lines().stream().filter(l -> l.borrowerMemberId().equals(position.memberId()))
                        .mapToLong(l -> l.subtotalCents() + l.vatCents() + l.feeCents()).sum();
                assertThat(position.receivableCents()).isEqualTo(receivable);
                assertThat(position.payableCents()).isEqualTo(payable);
            }
        }
    }

    @Test
    void theResultIsDeterministicAndIndependentOfInputOrder() {
        Random random = new Random(2027);
        for (int i = 0; i < CASES; i++) {
            long fee = random.nextInt(1_000);
            List<Priced> input = randomMonth(random);
            Result first = SettlementMath.settle(SETTLEMENT, fee, input);
            List<Priced> shuffled = new ArrayList<>(input);
            Collections.shuffle(shuffled, random);
            assertThat(SettlementMath.settle(SETTLEMENT, fee, shuffled)).isEqualTo(first);
            assertThat(SettlementMath.settle(SETTLEMENT, fee, input)).isEqualTo(first);
        }
    }

    @Test
    void idsDeriveFromTheSettlementSoARecomputeKeepsThem() {
        UUID placement = UUID.randomUUID();
        Result one = SettlementMath.settle(SETTLEMENT, 0, List.of(priced(placement, LENDER, BORROWER, 60, 1, 0, EXEMPT)));
        Result other = SettlementMath.settle(UUID.randomUUID(), 0, List.of(priced(placement, LENDER, BORROWER, 60, 1, 0, EXEMPT)));
        assertThat(one.lines().get(0).id()).isEqualTo(SettlementMath.lineId(SETTLEMENT, placement));
        assertThat(other.lines().get(0).id()).isNotEqualTo(one.lines().get(0).id());
        assertThat(other.statements().get(0).id()).isNotEqualTo(one.statements().get(0).id());
    }

    /** Up to 40 shifts among 4 members, exempt or not, some flagged, some corrections of an earlier month. */
    private static List<Priced> randomMonth(Random random) {
        List<UUID> members = List.of(LENDER, OTHER_LENDER, BORROWER, UUID.fromString("00000000-0000-7000-8000-00000000000d"));
        List<Priced> month = new ArrayList<>();
        int count = random.nextInt(41);
        for (int i = 0; i < count; i++) {
            UUID lender = members.get(random.nextInt(members.size()));
            UUID borrower;
            do {
                borrower = members.get(random.nextInt(members.size()));
            } while (borrower.equals(lender));
            long seconds = random.nextInt(14 * 3600);
            long tariff = 1_000 + random.nextInt(6_000);
            long base = halfUp(seconds * tariff, 3600);
            long surcharge = random.nextBoolean() ? 0 : halfUp(random.nextInt((int) seconds + 1) * tariff * 30, 360_000);
            Vat vat = random.nextBoolean() ? EXEMPT : Vat.standard();
            EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
            if (random.nextInt(5) == 0) {
                flags.add(Flag.TARIFF_ABOVE_COST_PRICE);
            }
            if (random.nextInt(7) == 0) {
                flags.add(Flag.RULES_OVERRIDDEN);
            }
            boolean correction = random.nextInt(4) == 0;
            Settled settled = correction ? new Settled(random.nextInt(14 * 3600), random.nextInt(50_000),
                    random.nextInt(5_000), random.nextInt(5_000)) : null;
            month.add(new Priced(new UUID(random.nextLong(), random.nextLong()), UUID.randomUUID(), UUID.randomUUID(),
                    lender, borrower, DAY, seconds, base, surcharge, vat, flags,
                    correction ? YearMonth.of(2027, 1) : null, settled));
        }
        return month;
    }

    private static long halfUp(long numerator, long divisor) {
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(divisor), 0, java.math.RoundingMode.HALF_UP)
                .longValueExact();
    }
}
