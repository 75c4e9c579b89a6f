package nl.regiopool.settlement;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.regiopool.api.SettlementsApi;
import nl.regiopool.api.model.CloseSettlementRequest;
import nl.regiopool.api.model.Settlement;
import nl.regiopool.api.model.SettlementCreate;
import nl.regiopool.api.model.SettlementLineList;
import nl.regiopool.api.model.SettlementList;
import nl.regiopool.api.model.SettlementStatementList;
import nl.regiopool.api.model.SettlementStatus;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CurrentCaller;
import nl.regiopool.http.ETags;
import nl.regiopool.http.Negotiation;
import nl.regiopool.http.Writes;
import nl.regiopool.page.Cursors;
import nl.regiopool.page.Page;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.settings.CooperativeTime;
import nl.regiopool.settings.SettingsDao;
import nl.regiopool.tenancy.Ids;
import nl.regiopool.tenancy.Transactions;
import nl.regiopool.write.WriteContext;
import org.jdbi.v3.core.Handle;

/**
 * Month-end settlements: an admin computes a month as a DRAFT (again as often as needed) and closes it, after
 * which the database keeps it as it is. Admins and auditors read everything; a member reads the statements it
 * is a party to and its own position. Statements export as CSV and as UBL 2.1 invoices.
 */
public final class SettlementResource implements SettlementsApi {

    static final MediaType CSV = MediaType.valueOf("text/csv");

    private final Transactions transactions;
    private final Writes writes;

    public SettlementResource(Transactions transactions, Writes writes) {
        this.transactions = transactions;
        this.writes = writes;
    }

    @Override
    public Response createSettlement(SettlementCreate body, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        YearMonth period = period(body.getPeriod());
        return writes.inTenant(caller, "createSettlement", idempotencyKey, body, write -> {
            Handle handle = write.handle();
            YearMonth current = YearMonth.from(CooperativeTime.today(handle));
            if (period.isAfter(current)) {
                throw ProblemException.invalid("period", "OUT_OF_RANGE", "The period " + period
                        + " lies in the future (the current month is " + current + ").");
            }
            var existing = SettlementDao.findByPeriod(handle, period.atDay(1), true);
            if (existing.isPresent() && existing.get().closed()) {
                throw closed(existing.get());
            }
            SettlementDao.latestClosed(handle).filter(latest -> period.atDay(1).isBefore(latest)).ifPresent(latest -> {
                throw ProblemException.conflict("PERIOD_BEFORE_CLOSED", "The period " + period
                        + " lies before the closed period " + SettlementViews.period(latest)
                        + "; its changes land in the next open period as corrections.");
            });
            int fee = SettingsDao.current(handle).getServiceFeeCentsPerHour();
            SettlementDao.Row row;
            if (existing.isPresent()) {
                SettlementDao.clear(handle, existing.get().id());
                row = SettlementDao.recomputed(handle, existing.get().id(), fee);
            } else {
                row = SettlementDao.insert(handle, write.tenantId(), Ids.next(), period.atDay(1), fee);
            }
            compute(write, row, period);
            Settlement view = full(handle, row);
            write.audit(existing.isPresent() ? "settlement.recomputed" : "settlement.created", "settlement", row.id(),
                    null, view);
            Response.ResponseBuilder response = existing.isPresent() ? Response.ok()
                    : Response.created(URI.create("/v1/settlements/" + row.id()));
            return response.tag(ETags.of(row.version())).entity(view).build();
        });
    }

    @Override
    public Response closeSettlement(UUID settlementId, String ifMatch, String idempotencyKey,
                                    CloseSettlementRequest body) {
        Caller caller = CurrentCaller.get();
        ETags.IfMatch expected = ETags.ifMatch(ifMatch);
        CloseSettlementRequest request = body != null ? body : new CloseSettlementRequest();
        return writes.inTenant(caller, "closeSettlement", idempotencyKey, request, write -> {
            Handle handle = write.handle();
            SettlementDao.Row row = SettlementDao.find(handle, settlementId, true).orElseThrow(() -> notFound(settlementId));
            expected.require(row.version());
            if (row.closed()) {
                throw closed(row);
            }
            YearMonth period = YearMonth.from(row.period());
            LocalDate today = CooperativeTime.today(handle);
            if (period.plusMonths(1).atDay(1).isAfter(today)) {
                throw ProblemException.conflict("PERIOD_NOT_ENDED", "The period " + period
                        + " has not ended yet (today is " + today + ").");
            }
            if (SettlementDao.settledBefore(handle, row.period())) {
                YearMonth previous = period.minusMonths(1);
                boolean previousClosed = SettlementDao.findByPeriod(handle, previous.atDay(1), false)
                        .map(SettlementDao.Row::closed).orElse(false);
                if (!previousClosed) {
                    throw ProblemException.conflict("PREVIOUS_PERIOD_OPEN", "The period " + previous
                            + " must be settled and closed before " + period + ".");
                }
            }
            Settlement before = full(handle, row);
            SettlementDao.clear(handle, row.id());
            SettlementMath.Totals totals = compute(write, row, period);
            SettlementDao.Row closedRow = SettlementDao.close(handle, row.id(), write.caller().subject());
            Settlement view = full(handle, closedRow);
            write.audit("settlement.closed", "settlement", row.id(), before, Map.of("settlement", view,
                    "sealedTotals", sealed(totals), "note", request.getNote() == null ? "" : request.getNote()));
            return Response.ok(view).tag(ETags.of(closedRow.version())).build();
        });
    }

    @Override
    public Response getSettlement(UUID settlementId) {
        Caller caller = CurrentCaller.get();
        UUID viewer = caller.memberScope().orElse(null);
        return transactions.read(caller.tenant(), handle -> {
            SettlementDao.Row row = SettlementDao.find(handle, settlementId, false).orElseThrow(() -> notFound(settlementId));
            return Response.ok(visible(handle, row, viewer)).tag(ETags.of(row.version())).build();
        });
    }

