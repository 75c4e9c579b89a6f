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
    private final Sealer sealer;

    public AuditResource(Transactions transactions, ObjectMapper mapper, Sealer sealer) {
        this.transactions = transactions;
        this.dao = new AuditDao(mapper);
        this.records = new AuditRecords(mapper, sealer);
        this.sealer = sealer;
    }

    @Override
    public Response listAuditEvents(String entityType, UUID entityId, String actor, OffsetDateTime from,
                                    OffsetDateTime to, Integer limit, String cursor) {
        Caller caller = CurrentCaller.get();
        sealer.sealCommitted(caller.tenant());
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
        sealer.sealCommitted(caller.tenant());
        ChainVerifier verifier = new ChainVerifier();
        AuditVerification verification = transactions.read(caller.tenant(), handle -> {
            // the head first: what sealers add while the walk runs lies beyond it and is left for the next verify
            ChainDao.Head head = ChainDao.head(handle, caller.tenant()).orElse(ChainVerifier.EMPTY);
            dao.walk(handle, head.lastSequence(), verifier::accept);
            ChainDao.Tail unsealed = ChainDao.unsealed(handle);
            return verifier.against(head, unsealed);
        });
        return Response.ok(verification).build();
    }
}
