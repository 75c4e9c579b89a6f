package nl.regiopool.request;

import java.time.Duration;
import java.util.List;
import nl.regiopool.agreement.AgreementWorkflow;
import nl.regiopool.tenancy.Transactions;
import nl.regiopool.write.BatchJob;
import nl.regiopool.write.WriteContext;
import nl.regiopool.write.WriteCore;

/** Marks OPEN staffing requests whose start has passed unfilled as EXPIRED, and ends their open offers (and
 * the agreements made for released ones that still await approval). */
public final class StaffingRequestExpiry extends BatchJob {

    private final AgreementWorkflow agreements;

    public StaffingRequestExpiry(Transactions transactions, WriteCore writes, AgreementWorkflow agreements,
                                 Duration interval) {
        super("staffing-request-expiry", writes, interval,
                () -> transactions.readPlatform(StaffingRequestDao::cooperatives));
        this.agreements = agreements;
    }

    @Override
    protected int batch(WriteContext write) {
        List<StaffingRequestDao.Row> due = StaffingRequestDao.claimExpired(write.handle(), BATCH);
        for (StaffingRequestDao.Row row : due) {
            StaffingRequestLifecycle.require(row.status(), StaffingRequestLifecycle.Action.EXPIRE);
            StaffingRequestDao.expire(write.handle(), row.id());
            Offers.endWithRequest(write, row.id(), agreements);
            StaffingRequestDao.Row after = StaffingRequestDao.find(write.handle(), row.id(), null, false).orElseThrow();
            write.audit("staffing_request.expired", "staffing_request", row.id(), row.request(), after.request());
        }
        return due.size();
    }
}
