package nl.regiopool.auth;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.tenancy.Transactions;

/**
 * A token's {@code worker} claim must name a worker of the token's own cooperative: otherwise the token is
 * refused (401) before its roles are even looked at, as a token whose claims do not hold together. Workers
 * never change cooperative and are never deleted, so a pair once found is remembered (up to
 * {@link #REMEMBERED} pairs).
 */
public final class WorkerClaims {

    static final int REMEMBERED = 100_000;

    private final Transactions transactions;
    private final Map<UUID, UUID> tenantOfWorker = new ConcurrentHashMap<>();

    public WorkerClaims(Transactions transactions) {
        this.transactions = transactions;
    }

    void check(Caller caller) {
        caller.workerId().ifPresent(worker -> check(caller.tenantId(), worker));
    }

    private void check(UUID tenant, UUID worker) {
        if (tenant == null) {
            throw refused();
        }
        if (tenant.equals(tenantOfWorker.get(worker))) {
            return;
        }
        boolean exists = transactions.read(tenant, handle -> handle
                .createQuery("SELECT EXISTS (SELECT 1 FROM worker WHERE id = :id)").bind("id", worker)
                .mapTo(Boolean.class).one());
        if (!exists) {
            throw refused();
        }
        if (tenantOfWorker.size() >= REMEMBERED) {
            tenantOfWorker.clear();
        }
        tenantOfWorker.put(worker, tenant);
    }

    private static ProblemException refused() {
        return ProblemException.invalidToken("The token was refused: its worker claim names no worker of its cooperative.");
    }
}
