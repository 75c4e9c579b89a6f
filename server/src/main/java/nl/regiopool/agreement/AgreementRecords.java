package nl.regiopool.agreement;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.regiopool.api.model.LoanAgreement;
import org.jdbi.v3.core.Handle;

/** Loan agreements for other concepts (the data export). */
public final class AgreementRecords {

    private AgreementRecords() {
    }

    /** Every loan agreement that lends the worker, as the API shows it at {@code at} (terms, versions, consent). */
    public static List<LoanAgreement> lending(Handle handle, UUID workerId, Instant at) {
        List<AgreementRow> rows = AgreementDao.ofWorker(handle, workerId);
        Map<UUID, List<TermsRow>> versions = AgreementDao.versions(handle, rows.stream().map(AgreementRow::id).toList());
        return rows.stream().map(row -> AgreementViews.at(row, versions.getOrDefault(row.id(), List.of()), at)).toList();
    }
}
