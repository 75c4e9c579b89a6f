package nl.regiopool.agreement;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import nl.regiopool.agreement.AgreementLifecycle.Action;
import nl.regiopool.api.model.ApprovalSide;
import nl.regiopool.api.model.CooperativeSettings;
import nl.regiopool.api.model.LoanAgreement;
import nl.regiopool.api.model.LoanAgreementCreate;
import nl.regiopool.api.model.LoanAgreementStatus;
import nl.regiopool.api.model.RuleViolation;
import nl.regiopool.api.model.WorkerConsentRequest;
import nl.regiopool.auth.Caller;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.ruleset.CaoRuleSetDao;
import nl.regiopool.settings.CooperativeTime;
import nl.regiopool.settings.SettingsDao;
import nl.regiopool.tenancy.Ids;
import nl.regiopool.write.WriteContext;
import org.jdbi.v3.core.Handle;

/**
 * The steps of a loan agreement's making — draft, propose, approve a side, record the worker's consent — with every
 * rule they check and the audit entry each writes. The API runs them after its own checks of who may act; other
 * flows (an offer released without a covering agreement) run the same steps in their own transaction.
 */
public final class AgreementWorkflow {

    /** What happens, in the same transaction, when an agreement comes into force. */
    public interface Activation {
        void activated(WriteContext write, UUID agreementId);
    }

    /** The agreement after a step, and its version for the ETag. */
    public record Changed(LoanAgreement view, int version) {
    }

    private final Activation onActivation;

    public AgreementWorkflow(Activation onActivation) {
        this.onActivation = onActivation;
    }

    /** Drafts an agreement from the body: every rule is checked (422 RULES_VIOLATED), the creation audited. */
    public Changed create(WriteContext write, LoanAgreementCreate body) {
        Handle handle = write.handle();
        AgreementRules.Worker worker = AgreementDao.worker(handle, body.getWorkerId())
                .orElseThrow(() -> ProblemException.invalid("workerId", "NOT_FOUND", "No such worker."));
        AgreementRules.Party lender = AgreementDao.member(handle, body.getLenderMemberId())
                .orElseThrow(() -> ProblemException.invalid("lenderMemberId", "NOT_FOUND", "No such member."));
        AgreementRules.Party borrower = AgreementDao.member(handle, body.getBorrowerMemberId())
                .orElseThrow(() -> ProblemException.invalid("borrowerMemberId", "NOT_FOUND", "No such member."));
        AgreementDao.WorkerCost cost = AgreementDao.workerCost(handle, worker.id());
        CooperativeSettings settings = SettingsDao.current(handle);
        UUID id = Ids.next();
        AgreementRules.Terms terms = new AgreementRules.Terms(id, lender.memberId(), borrower.memberId(),
                body.getRole().toString(), body.getStartDate(), body.getEndDate(), body.getHoursPerWeek(),
                body.getTariffCentsPerHour(), cost.hourlyCostCents());
        CaoRuleSetDao.requireKnown(handle, "caoRuleSetCode", body.getCaoRuleSetCode());
        requireRules(handle, terms, worker, lender, borrower, settings);

        String cao = body.getCaoRuleSetCode() != null ? body.getCaoRuleSetCode()
                : AgreementDao.memberCaoRuleSet(handle, borrower.memberId()).orElse(null);
        int year = CooperativeTime.today(handle).getYear();
        String number = String.format("LA-%d-%04d", year, AgreementDao.nextNumber(handle, write.tenantId(), year));
        AgreementDao.insert(handle, write.tenantId(), id, number, lender.memberId(), borrower.memberId(),
                worker.id(), body.getRole().toString(), cao, body.getWaadiRegime().toString());
        AgreementDao.insertVersion(handle, write.tenantId(), id, 1, body.getStartDate(), body.getEndDate(),
                body.getHoursPerWeek(), body.getTariffCentsPerHour(), cost.hourlyCostCents(),
                vat(terms, cost.contractType()), null);
        Current created = current(handle, id);
        write.audit("loan_agreement.created", "loan_agreement", id, null, created.view());
        return new Changed(created.view(), created.row().version());
    }

