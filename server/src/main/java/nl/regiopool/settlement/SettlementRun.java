package nl.regiopool.settlement;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.cao.CostItem;
import nl.regiopool.cao.DutchHolidays;
import nl.regiopool.cao.RuleSetVersion;
import nl.regiopool.cao.SeededRuleSets;
import nl.regiopool.cao.Shift;
import nl.regiopool.cao.Surcharges;
import nl.regiopool.ruleset.CaoRuleSetDao;
import org.jdbi.v3.core.Handle;

/**
 * Computes a month inside the caller's transaction: streams the completed shifts of the month and the changed
 * shifts of earlier closed months, prices each at the agreement's tariff in force at its start with the CAO
 * surcharges of its date ({@link Surcharges}, as the placement's own cost lines), settles it with
 * {@link SettlementMath.Month} and writes its line at once, so that only the sums per statement and member, the
 * agreements' terms, the rule sets and what closed months charged for the shifts read are held, never the month's
 * lines. What closed months charged is read before any line is written, not beside each shift: the lines written
 * meanwhile would slow every later lookup.
 */
final class SettlementRun {

    /** The legal ground named on a 0% statement and as the exemption reason of a UBL invoice line. */
    static final String EXEMPTION_GROUND = "Vrijgesteld van btw: Besluit vrijstelling ter beschikking stellen van"
            + " personeel (Stcrt. 2024-17448)";
    private static final SettlementMath.Vat EXEMPT = SettlementMath.Vat.exempt(EXEMPTION_GROUND);
    private static final SettlementMath.Vat STANDARD = SettlementMath.Vat.standard();

    private final Handle handle;
    private final ZoneId zone;
    private final Map<String, RuleSetVersion> rules = new HashMap<>();
    private final Map<UUID, Optional<SettlementDao.Terms>> terms = new HashMap<>();

    SettlementRun(Handle handle, ZoneId zone) {
        this.handle = handle;
        this.zone = zone;
    }

    /** Computes and writes the month's lines, statements and positions; returns the sums it is sealed with. */
    SettlementMath.Totals compute(UUID tenantId, UUID settlementId, YearMonth period, int feeCentsPerHour) {
        SettlementMath.Month month = new SettlementMath.Month(settlementId, feeCentsPerHour);
        try (SettlementDao.MonthWriter writer = new SettlementDao.MonthWriter(handle, tenantId, settlementId)) {
            OffsetDateTime from = start(period);
            OffsetDateTime to = start(period.plusMonths(1));
            SettlementDao.terms(handle, from, to, t -> terms.put(t.agreementId(), Optional.of(t)));
            Map<UUID, SettlementMath.Settled> settled = SettlementDao.settled(handle, from, to, null);
            SettlementDao.sources(handle, from, to, source -> settle(month, writer, source, settled, null));
            for (SettlementDao.Closed closed : SettlementDao.closedBefore(handle, period.atDay(1))) {
                YearMonth origin = YearMonth.from(closed.period());
                OffsetDateTime originFrom = start(origin);
                OffsetDateTime originTo = start(origin.plusMonths(1));
                Map<UUID, SettlementMath.Settled> before = SettlementDao.settled(handle, originFrom, originTo,
                        closed.closedAt());
                SettlementDao.changedSince(handle, originFrom, originTo, closed.closedAt(),
                        source -> settle(month, writer, source, before, origin));
            }
            writer.finish(month.statements(), month.positions());
        }
        return month.totals();
    }

    private OffsetDateTime start(YearMonth month) {
        return month.atDay(1).atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    private void settle(SettlementMath.Month month, SettlementDao.MonthWriter writer, SettlementDao.Source source,
                        Map<UUID, SettlementMath.Settled> settled, YearMonth correctionOf) {
        SettlementDao.Terms agreement = terms.computeIfAbsent(source.agreementId(),
                id -> SettlementDao.terms(handle, id)).orElse(null);
        if (agreement == null) {
            return;
        }
        agreement.at(source.startsAt())
                .flatMap(version -> month.add(price(source, agreement, version, correctionOf,
                        settled.getOrDefault(source.placementId(), SettlementMath.Settled.NOTHING))))
                .ifPresent(writer::line);
    }

    private SettlementMath.Priced price(SettlementDao.Source s, SettlementDao.Terms agreement,
                                        SettlementDao.Version version, YearMonth correctionOf,
                                        SettlementMath.Settled settled) {
        Shift worked = new Shift(s.placementId(), s.actualStartsAt().toInstant(), s.actualEndsAt().toInstant(),
                s.actualBreakMinutes());
        LocalDate workDate = s.startsAt().atZoneSameInstant(zone).toLocalDate();
        LocalDate rulesDate = worked.startsAt().atZone(zone).toLocalDate();
        String code = agreement.caoRuleSetCode();
        RuleSetVersion ruleSet = rules.computeIfAbsent(code + "@" + rulesDate, key ->
                CaoRuleSetDao.resolveOrFallback(handle, code, rulesDate).orElse(SeededRuleSets.ATW_2007));
        long base = 0;
        long surcharge = 0;
        for (CostItem item : Surcharges.costLines(ruleSet, zone, worked, version.tariffCentsPerHour(),
                DutchHolidays.instance())) {
            if (item.kind() == CostItem.Kind.BASE) {
                base += item.amountCents();
            } else {
                surcharge += item.amountCents();
            }
        }
        EnumSet<SettlementMath.Flag> flags = EnumSet.noneOf(SettlementMath.Flag.class);
        if (version.tariffCentsPerHour() > version.costPriceCentsPerHour()) {
            flags.add(SettlementMath.Flag.TARIFF_ABOVE_COST_PRICE);
        }
        if (s.overridden()) {
            flags.add(SettlementMath.Flag.RULES_OVERRIDDEN);
        }
        return new SettlementMath.Priced(s.placementId(), s.agreementId(), s.workerId(), agreement.lenderMemberId(),
                agreement.borrowerMemberId(), workDate, worked.worked().getSeconds(), base, surcharge,
                version.vatEligible() ? EXEMPT : STANDARD, flags, correctionOf, settled);
    }
}
