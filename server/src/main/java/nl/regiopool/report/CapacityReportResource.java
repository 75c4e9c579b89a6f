package nl.regiopool.report;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import nl.regiopool.api.ReportsApi;
import nl.regiopool.api.model.CapacityReport;
import nl.regiopool.api.model.CapacityReportRow;
import nl.regiopool.api.model.QualificationRole;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CurrentCaller;
import nl.regiopool.http.Negotiation;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.settings.CooperativeTime;
import nl.regiopool.tenancy.Transactions;

/** The capacity report: a read, scoped to the caller's own requests for a member. */
public final class CapacityReportResource implements ReportsApi {

    private static final MediaType CSV = MediaType.valueOf("text/csv");

    private final Transactions transactions;

    public CapacityReportResource(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Response getCapacityReport(LocalDate from, LocalDate to) {
        Caller caller = CurrentCaller.get();
        if (to.isBefore(from)) {
            throw ProblemException.invalid("query.to", "INVALID_PERIOD", "to is before from.");
        }
        if (to.isAfter(from.plusYears(1))) {
            throw ProblemException.invalid("query.to", "PERIOD_TOO_LONG", "At most 1 year after from.");
        }
        UUID member = caller.memberScope().orElse(null);
        List<CapacityReportRow> rows = transactions.read(caller.tenant(), handle -> CapacityDao.groups(handle,
                CooperativeTime.zone(handle), from, to, member)).stream().map(CapacityReportResource::row).toList();
        CapacityReport report = new CapacityReport(from, to, rows);
        if (Negotiation.prefers(CSV)) {
            return Response.ok(CapacityReportCsv.of(report), CSV)
                    .header("Content-Disposition", "attachment; filename=\"capacity.csv\"").build();
        }
        return Response.ok(report).build();
    }

    private static CapacityReportRow row(CapacityDao.Group group) {
        return new CapacityReportRow()
                .week(group.week())
                .role(QualificationRole.fromValue(group.role()))
                .requestedHours(group.requestedHours())
                .filledHours(group.filledHours())
                .unfilledHours(group.requestedHours().subtract(group.filledHours()))
                .fillRate(CapacityMath.fillRate(group.requestedHours(), group.filledHours()))
                .medianHoursToFill(CapacityMath.median(group.hoursToFill()))
                .poolHoursAvailable(group.poolHoursAvailable());
    }
}