    @Override
    public Response listSettlements(String period, SettlementStatus status, Integer limit, String cursor) {
        Caller caller = CurrentCaller.get();
        UUID viewer = caller.memberScope().orElse(null);
        UUID after = Cursors.decodeUuid(cursor);
        LocalDate periodDay = period == null ? null : period(period).atDay(1);
        return transactions.read(caller.tenant(), handle -> {
            Page<SettlementDao.Row> page = Page.of(SettlementDao.list(handle, periodDay,
                    status == null ? null : status.toString(), after, limit), limit, row -> row.id().toString());
            return Response.ok(new SettlementList(page.data().stream().map(row -> visible(handle, row, viewer)).toList())
                    .nextCursor(page.nextCursor())).build();
        });
    }

    @Override
    public Response listSettlementLines(UUID settlementId, UUID agreementId, UUID workerId, UUID statementId,
                                        Integer limit, String cursor) {
        Caller caller = CurrentCaller.get();
        UUID viewer = caller.memberScope().orElse(null);
        UUID after = Cursors.decodeUuid(cursor);
        return transactions.read(caller.tenant(), handle -> {
            SettlementDao.find(handle, settlementId, false).orElseThrow(() -> notFound(settlementId));
            Page<SettlementDao.LineRow> page = Page.of(SettlementDao.lines(handle, settlementId, viewer,
                    new SettlementDao.LineFilter(agreementId, workerId, statementId), after, limit), limit,
                    row -> row.id().toString());
            return Response.ok(new SettlementLineList(page.data().stream().map(SettlementViews::line).toList())
                    .nextCursor(page.nextCursor())).build();
        });
    }

    @Override
    public Response listSettlementStatements(UUID settlementId, UUID memberId, Integer limit, String cursor) {
        Caller caller = CurrentCaller.get();
        UUID viewer = caller.memberScope().orElse(null);
        UUID after = Cursors.decodeUuid(cursor);
        return transactions.read(caller.tenant(), handle -> {
            SettlementDao.find(handle, settlementId, false).orElseThrow(() -> notFound(settlementId));
            Page<SettlementDao.StatementRow> page = Page.of(SettlementDao.statements(handle, settlementId, viewer,
                    memberId, after, limit), limit, row -> row.id().toString());
            return Response.ok(new SettlementStatementList(page.data().stream().map(SettlementViews::statement).toList())
                    .nextCursor(page.nextCursor())).build();
        });
    }

    @Override
    public Response getSettlementStatement(UUID settlementId, UUID statementId) {
        Caller caller = CurrentCaller.get();
        UUID viewer = caller.memberScope().orElse(null);
        SettlementDao.StatementRow statement = transactions.read(caller.tenant(), handle ->
                SettlementDao.statement(handle, settlementId, statementId, viewer)
                        .orElseThrow(() -> ProblemException.notFound("Statement " + statementId)));
        String file = "statement-" + SettlementViews.period(statement.period()) + "-" + statement.id();
        if (Negotiation.prefers(CSV)) {
            return Response.ok(new SettlementCsv(transactions, caller.tenant(), statement), CSV)
                    .header("Content-Disposition", "attachment; filename=\"" + file + ".csv\"").build();
        }
        if (Negotiation.prefers(MediaType.APPLICATION_XML_TYPE)) {
            String xml = transactions.read(caller.tenant(), handle -> SettlementUbl.invoice(statement,
                    SettlementDao.lines(handle, settlementId, null,
                            new SettlementDao.LineFilter(null, null, statement.id()), null, Integer.MAX_VALUE - 1),
                    SettlementDao.parties(handle, List.of(statement.lenderMemberId(), statement.borrowerMemberId()))));
            return Response.ok(xml, MediaType.APPLICATION_XML_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"" + file + ".xml\"").build();
        }
        return Response.ok(SettlementViews.statement(statement)).build();
    }

    private SettlementMath.Totals compute(WriteContext write, SettlementDao.Row row, YearMonth period) {
        Handle handle = write.handle();
        return new SettlementRun(handle, CooperativeTime.zone(handle))
                .compute(write.tenantId(), row.id(), period, row.feeCentsPerHour());
    }

    /** The sums a closed month is sealed with in the audit chain. */
    private static Map<String, Long> sealed(SettlementMath.Totals totals) {
        return Map.of("lineCount", totals.lineCount(), "statementCount", totals.statementCount(),
                "subtotalCents", totals.subtotalCents(), "vatCents", totals.vatCents(), "totalCents",
                totals.totalCents(), "feeCents", totals.feeCents());
    }

    private static Settlement full(Handle handle, SettlementDao.Row row) {
        return visible(handle, row, null);
    }

    private static Settlement visible(Handle handle, SettlementDao.Row row, UUID viewer) {
        return SettlementViews.view(row, SettlementDao.statements(handle, row.id(), viewer, null, null, null),
                SettlementDao.positions(handle, row.id(), viewer), SettlementDao.lineCount(handle, row.id(), viewer));
    }

    private static YearMonth period(String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeException e) {
            throw ProblemException.invalid("period", "INVALID_FORMAT", "A month as YYYY-MM, e.g. 2027-02.");
        }
    }

    private static ProblemException closed(SettlementDao.Row row) {
        return ProblemException.conflict("SETTLEMENT_CLOSED", "The settlement of " + SettlementViews.period(row.period())
                + " is closed and cannot change; later changes land in the next open period as corrections.");
    }

    private static ProblemException notFound(UUID settlementId) {
        return ProblemException.notFound("Settlement " + settlementId);
    }
}
