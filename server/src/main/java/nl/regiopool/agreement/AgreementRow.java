package nl.regiopool.agreement;

import java.time.Instant;
import java.util.UUID;
import nl.regiopool.api.model.LoanAgreementStatus;

/**
 * A loan_agreement row ({@link AgreementRowMapper}): the parties, the status, the moments of each step and the
 * consent.
 */
public record AgreementRow(UUID id, String number, UUID lenderMemberId, UUID borrowerMemberId, UUID workerId, String role,
                           String caoRuleSetCode, String waadiRegime, LoanAgreementStatus status, Steps steps,
                           Consent consent, int version, Instant createdAt, Instant updatedAt) {

    /** This row after a step of its lifecycle: the new status and the moments recorded so far. */
    AgreementRow moved(LoanAgreementStatus to, Steps after) {
        return new AgreementRow(id, number, lenderMemberId, borrowerMemberId, workerId, role, caoRuleSetCode,
                waadiRegime, to, after, consent, version, createdAt, updatedAt);
    }

    AgreementRow consented(Consent recorded) {
        return new AgreementRow(id, number, lenderMemberId, borrowerMemberId, workerId, role, caoRuleSetCode,
                waadiRegime, status, steps, recorded, version, createdAt, updatedAt);
    }

    boolean isParty(UUID memberId) {
        return lenderMemberId.equals(memberId) || borrowerMemberId.equals(memberId);
    }

    /** The status as it stood at an instant, from the moments recorded for each step. */
    LoanAgreementStatus statusAt(Instant at) {
        if (before(steps.cancelledAt(), at)) {
            return LoanAgreementStatus.CANCELLED;
        }
        if (before(steps.terminatedAt(), at)) {
            return LoanAgreementStatus.TERMINATED;
        }
        if (before(steps.endedAt(), at)) {
            return LoanAgreementStatus.ENDED;
        }
        if (before(steps.activatedAt(), at)) {
            return LoanAgreementStatus.ACTIVE;
        }
        if (before(steps.proposedAt(), at)) {
            return LoanAgreementStatus.PROPOSED;
        }
        return LoanAgreementStatus.DRAFT;
    }

    static boolean before(Instant moment, Instant at) {
        return moment != null && !moment.isAfter(at);
    }
}
