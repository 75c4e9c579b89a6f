package nl.regiopool.agreement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import nl.regiopool.api.model.LoanAgreementStatus;

/** A loan_agreement row: the parties, the status and the moments of each step. */
record AgreementRow(UUID id, String number, UUID lenderMemberId, UUID borrowerMemberId, UUID workerId, String role,
                    String caoRuleSetCode, String waadiRegime, LoanAgreementStatus status, Instant proposedAt, Instant activatedAt,
                    Instant endedAt, Instant terminatedAt, String terminationReason, LocalDate terminationEffectiveDate,
                    Instant cancelledAt, String cancellationReason, LocalDate consentedOn, String consentMethod,
                    Instant consentRecordedAt, String consentRecordedBy, int version, Instant createdAt,
                    Instant updatedAt) {

    boolean isParty(UUID memberId) {
        return lenderMemberId.equals(memberId) || borrowerMemberId.equals(memberId);
    }

    /** The status as it stood at an instant, from the moments recorded for each step. */
    LoanAgreementStatus statusAt(Instant at) {
        if (before(cancelledAt, at)) {
            return LoanAgreementStatus.CANCELLED;
        }
        if (before(terminatedAt, at)) {
            return LoanAgreementStatus.TERMINATED;
        }
        if (before(endedAt, at)) {
            return LoanAgreementStatus.ENDED;
        }
        if (before(activatedAt, at)) {
            return LoanAgreementStatus.ACTIVE;
        }
        if (before(proposedAt, at)) {
            return LoanAgreementStatus.PROPOSED;
        }
        return LoanAgreementStatus.DRAFT;
    }

    static boolean before(Instant moment, Instant at) {
        return moment != null && !moment.isAfter(at);
    }
}
