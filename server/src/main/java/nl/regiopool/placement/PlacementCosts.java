package nl.regiopool.placement;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import nl.regiopool.api.model.CostLine;
import nl.regiopool.api.model.CostLineKind;
import nl.regiopool.ruleset.CaoRuleSetDao;
import nl.regiopool.cao.DutchHolidays;
import nl.regiopool.cao.SeededRuleSets;
import nl.regiopool.cao.Shift;
import nl.regiopool.cao.Surcharges;
import nl.regiopool.problem.ProblemException;
import org.jdbi.v3.core.Handle;

/** The cost lines of a worked shift: the agreement's tariff and its rule set's surcharges on the shift's date. */
final class PlacementCosts {

    private PlacementCosts() {
    }

    static List<CostLine> lines(Handle handle, ZoneId zone, PlacementDao.Agreement agreement, Shift worked) {
        if (agreement.tariffCentsPerHour() == null) {
            throw ProblemException.conflict("AGREEMENT_HAS_NO_TERMS", "The agreement has no terms in force to price the hours.");
        }
        LocalDate date = worked.startsAt().atZone(zone).toLocalDate();
        var rules = CaoRuleSetDao.resolveOrFallback(handle, agreement.caoRuleSetCode(), date)
                .orElse(SeededRuleSets.ATW_2007);
        return Surcharges.costLines(rules, zone, worked, agreement.tariffCentsPerHour(), DutchHolidays.instance())
                .stream()
                .map(line -> new CostLine(CostLineKind.fromValue(line.kind().name()), line.hours(), line.percent(),
                        line.amountCents()))
                .toList();
    }
}
