package nl.regiopool.agreement;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.agreement.AgreementLifecycle.Action;
import nl.regiopool.agreement.AgreementWorkflow.Current;
import nl.regiopool.api.LoanAgreementsApi;
import nl.regiopool.api.model.AmendmentRequest;
import nl.regiopool.api.model.ApprovalRequest;
import nl.regiopool.api.model.ApprovalSide;
import nl.regiopool.api.model.CancelRequest;
import nl.regiopool.api.model.LoanAgreementCreate;
import nl.regiopool.api.model.LoanAgreementList;
import nl.regiopool.api.model.LoanAgreementStatus;
import nl.regiopool.api.model.LoanAgreementVersionList;
import nl.regiopool.api.model.ProposeRequest;
import nl.regiopool.api.model.QualificationRole;
import nl.regiopool.api.model.TerminateRequest;
import nl.regiopool.api.model.WorkerConsentRequest;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CurrentCaller;
import nl.regiopool.auth.CallerRole;
import nl.regiopool.page.Cursors;
import nl.regiopool.http.ETags;
import nl.regiopool.http.Negotiation;
import nl.regiopool.page.Page;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.write.WriteContext;
import nl.regiopool.http.Writes;
import nl.regiopool.settings.CooperativeTime;
import nl.regiopool.tenancy.Transactions;
import org.jdbi.v3.core.Handle;

/**
 * Loan agreements: drafted, proposed, approved by both sides with the worker's consent, amended by
 * new versions, and ended, terminated or cancelled. Members act only on agreements they are party to.
 */
public final class AgreementResource implements LoanAgreementsApi {

    private static final MediaType CSV = MediaType.valueOf("text/csv");

    private final Transactions transactions;
    private final Writes writes;

    private final AgreementWorkflow workflow;

    public AgreementResource(Transactions transactions, Writes writes, AgreementWorkflow workflow) {
        this.transactions = transactions;
        this.writes = writes;
        this.workflow = workflow;
    }

    @Override
    public Response createLoanAgreement(LoanAgreementCreate body, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        if (!caller.has(CallerRole.COOP_ADMIN) && !List.of(body.getLenderMemberId(), body.getBorrowerMemberId())
                .contains(caller.memberId())) {
            throw ProblemException.forbidden("A member can draft only agreements in which it lends or borrows.");
        }
        return writes.inTenant(caller, "createLoanAgreement", idempotencyKey, body, write -> {
            AgreementWorkflow.Changed created = workflow.create(write, body);
            return Response.created(URI.create("/v1/loan-agreements/" + created.view().getId()))
                    .tag(ETags.of(created.version())).entity(created.view()).build();
        });
    }

    @Override
    public Response getLoanAgreement(UUID agreementId) {
        Caller caller = CurrentCaller.get();
        Current current = transactions.read(caller.tenant(), handle -> {
            AgreementRow row = AgreementDao.find(handle, agreementId, AgreementDao.Visibility.of(caller), false)
                    .orElseThrow(() -> notFound(agreementId));
            return view(handle, row, CooperativeTime.now(handle));
        });
        return Response.ok(current.view()).tag(ETags.of(current.row().version())).build();
    }

    @Override
    public Response listLoanAgreements(UUID memberId, UUID workerId, LoanAgreementStatus status, QualificationRole role,
                                       LocalDate periodFrom, LocalDate periodTo, Boolean vatEligible,
                                       OffsetDateTime asOf, Integer limit, String cursor) {
        Caller caller = CurrentCaller.get();
        AgreementDao.Filter filter = new AgreementDao.Filter(memberId, null, null, workerId,
                status, role == null ? null : role.toString(),
                periodFrom, periodTo, vatEligible);
        Instant at = asOf == null ? null : asOf.toInstant();
        if (Negotiation.prefers(CSV)) {
            return Response.ok(new AgreementCsv(transactions, caller.tenant(), AgreementDao.Visibility.of(caller), filter, at), CSV)
                    .header("Content-Disposition", "attachment; filename=\"loan-agreements.csv\"").build();
        }
        return Response.ok(page(caller, filter, at, Cursors.decodeUuid(cursor), limit)).build();
    }

    @Override
    public Response listLoanOuts(UUID memberId, LoanAgreementStatus status, Integer limit, String cursor) {
        return listForMember(memberId, status, limit, cursor, true);
    }

    @Override
    public Response listLoanIns(UUID memberId, LoanAgreementStatus status, Integer limit, String cursor) {
        return listForMember(memberId, status, limit, cursor, false);
    }

    private Response listForMember(UUID memberId, LoanAgreementStatus status, Integer limit, String cursor, boolean out) {
        Caller caller = CurrentCaller.get();
        boolean exists = transactions.read(caller.tenant(), handle -> AgreementDao.member(handle, memberId).isPresent());
        if (!exists) {
            throw ProblemException.notFound("Member " + memberId);
        }
        AgreementDao.Filter filter = new AgreementDao.Filter(null, out ? memberId : null, out ? null : memberId, null,
                status, null, null, null, null);
        return Response.ok(page(caller, filter, null, Cursors.decodeUuid(cursor), limit)).build();
    }

