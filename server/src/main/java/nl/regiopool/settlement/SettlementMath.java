package nl.regiopool.settlement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The month's money, as a pure function: priced placements in, lines, statements and positions out. Money is
 * integer cents; every rounding is half-up and happens once, per line (the fee and the VAT of each line);
 * every total is a sum of lines. The result does not depend on the order of the input, and the positions
 * sum to zero: what borrowers pay is what lenders receive plus the cooperative's fee income.
 */
public final class SettlementMath {

    static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private SettlementMath() {
    }

    /** A rule broken at the time the hours were worked. */
    public enum Flag { TARIFF_ABOVE_COST_PRICE, RULES_OVERRIDDEN }

    /** The VAT treatment of an agreement's hours: 0% naming the legal ground of the exemption, or 21%. */
    public record Vat(int percent, String exemptionGround) {
        public static final int STANDARD_PERCENT = 21;

        public Vat {
            if ((percent == 0) != (exemptionGround != null)) {
                throw new IllegalArgumentException("0% VAT names its legal ground, and only 0% does");
            }
        }

        public static Vat exempt(String ground) {
            return new Vat(0, Objects.requireNonNull(ground, "ground"));
        }

        public static Vat standard() {
            return new Vat(STANDARD_PERCENT, null);
        }
    }

    /** What closed settlements already charged for a placement (all zero when it was never settled). */
    public record Settled(long workedSeconds, long baseCents, long surchargeCents, long feeCents) {
        public static final Settled NOTHING = new Settled(0, 0, 0, 0);
    }

    /**
     * A completed placement priced at today's knowledge: worked seconds, base and surcharge cents from its cost
     * lines. {@code correctionOf} is null for a placement of the settled month itself; for a placement of an
     * earlier, closed month it names that month, and the line becomes the difference to {@code settled}.
     */
    public record Priced(UUID placementId, UUID agreementId, UUID workerId, UUID lenderMemberId, UUID borrowerMemberId,
                         LocalDate workDate, long workedSeconds, long baseCents, long surchargeCents, Vat vat,
                         Set<Flag> flags, YearMonth correctionOf, Settled settled) {
        public Priced {
            Objects.requireNonNull(placementId, "placementId");
            Objects.requireNonNull(lenderMemberId, "lenderMemberId");
            Objects.requireNonNull(borrowerMemberId, "borrowerMemberId");
            Objects.requireNonNull(vat, "vat");
            flags = Set.copyOf(flags);
            settled = settled == null ? Settled.NOTHING : settled;
        }
    }

    public record StatementKey(UUID lenderMemberId, UUID borrowerMemberId, Vat vat) {
    }

    public record Line(UUID id, UUID statementId, UUID placementId, UUID agreementId, UUID workerId,
                       UUID lenderMemberId, UUID borrowerMemberId, LocalDate workDate, long workedSeconds,
                       BigDecimal hours, long baseCents, long surchargeCents, long feeCents, Vat vat, long vatCents,
                       Set<Flag> flags, YearMonth correctionOf) {

        public StatementKey statementKey() {
            return new StatementKey(lenderMemberId, borrowerMemberId, vat);
        }

        /** What the borrower owes the lender for the line, before VAT. */
        public long subtotalCents() {
            return baseCents + surchargeCents;
        }
    }

    public record Statement(UUID id, StatementKey key, int lineCount, long subtotalCents, long vatCents,
                            long totalCents) {
    }

    /** A member's receivable, payable and net; {@code memberId} null is the cooperative's fee income. */
    public record Position(UUID memberId, long receivableCents, long payableCents) {
        public long netCents() {
            return receivableCents - payableCents;
        }
    }

    public record Result(List<Line> lines, List<Statement> statements, List<Position> positions) {
    }

    /** Settles the priced placements into the settlement {@code settlementId}, whose ids derive from it. */
    public static Result settle(UUID settlementId, long feeCentsPerHour, List<Priced> placements) {
        Month month = new Month(settlementId, feeCentsPerHour);
        List<Priced> sorted = new ArrayList<>(placements);
        sorted.sort(Comparator.comparing(Priced::placementId));
        List<Line> lines = new ArrayList<>();
        UUID previous = null;
        for (Priced p : sorted) {
            if (p.placementId().equals(previous)) {
                throw new IllegalArgumentException("placement " + p.placementId() + " is settled twice");
            }
            previous = p.placementId();
            month.add(p).ifPresent(lines::add);
        }
        return new Result(List.copyOf(lines), month.statements(), month.positions());
    }

    /** The sums a settlement is sealed with. */
    public record Totals(long lineCount, long statementCount, long subtotalCents, long vatCents, long feeCents) {
        public long totalCents() {
            return subtotalCents + vatCents;
        }
    }

    /**
     * A month settled one placement at a time, in any order, keeping only the sums per statement and member: what
     * {@link #settle} computes, for a month too large to hold. Each placement is added once; the lines it returns
     * are the lines {@link #settle} would return.
     */
    public static final class Month {
        private final UUID settlementId;
        private final long feeCentsPerHour;
        private final Map<StatementKey, UUID> statementIds = new HashMap<>();
        private final Map<StatementKey, long[]> statementSums = new HashMap<>();
        private final Map<UUID, long[]> memberSums = new TreeMap<>();
        private long lineCount;
        private long subtotal;
        private long vat;
        private long fees;