    /** The worker's cost price per hour: the tariff of lending at cost. */
    public static long costTariffCents(Handle handle, UUID workerId) {
        return AgreementDao.workerCost(handle, workerId).hourlyCostCents();
    }

    public Changed propose(WriteContext write, UUID agreementId) {
        return run(write, locked(write, agreementId), "loan_agreement.proposed", this::propose);
    }

    /** Approves one side, with no check of who acts: the caller of this method decided that. */
    public Changed approve(WriteContext write, UUID agreementId, ApprovalSide side) {
        return run(write, locked(write, agreementId), approvalAction(side),
                (context, current) -> approve(context, current, side));
    }

    /** Records the worker's consent, with no check of who acts: the caller of this method decided that. */
    public Changed recordConsent(WriteContext write, UUID agreementId, WorkerConsentRequest consent) {
        return run(write, locked(write, agreementId), "loan_agreement.worker_consent_recorded",
                (context, current) -> recordConsent(context, current, consent));
    }

    /**
     * Cancels an agreement that is still being made (DRAFT or PROPOSED), audited as {@code loan_agreement.cancelled};
     * one in any other status is left as it is. For a flow that made the agreement and no longer needs it.
     */
    public void cancelWhilePending(WriteContext write, UUID agreementId, String reason) {
        AgreementRow locked = locked(write, agreementId);
        if (!Action.CANCEL.allowedFrom(locked.status())) {
            return;
        }
        run(write, locked, "loan_agreement.cancelled",
                (context, current) -> moved(current.row(), Action.CANCEL, current.row().steps().cancelled(current.at(),
                        reason)));
    }

    static String approvalAction(ApprovalSide side) {
        return side == ApprovalSide.LENDER ? "loan_agreement.approved_by_lender" : "loan_agreement.approved_by_borrower";
    }

    /**
     * Runs a step on a locked agreement, stores and audits it; an agreement that comes into force runs the
     * activation in the same transaction, after its audit entry.
     */
    Changed run(WriteContext write, AgreementRow locked, String action, BiFunction<WriteContext, Current, AgreementRow> step) {
        Handle handle = write.handle();
        Current before = view(handle, locked, CooperativeTime.now(handle));
        AgreementRow changed = step.apply(write, before);
        AgreementDao.update(handle, changed);
        Current after = current(handle, locked.id());
        write.audit(action, "loan_agreement", locked.id(), before.view(), after.view());
        if (before.row().status() != LoanAgreementStatus.ACTIVE && after.row().status() == LoanAgreementStatus.ACTIVE) {
            onActivation.activated(write, locked.id());
        }
        return new Changed(after.view(), after.row().version());
    }

    private static AgreementRow locked(WriteContext write, UUID agreementId) {
        return AgreementDao.find(write.handle(), agreementId, AgreementDao.Visibility.ALL, true)
                .orElseThrow(() -> ProblemException.notFound("Loan agreement " + agreementId));
    }

    AgreementRow propose(WriteContext write, Current current) {
        AgreementLifecycle.require(current.row().status(), Action.PROPOSE);
        Handle handle = write.handle();
        TermsRow proposal = current.versions().get(0);
        AgreementDao.WorkerCost cost = AgreementDao.workerCost(handle, current.row().workerId());
        AgreementRules.Terms terms = terms(current.row(), proposal, cost.hourlyCostCents());
        requireRules(handle, terms, current.row());
        AgreementDao.refreshCostPrice(handle, current.row().id(), 1, cost.hourlyCostCents(),
                vat(terms, cost.contractType()));
        return moved(current.row(), Action.PROPOSE, current.row().steps().proposed(current.at()));
    }

