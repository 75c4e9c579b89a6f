package nl.regiopool.agreement;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.regiopool.settings.CooperativeTime;
import nl.regiopool.tenancy.Transactions;
import nl.regiopool.write.BatchJob;
import nl.regiopool.write.WriteContext;
import nl.regiopool.write.WriteCore;

/** Marks ACTIVE agreements whose terms in force ended before today (in the cooperative's time zone) as ENDED. */
public final class AgreementExpiry extends BatchJob {

    public AgreementExpiry(Transactions transactions, WriteCore writes, Duration interval) {
        super("agreement-expiry", writes, interval, () -> transactions.readPlatform(AgreementDao::cooperatives));
    }

    @Override
    protected int batch(WriteContext write) {
        List<AgreementRow> expired = AgreementDao.claimExpired(write.handle(), BATCH);
        Instant now = CooperativeTime.now(write.handle());
        for (AgreementRow row : expired) {
            List<TermsRow> versions = AgreementDao.versions(write.handle(), List.of(row.id())).get(row.id());
            AgreementRow endedRow = row.moved(AgreementLifecycle.Action.END.to(), row.steps().ended(now));
            AgreementDao.update(write.handle(), endedRow);
            // the same shape as every other loan_agreement event: the agreement as the API shows it
            write.audit("loan_agreement.ended", "loan_agreement", row.id(), AgreementViews.at(row, versions, now),
                    AgreementViews.at(endedRow, versions, now));
        }
        return expired.size();
    }
}