        public Month(UUID settlementId, long feeCentsPerHour) {
            if (feeCentsPerHour < 0) {
                throw new IllegalArgumentException("the fee is not negative");
            }
            this.settlementId = settlementId;
            this.feeCentsPerHour = feeCentsPerHour;
        }

        /** The placement's line, added to the sums; empty for a correction that changes nothing. */
        public Optional<Line> add(Priced p) {
            Optional<Line> line = line(p);
            line.ifPresent(this::count);
            return line;
        }

        /** One statement per key, in the order of lender, borrower and statement id. */
        public List<Statement> statements() {
            Map<String, Statement> ordered = new TreeMap<>();
            statementSums.forEach((key, sum) -> {
                UUID id = statementIds.get(key);
                ordered.put(key.lenderMemberId() + "/" + key.borrowerMemberId() + "/" + id,
                        new Statement(id, key, Math.toIntExact(sum[0]), sum[1], sum[2], sum[1] + sum[2]));
            });
            return List.copyOf(ordered.values());
        }

        /** Per member by id, then the cooperative's fee income (when there is any line). */
        public List<Position> positions() {
            List<Position> positions = new ArrayList<>();
            memberSums.forEach((member, sum) -> positions.add(new Position(member, sum[0], sum[1])));
            if (lineCount > 0) {
                positions.add(new Position(null, fees, 0));
            }
            return List.copyOf(positions);
        }

        public Totals totals() {
            return new Totals(lineCount, statementSums.size(), subtotal, vat, fees);
        }

        private Optional<Line> line(Priced p) {
            Settled s = p.settled();
            long seconds = p.workedSeconds() - s.workedSeconds();
            long base = p.baseCents() - s.baseCents();
            long surcharge = p.surchargeCents() - s.surchargeCents();
            long fee = feeCents(p.workedSeconds(), feeCentsPerHour) - s.feeCents();
            if (p.correctionOf() != null && seconds == 0 && base == 0 && surcharge == 0 && fee == 0) {
                return Optional.empty();
            }
            StatementKey key = new StatementKey(p.lenderMemberId(), p.borrowerMemberId(), p.vat());
            UUID statementId = statementIds.computeIfAbsent(key, k -> statementId(settlementId, k));
            return Optional.of(new Line(lineId(settlementId, p.placementId()), statementId,
                    p.placementId(), p.agreementId(), p.workerId(), p.lenderMemberId(), p.borrowerMemberId(),
                    p.workDate(), seconds, hours(seconds), base, surcharge, fee, p.vat(),
                    vatCents(base + surcharge, p.vat().percent()), p.flags(), p.correctionOf()));
        }

        private void count(Line line) {
            long[] sum = statementSums.computeIfAbsent(line.statementKey(), k -> new long[3]);
            sum[0]++;
            sum[1] += line.subtotalCents();
            sum[2] += line.vatCents();
            long total = line.subtotalCents() + line.vatCents();
            memberSums.computeIfAbsent(line.lenderMemberId(), k -> new long[2])[0] += total;
            memberSums.computeIfAbsent(line.borrowerMemberId(), k -> new long[2])[1] += total + line.feeCents();
            lineCount++;
            subtotal += line.subtotalCents();
            vat += line.vatCents();
            fees += line.feeCents();
        }
    }

    /** Fee of worked time: seconds × cents per hour / 3600, rounded half-up. */
    public static long feeCents(long workedSeconds, long feeCentsPerHour) {
        return halfUp(BigDecimal.valueOf(workedSeconds).multiply(BigDecimal.valueOf(feeCentsPerHour)), SECONDS_PER_HOUR);
    }

    /** VAT of an amount at a percentage, rounded half-up (away from zero for a negative correction). */
    public static long vatCents(long amountCents, int percent) {
        return halfUp(BigDecimal.valueOf(amountCents).multiply(BigDecimal.valueOf(percent)), HUNDRED);
    }

    public static BigDecimal hours(long workedSeconds) {
        return BigDecimal.valueOf(workedSeconds).divide(SECONDS_PER_HOUR, 2, RoundingMode.HALF_UP);
    }

    public static UUID statementId(UUID settlementId, StatementKey key) {
        return derived("statement", settlementId, key.lenderMemberId() + "/" + key.borrowerMemberId() + "/"
                + key.vat().percent() + "/" + key.vat().exemptionGround());
    }

    public static UUID lineId(UUID settlementId, UUID placementId) {
        return derived("line", settlementId, placementId.toString());
    }

    private static long halfUp(BigDecimal numerator, BigDecimal divisor) {
        return numerator.divide(divisor, 0, RoundingMode.HALF_UP).longValueExact();
    }

    private static UUID derived(String kind, UUID settlementId, String key) {
        return UUID.nameUUIDFromBytes((kind + ":" + settlementId + ":" + key).getBytes(StandardCharsets.UTF_8));
    }
}
