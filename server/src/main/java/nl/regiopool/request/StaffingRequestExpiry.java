package nl.regiopool.request;

import java.time.Duration;
import java.util.List;
import nl.regiopool.tenancy.Transactions;
import nl.regiopool.write.BatchJob;
import nl.regiopool.write.WriteContext;
import nl.regiopool.write.WriteCore;

/** Marks OPEN staffing requests whose start has passed unfilled as EXPIRED, and ends their open offers. */
public final class StaffingRequestExpiry extends BatchJob {

    public StaffingRequestExpiry(Transactions transactions, WriteCore writes, Duration interval) {
        super("staffing-request-expiry", writes, interval,
                () -> transactions.readPlatform(StaffingRequestDao::cooperatives));
    }

    @Override
    protected int batch(WriteContext write) {
        List<StaffingRequestDao.Row> due = StaffingRequestDao.claimExpired(write.handle(), BATCH);
        for (StaffingRequestDao.Row row : due) {
            StaffingRequestLifecycle.require(row.status(), StaffingRequestLifecycle.Action.EXPIRE);
            StaffingRequestDao.expire(write.handle(), row.id());
            Offers.endWithRequest(write, row.id());
            StaffingRequestDao.Row after = StaffingRequestDao.find(write.handle(), row.id(), null, false).orElseThrow();
            write.audit("staffing_request.expired", "staffing_request", row.id(), row.request(), after.request());
        }
        return due.size();
    }
}
