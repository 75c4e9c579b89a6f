package nl.regiopool.cooperative;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import nl.regiopool.api.CooperativesApi;
import nl.regiopool.api.model.CooperativeCreate;
import nl.regiopool.api.model.CooperativeList;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CurrentCaller;
import nl.regiopool.ruleset.CaoRuleSetDao;
import nl.regiopool.page.Cursors;
import nl.regiopool.http.ETags;
import nl.regiopool.page.Page;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.http.Writes;
import nl.regiopool.tenancy.Ids;
import nl.regiopool.tenancy.TenantScope;
import nl.regiopool.tenancy.Transactions;

/** Cooperatives are the tenants; only platform operators create and see them. */
public final class CooperativeResource implements CooperativesApi {

    private final Transactions transactions;
    private final Writes writes;

    public CooperativeResource(Transactions transactions, Writes writes) {
        this.transactions = transactions;
        this.writes = writes;
    }

    @Override
    public Response createCooperative(CooperativeCreate body, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        return writes.onPlatform(caller, "createCooperative", idempotencyKey, body, write -> {
            UUID id = Ids.next();
            CooperativeDao.Row row = CooperativeDao.insert(write.handle(), id, body.getName().strip(), body.getSlug(),
                    body.getRegion());
            // every cooperative starts with the public rule sets (ATW, CAO Huisartsenzorg), in this transaction
            TenantScope.bind(write.handle(), id);
            CaoRuleSetDao.seed(write.handle(), id);
            TenantScope.bind(write.handle(), TenantScope.PLATFORM);
            write.audit(id, "cooperative.created", "cooperative", id, null, row.cooperative());
            return Response.created(URI.create("/v1/cooperatives/" + id))
                    .tag(ETags.of(row.version())).entity(row.cooperative()).build();
        });
    }

    @Override
    public Response getCooperative(UUID cooperativeId) {
        CooperativeDao.Row row = transactions.readPlatform(handle -> CooperativeDao.find(handle, cooperativeId))
                .orElseThrow(() -> ProblemException.notFound("Cooperative " + cooperativeId));
        return Response.ok(row.cooperative()).tag(ETags.of(row.version())).build();
    }

    @Override
    public Response listCooperatives(Integer limit, String cursor) {
        UUID after = Cursors.decodeUuid(cursor);
        Page<CooperativeDao.Row> page = Page.of(
                transactions.readPlatform(handle -> CooperativeDao.list(handle, after, limit)), limit,
                row -> row.cooperative().getId().toString());
        return Response.ok(new CooperativeList(page.data().stream().map(CooperativeDao.Row::cooperative).toList())
                .nextCursor(page.nextCursor())).build();
    }
}
