package nl.regiopool.agreement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A loan_agreement row: the parties, the status and the moments of each step. */
record AgreementRow(UUID id, String number, UUID lenderMemberId, UUID borrowerMemberId, UUID workerId, String role,
                    String caoRuleSetCode, String waadiRegime, String status, Instant proposedAt, Instant activatedAt,
                    Instant endedAt, Instant terminatedAt, String terminationReason, LocalDate terminationEffectiveDate,
                    Instant cancelledAt, String cancellationReason, LocalDate consentedOn, String consentMethod,
                    Instant consentRecordedAt, String consentRecordedBy, int version, Instant createdAt,
                    Instant updatedAt) {

    boolean isParty(UUID memberId) {
        return lenderMemberId.equals(memberId) || borrowerMemberId.equals(memberId);
    }

    /** The status as it stood at an instant, from the moments recorded for each step. */
    String statusAt(Instant at) {
        if (before(cancelledAt, at)) {
            return "CANCELLED";
        }
        if (before(terminatedAt, at)) {
            return "TERMINATED";
        }
        if (before(endedAt, at)) {
            return "ENDED";
        }
        if (before(activatedAt, at)) {
            return "ACTIVE";
        }
        if (before(proposedAt, at)) {
            return "PROPOSED";
        }
        return "DRAFT";
    }

    static boolean before(Instant moment, Instant at) {
        return moment != null && !moment.isAfter(at);
    }
}