    AgreementRow approve(WriteContext write, Current current, ApprovalSide side) {
        boolean lenderSide = side == ApprovalSide.LENDER;
        AgreementRow row = current.row();
        Handle handle = write.handle();
        Instant now = current.at();
        TermsRow awaiting = awaitingApproval(current, now);
        CooperativeSettings settings = SettingsDao.current(handle);
        if (row.status() == LoanAgreementStatus.ACTIVE) {
            requireAmendmentApprover(write.caller(), lenderSide ? row.lenderMemberId() : row.borrowerMemberId(),
                    lenderSide ? "lender" : "borrower", settings);
        }
        if ((lenderSide ? awaiting.lenderApprovedAt() : awaiting.borrowerApprovedAt()) != null) {
            throw ProblemException.conflict("ALREADY_APPROVED",
                    "The " + (lenderSide ? "lender" : "borrower") + " side approved version "
                            + awaiting.versionNo() + " already.");
        }
        AgreementDao.approve(handle, row.id(), awaiting.versionNo(), lenderSide, now, write.caller().subject());
        boolean bothSides = lenderSide ? awaiting.borrowerApprovedAt() != null : awaiting.lenderApprovedAt() != null;
        if (!bothSides) {
            return row;
        }
        if (row.status() == LoanAgreementStatus.ACTIVE) {
            requireRules(handle, terms(row, awaiting, awaiting.costPriceCentsPerHour()), row);
            AgreementDao.bringIntoForce(handle, row.id(), awaiting.versionNo(),
                    comesIntoForce(awaiting, now, CooperativeTime.zone(handle)));
            return row;
        }
        return activateIfComplete(handle, row, awaiting, true, now);
    }

    AgreementRow recordConsent(WriteContext write, Current current, WorkerConsentRequest body) {
        AgreementRow row = current.row();
        if (row.consent().isRecorded()) {
            throw ProblemException.conflict("CONSENT_ALREADY_RECORDED",
                    "The worker's consent was recorded on " + row.consent().consentRecordedAt() + ".");
        }
        AgreementLifecycle.require(row.status(), Action.RECORD_CONSENT);
        Instant now = current.at();
        AgreementRow consented = row.consented(new Consent(body.getConsentedOn(),
                body.getMethod().toString(), now, write.caller().subject()));
        TermsRow proposal = current.versions().get(0);
        return row.status() == LoanAgreementStatus.PROPOSED
                ? activateIfComplete(write.handle(), consented, proposal, proposal.approvedByBothSides(), now)
                : consented;
    }

    private static AgreementRow activateIfComplete(Handle handle, AgreementRow row, TermsRow proposal,
                                                   boolean bothApproved, Instant now) {
        if (!bothApproved || !row.consent().isRecorded()) {
            return row;
        }
        requireRules(handle, terms(row, proposal, proposal.costPriceCentsPerHour()), row);
        AgreementDao.bringIntoForce(handle, row.id(), proposal.versionNo(), now);
        return moved(row, Action.ACTIVATE, row.steps().activated(now));
    }

    /** The version the sides approve: the proposal of a PROPOSED agreement, or an ACTIVE one's pending amendment. */
    private static TermsRow awaitingApproval(Current current, Instant now) {
        LoanAgreementStatus status = current.row().status();
        if (!Action.APPROVE.allowedFrom(status)) {
            throw ProblemException.conflict("INVALID_TRANSITION", "A " + status + " agreement cannot be approved.");
        }
        if (status == LoanAgreementStatus.PROPOSED) {
            return current.versions().get(0);
        }
        TermsRow inForce = AgreementViews.termsAt(current.versions(), now);
        return AgreementViews.pendingAt(current.versions(), now, inForce).orElseThrow(() ->
                ProblemException.conflict("NOTHING_TO_APPROVE", "This ACTIVE agreement has no amendment awaiting approval."));
    }

