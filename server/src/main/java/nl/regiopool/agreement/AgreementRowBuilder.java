package nl.regiopool.agreement;

import java.time.Instant;
import java.time.LocalDate;
import nl.regiopool.api.model.LoanAgreementStatus;

/** A changed copy of an {@link AgreementRow}: only the lifecycle fields can change. */
final class AgreementRowBuilder {

    private final AgreementRow base;
    private LoanAgreementStatus status;
    private Instant proposedAt;
    private Instant activatedAt;
    private Instant endedAt;
    private Instant terminatedAt;
    private String terminationReason;
    private LocalDate terminationEffectiveDate;
    private Instant cancelledAt;
    private String cancellationReason;
    private LocalDate consentedOn;
    private String consentMethod;
    private Instant consentRecordedAt;
    private String consentRecordedBy;

    AgreementRowBuilder(AgreementRow base) {
        this.base = base;
        this.status = base.status();
        this.proposedAt = base.proposedAt();
        this.activatedAt = base.activatedAt();
        this.endedAt = base.endedAt();
        this.terminatedAt = base.terminatedAt();
        this.terminationReason = base.terminationReason();
        this.terminationEffectiveDate = base.terminationEffectiveDate();
        this.cancelledAt = base.cancelledAt();
        this.cancellationReason = base.cancellationReason();
        this.consentedOn = base.consentedOn();
        this.consentMethod = base.consentMethod();
        this.consentRecordedAt = base.consentRecordedAt();
        this.consentRecordedBy = base.consentRecordedBy();
    }

    AgreementRowBuilder status(LoanAgreementStatus status) {
        this.status = status;
        return this;
    }

    AgreementRowBuilder proposedAt(Instant proposedAt) {
        this.proposedAt = proposedAt;
        return this;
    }

    AgreementRowBuilder activatedAt(Instant activatedAt) {
        this.activatedAt = activatedAt;
        return this;
    }

    AgreementRowBuilder endedAt(Instant endedAt) {
        this.endedAt = endedAt;
        return this;
    }

    AgreementRowBuilder terminatedAt(Instant terminatedAt) {
        this.terminatedAt = terminatedAt;
        return this;
    }

    AgreementRowBuilder terminationReason(String terminationReason) {
        this.terminationReason = terminationReason;
        return this;
    }

    AgreementRowBuilder terminationEffectiveDate(LocalDate terminationEffectiveDate) {
        this.terminationEffectiveDate = terminationEffectiveDate;
        return this;
    }

    AgreementRowBuilder cancelledAt(Instant cancelledAt) {
        this.cancelledAt = cancelledAt;
        return this;
    }

    AgreementRowBuilder cancellationReason(String cancellationReason) {
        this.cancellationReason = cancellationReason;
        return this;
    }

    AgreementRowBuilder consentedOn(LocalDate consentedOn) {
        this.consentedOn = consentedOn;
        return this;
    }

    AgreementRowBuilder consentMethod(String consentMethod) {
        this.consentMethod = consentMethod;
        return this;
    }

    AgreementRowBuilder consentRecordedAt(Instant consentRecordedAt) {
        this.consentRecordedAt = consentRecordedAt;
        return this;
    }

    AgreementRowBuilder consentRecordedBy(String consentRecordedBy) {
        this.consentRecordedBy = consentRecordedBy;
        return this;
    }

    AgreementRow build() {
        return new AgreementRow(base.id(), base.number(), base.lenderMemberId(), base.borrowerMemberId(),
                base.workerId(), base.role(), base.caoRuleSetCode(), base.waadiRegime(), status, proposedAt, activatedAt,
                endedAt, terminatedAt, terminationReason, terminationEffectiveDate, cancelledAt, cancellationReason,
                consentedOn, consentMethod, consentRecordedAt, consentRecordedBy, base.version(), base.createdAt(),
                base.updatedAt());
    }
}