    /**
     * A page as it stood at {@code asOf}, or now. A page as of a given instant is one query in one round trip; now is
     * the transaction's, which the page's query then reads in the same transaction.
     */
    private LoanAgreementList page(Caller caller, AgreementDao.Filter filter, Instant asOf, UUID after, int limit) {
        AgreementDao.Visibility visibility = AgreementDao.Visibility.of(caller);
        if (asOf != null) {
            return view(transactions.readInOneRoundTrip(caller.tenant(),
                    queries -> AgreementDao.list(queries, visibility, filter, asOf, true, after, limit)), asOf, limit);
        }
        return transactions.read(caller.tenant(), handle -> {
            Instant now = CooperativeTime.now(handle);
            return view(AgreementDao.list(handle::createQuery, visibility, filter, now, false, after, limit), now, limit);
        });
    }

    private static LoanAgreementList view(List<AgreementDao.Listed> listed, Instant at, int limit) {
        Page<AgreementDao.Listed> page = Page.of(listed, limit, agreement -> agreement.row().id().toString());
        return new LoanAgreementList(page.data().stream()
                .map(agreement -> AgreementViews.at(agreement.row(), agreement.versions(), at)).toList())
                .nextCursor(page.nextCursor());
    }

    @Override
    public Response listLoanAgreementVersions(UUID agreementId, Integer limit, String cursor) {
        Caller caller = CurrentCaller.get();
        Long after = Cursors.decodeLong(cursor);
        LoanAgreementVersionList list = transactions.read(caller.tenant(), handle -> {
            AgreementDao.find(handle, agreementId, AgreementDao.Visibility.of(caller), false).orElseThrow(() -> notFound(agreementId));
            Instant now = CooperativeTime.now(handle);
            Page<TermsRow> page = Page.of(AgreementDao.versionsPage(handle, agreementId,
                    after == null ? null : after.intValue(), limit), limit, terms -> Integer.toString(terms.versionNo()));
            return new LoanAgreementVersionList(page.data().stream().map(terms -> AgreementViews.terms(terms, now)).toList())
                    .nextCursor(page.nextCursor());
        });
        return Response.ok(list).build();
    }

    @Override
    public Response proposeLoanAgreement(UUID agreementId, String ifMatch, String idempotencyKey, ProposeRequest body) {
        return change(agreementId, ifMatch, idempotencyKey, body != null ? body : new ProposeRequest(),
                "proposeLoanAgreement", "loan_agreement.proposed", workflow::propose);
    }

    @Override
    public Response approveLoanAgreement(UUID agreementId, String ifMatch, ApprovalRequest body, String idempotencyKey) {
        boolean lenderSide = body.getSide() == ApprovalSide.LENDER;
        return change(agreementId, ifMatch, idempotencyKey, body, "approveLoanAgreement",
                AgreementWorkflow.approvalAction(body.getSide()),
                (write, current) -> {
                    AgreementRow row = current.row();
                    requireActsFor(write.caller(), lenderSide ? row.lenderMemberId() : row.borrowerMemberId(),
                            lenderSide ? "lender" : "borrower");
                    return workflow.approve(write, current, body.getSide());
                });
    }

    @Override
    public Response recordWorkerConsent(UUID agreementId, String ifMatch, WorkerConsentRequest body, String idempotencyKey) {
        return change(agreementId, ifMatch, idempotencyKey, body, "recordWorkerConsent", "loan_agreement.worker_consent_recorded",
                (write, current) -> {
                    requireActsFor(write.caller(), current.row().lenderMemberId(), "lender (the worker's employer)");
                    return workflow.recordConsent(write, current, body);
                });
    }

    @Override
    public Response terminateLoanAgreement(UUID agreementId, String ifMatch, TerminateRequest body, String idempotencyKey) {
        return change(agreementId, ifMatch, idempotencyKey, body, "terminateLoanAgreement", "loan_agreement.terminated",
                (write, current) -> {
                    requireStatus(current, Action.TERMINATE);
                    TermsRow inForce = AgreementViews.termsAt(current.versions(), current.at());
                    if (body.getEffectiveDate().isBefore(inForce.startDate())) {
                        throw ProblemException.invalid("effectiveDate", "OUT_OF_RANGE",
                                "The termination cannot take effect before the agreement starts (" + inForce.startDate() + ").");
                    }
                    return moved(current.row(), Action.TERMINATE, current.row().steps()
                            .terminated(current.at(), body.getReason().strip(), body.getEffectiveDate()));
                });
    }

    @Override
    public Response cancelLoanAgreement(UUID agreementId, String ifMatch, CancelRequest body, String idempotencyKey) {
        return change(agreementId, ifMatch, idempotencyKey, body, "cancelLoanAgreement", "loan_agreement.cancelled",
                (write, current) -> {
                    requireStatus(current, Action.CANCEL);
                    return moved(current.row(), Action.CANCEL,
                            current.row().steps().cancelled(current.at(), body.getReason().strip()));
                });
    }

