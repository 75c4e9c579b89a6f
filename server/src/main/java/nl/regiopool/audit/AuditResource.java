package nl.regiopool.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.UUID;
import nl.regiopool.api.AuditApi;
import nl.regiopool.api.model.AuditEventList;
import nl.regiopool.api.model.AuditVerification;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CurrentCaller;
import nl.regiopool.page.Cursors;
import nl.regiopool.page.Page;
import nl.regiopool.tenancy.Transactions;

/** Read access to the audit log, and the chain check. Nobody writes here; writes audit themselves. */
public final class AuditResource implements AuditApi {

    private final Transactions transactions;
    private final AuditDao dao;
    private final AuditRecords records;

    public AuditResource(Transactions transactions, ObjectMapper mapper) {
        this.transactions = transactions;
        this.dao = new AuditDao(mapper);
        this.records = new AuditRecords(mapper);
    }

    @Override
    public Response listAuditEvents(String entityType, UUID entityId, String actor, OffsetDateTime from,
                                    OffsetDateTime to, Integer limit, String cursor) {
        Caller caller = CurrentCaller.get();
        Long after = Cursors.decodeLong(cursor);
        AuditDao.Filter filter = new AuditDao.Filter(entityType, entityId, actor, from, to);
        Page<AuditDao.StoredEvent> page = Page.of(
                transactions.read(caller.tenant(), handle -> dao.list(handle, filter, after, limit)), limit,
                event -> Long.toString(event.sequence()));
        return Response.ok(new AuditEventList(page.data().stream().map(records::toApi).toList())
                .nextCursor(page.nextCursor())).build();
    }

    @Override
    public Response verifyAuditChain() {
        Caller caller = CurrentCaller.get();
        ChainVerifier verifier = new ChainVerifier();
        transactions.read(caller.tenant(), handle -> {
            dao.walk(handle, verifier::accept);
            return null;
        });
        return Response.ok(new AuditVerification(verifier.firstBroken() == null, verifier.checked())
                .firstBrokenEventId(verifier.firstBroken())).build();
    }
}
