package nl.regiopool.ruleset;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import nl.regiopool.api.CaoRuleSetsApi;
import nl.regiopool.api.model.CaoRuleSet;
import nl.regiopool.api.model.CaoRuleSetCreate;
import nl.regiopool.api.model.CaoRuleSetList;
import nl.regiopool.api.model.CaoRuleSetVersionCreate;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CurrentCaller;
import nl.regiopool.cao.RuleSetVersion;
import nl.regiopool.page.Cursors;
import nl.regiopool.http.ETags;
import nl.regiopool.page.Page;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.http.Writes;
import nl.regiopool.tenancy.Ids;
import nl.regiopool.tenancy.Transactions;
import org.jdbi.v3.core.Handle;

/** CAO rule sets as data: admins add rule sets and versions; everyone in the cooperative reads them. */
public final class CaoRuleSetResource implements CaoRuleSetsApi {

    private final Transactions transactions;
    private final Writes writes;

    public CaoRuleSetResource(Transactions transactions, Writes writes) {
        this.transactions = transactions;
        this.writes = writes;
    }

    @Override
    public Response createCaoRuleSet(CaoRuleSetCreate body, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        return writes.inTenant(caller, "createCaoRuleSet", idempotencyKey, body, write -> {
            Handle handle = write.handle();
            if (body.getExtends() != null && CaoRuleSetDao.find(handle, body.getExtends(), false).isEmpty()) {
                throw ProblemException.invalid("extends", "NOT_FOUND", "No rule set " + body.getExtends() + ".");
            }
            if (CaoRuleSetDao.find(handle, body.getCode(), false).isPresent()) {
                throw exists(body.getCode());
            }
            UUID id = Ids.next();
            CaoRuleSetDao.insert(handle, write.tenantId(), id, body.getCode(), body.getName().strip(), body.getExtends());
            CaoRuleSetDao.Row row = CaoRuleSetDao.find(handle, body.getCode(), false).orElseThrow();
            CaoRuleSet view = CaoRuleSetDao.view(row, List.of());
            write.audit("cao_rule_set.created", "cao_rule_set", id, null, view);
            return Response.created(URI.create("/v1/cao-rule-sets/" + row.code()))
                    .tag(ETags.of(row.version())).entity(view).build();
        });
    }

    @Override
    public Response addCaoRuleSetVersion(String code, CaoRuleSetVersionCreate body, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        if (body.getValidTo() != null && body.getValidTo().isBefore(body.getValidFrom())) {
            throw ProblemException.invalid("validTo", "OUT_OF_RANGE", "validTo lies before validFrom.");
        }
        // every parameter must make a valid engine version before anything is stored
        RuleSetJson.apply(RuleSetVersion.builder(code, body.getValidFrom()).validTo(body.getValidTo()), body.getParameters());
        return writes.inTenant(caller, "addCaoRuleSetVersion", idempotencyKey, body, write -> {
            Handle handle = write.handle();
            CaoRuleSetDao.Row row = CaoRuleSetDao.find(handle, code, true).orElseThrow(() -> notFound(code));
            CaoRuleSet before = view(handle, row);
            CaoRuleSetDao.insertVersion(handle, write.tenantId(), code, body.getValidFrom(), body.getValidTo(),
                    body.getParameters());
            CaoRuleSetDao.touch(handle, code);
            CaoRuleSetDao.Row changed = CaoRuleSetDao.find(handle, code, false).orElseThrow();
            CaoRuleSet after = view(handle, changed);
            write.audit("cao_rule_set.version_added", "cao_rule_set", row.id(), before, after);
            return Response.created(URI.create("/v1/cao-rule-sets/" + code))
                    .tag(ETags.of(changed.version())).entity(after).build();
        });
    }

    @Override
    public Response getCaoRuleSet(String code) {
        Caller caller = CurrentCaller.get();
        record Found(CaoRuleSet view, int version) {
        }
        Found found = transactions.read(caller.tenant(), handle -> {
            CaoRuleSetDao.Row row = CaoRuleSetDao.find(handle, code, false).orElseThrow(() -> notFound(code));
            return new Found(view(handle, row), row.version());
        });
        return Response.ok(found.view()).tag(ETags.of(found.version())).build();
    }

    @Override
    public Response listCaoRuleSets(Integer limit, String cursor) {
        Caller caller = CurrentCaller.get();
        String after = cursor == null ? null : Cursors.decode(cursor);
        CaoRuleSetList list = transactions.read(caller.tenant(), handle -> {
            Page<CaoRuleSetDao.Row> page = Page.of(CaoRuleSetDao.list(handle, after, limit), limit, CaoRuleSetDao.Row::code);
            var versions = CaoRuleSetDao.versions(handle, page.data().stream().map(CaoRuleSetDao.Row::code).toList());
            return new CaoRuleSetList(page.data().stream()
                    .map(row -> CaoRuleSetDao.view(row, versions.get(row.code()))).toList())
                    .nextCursor(page.nextCursor());
        });
        return Response.ok(list).build();
    }

    private static CaoRuleSet view(Handle handle, CaoRuleSetDao.Row row) {
        return CaoRuleSetDao.view(row, CaoRuleSetDao.versions(handle, List.of(row.code())).get(row.code()));
    }

    private static ProblemException exists(String code) {
        return ProblemException.conflict("CAO_RULE_SET_EXISTS", "A rule set with code " + code + " exists already.");
    }

    private static ProblemException notFound(String code) {
        return ProblemException.notFound("Rule set " + code);
    }
}