    static void requireRules(Handle handle, AgreementRules.Terms terms, AgreementRow row) {
        AgreementRules.Worker worker = AgreementDao.worker(handle, row.workerId()).orElseThrow();
        requireRules(handle, terms, worker, AgreementDao.member(handle, row.lenderMemberId()).orElseThrow(),
                AgreementDao.member(handle, row.borrowerMemberId()).orElseThrow(), SettingsDao.current(handle));
    }

    private static void requireRules(Handle handle, AgreementRules.Terms terms, AgreementRules.Worker worker,
                                     AgreementRules.Party lender, AgreementRules.Party borrower,
                                     CooperativeSettings settings) {
        List<RuleBreach> breaches = AgreementRules.check(terms, worker, lender, borrower,
                new AgreementRules.CooperativeTerms(settings.getMarginPercent(), settings.getMinHomeEmployerSharePercent()),
                AgreementDao.overlapping(handle, worker.id(), terms.agreementId(), terms.startDate(), terms.endDate()));
        if (!breaches.isEmpty()) {
            throw new ProblemException(422, "RULES_VIOLATED", "Rules violated",
                    "The agreement breaks " + breaches.size() + " rule(s).", List.of(),
                    breaches.stream().map(AgreementWorkflow::violation).toList());
        }
    }

    private static RuleViolation violation(RuleBreach breach) {
        return new RuleViolation(breach.code(), breach.message()).limit(breach.limit()).actual(breach.actual())
                .entityIds(breach.entityIds());
    }

    static VatExemptionRules.Assessment vat(AgreementRules.Terms terms, String contractType) {
        return VatExemptionRules.assess(terms.endDate(), contractType, terms.tariffCentsPerHour(), terms.costPriceCentsPerHour());
    }

    private static AgreementRules.Terms terms(AgreementRow row, TermsRow version, long costPrice) {
        return new AgreementRules.Terms(row.id(), row.lenderMemberId(), row.borrowerMemberId(), row.role(),
                version.startDate(), version.endDate(), version.hoursPerWeek(), version.tariffCentsPerHour(), costPrice);
    }

    /** An amendment applies from its effectiveFrom day (in the cooperative's zone), never before its approval. */
    private static Instant comesIntoForce(TermsRow amendment, Instant approvedAt, ZoneId zone) {
        if (amendment.effectiveFrom() == null) {
            return approvedAt;
        }
        Instant dayStarts = amendment.effectiveFrom().atStartOfDay(zone).toInstant();
        return dayStarts.isAfter(approvedAt) ? dayStarts : approvedAt;
    }

    /**
     * Each side of an amendment is approved by its own member; a coop_admin approves amendment sides only where the
     * cooperative's setting allows it.
     */
    private static void requireAmendmentApprover(Caller caller, UUID side, String sideName, CooperativeSettings settings) {
        if (side.equals(caller.memberId()) || Boolean.TRUE.equals(settings.getAdminApprovesAmendments())) {
            return;
        }
        throw ProblemException.forbidden("The " + sideName + " side of an amendment is approved by the " + sideName
                + " itself. A coop_admin may approve it only where the cooperative's setting adminApprovesAmendments"
                + " is true.");
    }

    /** The agreement as the transaction sees it at {@code at} (PostgreSQL's now(), fixed for the transaction). */
    record Current(AgreementRow row, List<TermsRow> versions, LoanAgreement view, Instant at) {
    }

    static Current current(Handle handle, UUID id) {
        AgreementRow row = AgreementDao.find(handle, id, AgreementDao.Visibility.ALL, false).orElseThrow();
        return view(handle, row, CooperativeTime.now(handle));
    }

    static Current view(Handle handle, AgreementRow row, Instant at) {
        List<TermsRow> versions = AgreementDao.versions(handle, List.of(row.id())).get(row.id());
        return new Current(row, versions, AgreementViews.at(row, versions, at), at);
    }

    static AgreementRow moved(AgreementRow row, Action action, Steps after) {
        return row.moved(action.to(), after);
    }
}
