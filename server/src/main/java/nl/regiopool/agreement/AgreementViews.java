package nl.regiopool.agreement;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import nl.regiopool.api.model.Approval;
import nl.regiopool.api.model.Approvals;
import nl.regiopool.api.model.ConsentMethod;
import nl.regiopool.api.model.LoanAgreement;
import nl.regiopool.api.model.LoanAgreementStatus;
import nl.regiopool.api.model.LoanAgreementTerms;
import nl.regiopool.api.model.QualificationRole;
import nl.regiopool.api.model.VatExemption;
import nl.regiopool.api.model.WaadiRegime;
import nl.regiopool.api.model.WorkerConsent;

/**
 * An agreement as the API shows it at an instant: now, or as it stood at {@code asOf}. Only what was
 * recorded by that instant shows: the terms in force then, approvals and consent given by then.
 */
final class AgreementViews {

    private AgreementViews() {
    }

    /** The terms that stood at the instant: the latest version in force by then, else the proposal. */
    static TermsRow termsAt(List<TermsRow> versions, Instant at) {
        return versions.stream().filter(v -> v.inForceAt(at)).max(Comparator.comparingInt(TermsRow::versionNo))
                .orElseGet(() -> versions.stream().min(Comparator.comparingInt(TermsRow::versionNo)).orElseThrow());
    }

    /**
     * An amendment awaiting approval at the instant (or approved and waiting for its effectiveFrom day), shown while
     * the agreement is ACTIVE.
     */
    static Optional<TermsRow> pendingAt(List<TermsRow> versions, Instant at, TermsRow inForce) {
        return versions.stream()
                .filter(v -> v.versionNo() > inForce.versionNo() && !v.createdAt().isAfter(at) && !v.inForceAt(at))
                .max(Comparator.comparingInt(TermsRow::versionNo));
    }

    static LoanAgreement at(AgreementRow row, List<TermsRow> versions, Instant at) {
        LoanAgreementStatus status = row.statusAt(at);
        TermsRow terms = termsAt(versions, at);
        LoanAgreement agreement = new LoanAgreement(row.id(), row.number(), row.lenderMemberId(),
                row.borrowerMemberId(), row.workerId(), QualificationRole.fromValue(row.role()),
                WaadiRegime.fromValue(row.waadiRegime()), status,
                terms(terms, at), time(row.createdAt()), time(row.updatedAt().isAfter(at) ? at : row.updatedAt()))
                .caoRuleSetCode(row.caoRuleSetCode());
        if (status == LoanAgreementStatus.ACTIVE) {
            pendingAt(versions, at, terms).ifPresent(pending -> agreement.pendingAmendment(terms(pending, at)));
        }
        Consent consent = row.consent();
        if (AgreementRow.before(consent.consentRecordedAt(), at)) {
            agreement.workerConsent(new WorkerConsent(consent.consentedOn(),
                    ConsentMethod.fromValue(consent.consentMethod()), time(consent.consentRecordedAt()),
                    consent.consentRecordedBy()));
        }
        if (status == LoanAgreementStatus.TERMINATED) {
            agreement.terminationReason(row.steps().terminationReason())
                    .terminationEffectiveDate(row.steps().terminationEffectiveDate());
        }
        if (status == LoanAgreementStatus.CANCELLED) {
            agreement.cancellationReason(row.steps().cancellationReason());
        }
        return agreement;
    }

    static LoanAgreementTerms terms(TermsRow terms, Instant at) {
        Approvals approvals = new Approvals()
                .lender(AgreementRow.before(terms.lenderApprovedAt(), at)
                        ? new Approval(time(terms.lenderApprovedAt()), terms.lenderApprovedBy()) : null)
                .borrower(AgreementRow.before(terms.borrowerApprovedAt(), at)
                        ? new Approval(time(terms.borrowerApprovedAt()), terms.borrowerApprovedBy()) : null);
        return new LoanAgreementTerms(terms.versionNo(), terms.startDate(), terms.hoursPerWeek(),
                terms.tariffCentsPerHour(), terms.costPriceCentsPerHour(), approvals,
                new VatExemption(terms.vatEligible(), terms.vatUnmetConditions()), time(terms.createdAt()))
                .endDate(terms.endDate())
                .effectiveFrom(terms.effectiveFrom())
                .inForceFrom(terms.inForceAt(at) || terms.scheduledAt(at) ? time(terms.inForceFrom()) : null)
                .supersededAt(AgreementRow.before(terms.supersededAt(), at) ? time(terms.supersededAt()) : null);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
