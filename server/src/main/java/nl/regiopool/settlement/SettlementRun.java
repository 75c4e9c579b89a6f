package nl.regiopool.settlement;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Computes a month inside the caller's transaction: reads the completed shifts of the month and the changed
 * shifts of earlier closed months, prices each at the agreement's tariff in force at its start with the CAO
 * surcharges of its date ({@link Surcharges}, as the placement's own cost lines), and settles them with
 * {@link SettlementMath}.
 */
final class SettlementRun {

    /** The legal ground named on a 0% statement and as the exemption reason of a UBL invoice line. */
    static final String EXEMPTION_GROUND = "Vrijgesteld van btw: Besluit vrijstelling ter beschikking stellen van"
            + " personeel (Stcrt. 2024-17448)";

    private final Handle handle;
    private final ZoneId zone;
    private final Map<String, RuleSetVersion> rules = new HashMap<>();

    SettlementRun(Handle handle, ZoneId zone) {
        this.handle = handle;
        this.zone = zone;
    }

    SettlementMath.Result compute(UUID settlementId, YearMonth period, int feeCentsPerHour) {
        List<SettlementMath.Priced> priced = new ArrayList<>();
        OffsetDateTime from = period.atDay(1).atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime to = period.plusMonths(1).atDay(1).atStartOfDay(zone).toOffsetDateTime()
                .withOffsetSameInstant(ZoneOffset.UTC);
        SettlementDao.sources(handle, from, to, source -> priced.add(price(source)));
        SettlementDao.changedInClosedMonths(handle, period.atDay(1), zone, source -> priced.add(price(source)));
        return SettlementMath.settle(settlementId, feeCentsPerHour, priced);
    }

    private SettlementMath.Priced price(SettlementDao.Source s) {
        Shift worked = new Shift(s.placementId(), s.actualStartsAt().toInstant(), s.actualEndsAt().toInstant(),
                s.actualBreakMinutes());
        LocalDate workDate = s.startsAt().atZoneSameInstant(zone).toLocalDate();
        LocalDate rulesDate = worked.startsAt().atZone(zone).toLocalDate();
        RuleSetVersion version = rules.computeIfAbsent(s.caoRuleSetCode() + "@" + rulesDate, key ->
                CaoRuleSetDao.resolveOrFallback(handle, s.caoRuleSetCode(), rulesDate).orElse(SeededRuleSets.ATW_2007));
        long base = 0;
        long surcharge = 0;
        for (CostItem item : Surcharges.costLines(version, zone, worked, s.tariffCentsPerHour(), DutchHolidays.instance())) {
            if (item.kind() == CostItem.Kind.BASE) {
                base += item.amountCents();
            } else {
                surcharge += item.amountCents();
            }
        }
        EnumSet<SettlementMath.Flag> flags = EnumSet.noneOf(SettlementMath.Flag.class);
        if (s.tariffCentsPerHour() > s.costPriceCentsPerHour()) {
            flags.add(SettlementMath.Flag.TARIFF_ABOVE_COST_PRICE);
        }
        if (s.overridden()) {
            flags.add(SettlementMath.Flag.RULES_OVERRIDDEN);
        }
        SettlementMath.Vat vat = s.vatEligible() ? SettlementMath.Vat.exempt(EXEMPTION_GROUND) : SettlementMath.Vat.standard();
        return new SettlementMath.Priced(s.placementId(), s.agreementId(), s.workerId(), s.lenderMemberId(),
                s.borrowerMemberId(), workDate, worked.worked().getSeconds(), base, surcharge, vat, flags,
                s.originPeriod() == null ? null : YearMonth.from(s.originPeriod()), s.settled());
    }
}
