package nl.regiopool.agreement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A loan_agreement_version row: one version of the terms with its approvals. */
record TermsRow(UUID agreementId, int versionNo, LocalDate startDate, LocalDate endDate, int hoursPerWeek,
                long tariffCentsPerHour, long costPriceCentsPerHour, boolean vatEligible, List<String> vatUnmetConditions,
                Instant lenderApprovedAt, String lenderApprovedBy, Instant borrowerApprovedAt, String borrowerApprovedBy,
                Instant createdAt, Instant inForceFrom, Instant supersededAt, LocalDate effectiveFrom) {

    boolean inForceAt(Instant at) {
        return AgreementRow.before(inForceFrom, at);
    }

    /** Approved by both sides by the instant, with an {@code effectiveFrom} day still to come then. */
    boolean scheduledAt(Instant at) {
        return effectiveFrom != null && inForceFrom != null && !inForceAt(at)
                && AgreementRow.before(lenderApprovedAt, at) && AgreementRow.before(borrowerApprovedAt, at);
    }

    boolean approvedByBothSides() {
        return lenderApprovedAt != null && borrowerApprovedAt != null;
    }
}
