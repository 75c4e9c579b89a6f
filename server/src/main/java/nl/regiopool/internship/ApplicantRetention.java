package nl.regiopool.internship;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.regiopool.settings.SettingsDao;
import nl.regiopool.tenancy.Transactions;
import nl.regiopool.write.BatchJob;
import nl.regiopool.write.WriteContext;
import nl.regiopool.write.WriteCore;

/**
 * Erases applicants' personal data and documents {@code applicantRetentionDays} after the last decision on
 * them (for an applicant without recorded consent at most the default 28 days). Each erasure is audited with
 * ids only.
 */
public final class ApplicantRetention extends BatchJob {

    private final DocumentStore documents;
    private final Clock clock;

    public ApplicantRetention(Transactions transactions, WriteCore writes, DocumentStore documents, Clock clock,
                              Duration interval) {
        super("applicant-retention", writes, interval, () -> transactions.readPlatform(ApplicantDao::cooperatives));
        this.documents = documents;
        this.clock = clock;
    }

    /** One pass as if it were {@code now}. */
    public int runAt(Instant now) {
        return pass(write -> erase(write, now.atOffset(ZoneOffset.UTC)));
    }

    @Override
    protected int batch(WriteContext write) {
        return erase(write, clock.instant().atOffset(ZoneOffset.UTC));
    }

    private int erase(WriteContext write, OffsetDateTime now) {
        int days = SettingsDao.current(write.handle()).getApplicantRetentionDays();
        List<UUID> due = ApplicantDao.claimDue(write.handle(), now, days, BATCH);
        for (UUID applicant : due) {
            List<UUID> documentIds = DocumentDao.ids(write.handle(), applicant);
            for (UUID document : documentIds) {
                documents.delete(write.handle(), document);
                DocumentDao.delete(write.handle(), document);
            }
            ApplicantDao.erase(write.handle(), applicant);
            write.audit("internship_applicant.erased", "internship_applicant", applicant, null,
                    Map.of("id", applicant, "documentsErased", documentIds.size(), "retentionDays", days));
        }
        return due.size();
    }
}