    @Override
    public Response amendLoanAgreement(UUID agreementId, String ifMatch, AmendmentRequest body, String idempotencyKey) {
        if (body.getHoursPerWeek() == null && body.getTariffCentsPerHour() == null && body.getEndDate() == null) {
            throw ProblemException.invalid("body", "REQUIRED", "An amendment changes hoursPerWeek, tariffCentsPerHour or endDate.");
        }
        return change(agreementId, ifMatch, idempotencyKey, body, "amendLoanAgreement", "loan_agreement.amendment_proposed",
                (write, current) -> {
                    requireStatus(current, Action.AMEND);
                    Handle handle = write.handle();
                    Instant now = current.at();
                    TermsRow inForce = AgreementViews.termsAt(current.versions(), now);
                    Optional<TermsRow> pending = AgreementViews.pendingAt(current.versions(), now, inForce);
                    if (pending.isPresent() && pending.get().approvedByBothSides()) {
                        throw ProblemException.conflict("AMENDMENT_SCHEDULED", "An approved amendment comes into force at "
                                + pending.get().inForceFrom() + "; amend again after that.");
                    }
                    if (pending.isPresent()) {
                        throw ProblemException.conflict("AMENDMENT_PENDING",
                                "An amendment awaits approval; approve it (both sides) before amending again.");
                    }
                    int hours = body.getHoursPerWeek() != null ? body.getHoursPerWeek() : inForce.hoursPerWeek();
                    long tariff = body.getTariffCentsPerHour() != null ? body.getTariffCentsPerHour() : inForce.tariffCentsPerHour();
                    LocalDate end = body.getEndDate() != null ? body.getEndDate() : inForce.endDate();
                    requireEffectiveFrom(body.getEffectiveFrom(), inForce.startDate(), end,
                            CooperativeTime.today(handle));
                    AgreementRow row = current.row();
                    AgreementRules.Terms terms = new AgreementRules.Terms(row.id(), row.lenderMemberId(),
                            row.borrowerMemberId(), row.role(), inForce.startDate(), end, hours, tariff,
                            inForce.costPriceCentsPerHour());
                    AgreementWorkflow.requireRules(handle, terms, row);
                    int next = current.versions().stream().mapToInt(TermsRow::versionNo).max().orElseThrow() + 1;
                    AgreementDao.insertVersion(handle, write.tenantId(), row.id(), next, inForce.startDate(), end, hours,
                            tariff, inForce.costPriceCentsPerHour(),
                            AgreementWorkflow.vat(terms, AgreementDao.workerCost(handle, row.workerId()).contractType()),
                            body.getEffectiveFrom());
                    return row;
                });
    }

    /** Runs a change on a locked agreement the caller may see, checks If-Match, audits before and after. */
    private Response change(UUID agreementId, String ifMatch, String idempotencyKey, Object body, String operation,
                            String action, java.util.function.BiFunction<WriteContext, Current, AgreementRow> work) {
        Caller caller = CurrentCaller.get();
        ETags.IfMatch expected = ETags.ifMatch(ifMatch);
        return writes.inTenant(caller, operation, idempotencyKey, body, write -> {
            AgreementRow locked = AgreementDao.find(write.handle(), agreementId, AgreementDao.Visibility.of(caller), true)
                    .orElseThrow(() -> notFound(agreementId));
            expected.require(locked.version());
            AgreementWorkflow.Changed after = workflow.run(write, locked, action, work);
            return Response.ok(after.view()).tag(ETags.of(after.version())).build();
        });
    }

    private static void requireStatus(Current current, Action action) {
        AgreementLifecycle.require(current.row().status(), action);
    }

    /** An amendment applies from today or later, inside the agreement's period. */
    private static void requireEffectiveFrom(LocalDate effectiveFrom, LocalDate start, LocalDate end, LocalDate today) {
        if (effectiveFrom == null) {
            return;
        }
        if (effectiveFrom.isBefore(today)) {
            throw ProblemException.invalid("effectiveFrom", "OUT_OF_RANGE", "An amendment cannot apply to the past: "
                    + effectiveFrom + " is before today (" + today + ") in the cooperative's time zone.");
        }
        if (effectiveFrom.isBefore(start) || (end != null && effectiveFrom.isAfter(end))) {
            throw ProblemException.invalid("effectiveFrom", "OUT_OF_RANGE", "effectiveFrom must lie within the "
                    + "agreement's period, " + start + " to " + (end == null ? "indefinite" : end.toString()) + ".");
        }
    }

    /** A member acts only for its own side; an admin acts for either. */
    private static void requireActsFor(Caller caller, UUID side, String sideName) {
        if (!caller.has(CallerRole.COOP_ADMIN) && !side.equals(caller.memberId())) {
            throw ProblemException.forbidden("Only the " + sideName + " (or a cooperative admin) can do this.");
        }
    }

    private static ProblemException notFound(UUID agreementId) {
        return ProblemException.notFound("Loan agreement " + agreementId);
    }

    private static Current view(Handle handle, AgreementRow row, Instant at) {
        return AgreementWorkflow.view(handle, row, at);
    }

    private static AgreementRow moved(AgreementRow row, Action action, Steps after) {
        return AgreementWorkflow.moved(row, action, after);
    }
}
