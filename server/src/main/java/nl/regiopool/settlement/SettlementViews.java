package nl.regiopool.settlement;

import java.time.YearMonth;
import java.util.List;
import nl.regiopool.api.model.Settlement;
import nl.regiopool.api.model.SettlementLine;
import nl.regiopool.api.model.SettlementLineFlag;
import nl.regiopool.api.model.SettlementPosition;
import nl.regiopool.api.model.SettlementStatement;
import nl.regiopool.api.model.SettlementStatus;

/** Settlement rows as the API shows them. */
final class SettlementViews {

    private SettlementViews() {
    }

    static String period(java.time.LocalDate firstDay) {
        return YearMonth.from(firstDay).toString();
    }

    static Settlement view(SettlementDao.Row row, List<SettlementDao.StatementRow> statements,
                           List<SettlementDao.PositionRow> positions, int lineCount) {
        return new Settlement().id(row.id()).period(period(row.period())).status(SettlementStatus.fromValue(row.status()))
                .feeCentsPerHour(row.feeCentsPerHour()).lineCount(lineCount)
                .statements(statements.stream().map(SettlementViews::statement).toList())
                .positions(positions.stream().map(p -> new SettlementPosition().memberId(p.memberId())
                        .receivableCents(p.receivableCents()).payableCents(p.payableCents()).netCents(p.netCents()))
                        .toList())
                .computedAt(row.computedAt()).closedAt(row.closedAt()).closedBy(row.closedBy())
                .version(row.version()).createdAt(row.createdAt());
    }

    static SettlementStatement statement(SettlementDao.StatementRow s) {
        return new SettlementStatement().id(s.id()).settlementId(s.settlementId()).period(period(s.period()))
                .lenderMemberId(s.lenderMemberId()).borrowerMemberId(s.borrowerMemberId()).lineCount(s.lineCount())
                .subtotalCents(s.subtotalCents()).vatPercent(s.vatPercent()).vatCents(s.vatCents())
                .totalCents(s.totalCents()).vatExemptionGround(s.vatExemptionGround());
    }

    static SettlementLine line(SettlementDao.LineRow l) {
        return new SettlementLine().id(l.id()).placementId(l.placementId()).agreementId(l.agreementId())
                .workerId(l.workerId()).statementId(l.statementId()).lenderMemberId(l.lenderMemberId())
                .borrowerMemberId(l.borrowerMemberId()).workDate(l.workDate())
                .hours(SettlementMath.hours(l.workedSeconds())).baseCents(l.baseCents())
                .surchargeCents(l.surchargeCents()).feeCents(l.feeCents()).vatCents(l.vatCents())
                .flags(l.flags().stream().map(SettlementLineFlag::fromValue).toList())
                .correctionOfPeriod(l.correctionOfPeriod() == null ? null : period(l.correctionOfPeriod()));
    }
}
