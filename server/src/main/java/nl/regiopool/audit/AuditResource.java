package nl.regiopool.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.UUID;
import nl.regiopool.api.AuditApi;
import nl.regiopool.api.model.AuditCheckpoint;
import nl.regiopool.api.model.AuditCheckpointList;
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
        return verify(null);
    }

    @Override
    public Response verifyAuditChainFromCheckpoint(Long sequence) {
        return verify(sequence);
    }

    private Response verify(Long fromCheckpoint) {
        Caller caller = CurrentCaller.get();
        sealer.sealCommitted(caller.tenant());
        AuditVerification verification = transactions.read(caller.tenant(), handle ->
                new ChainVerification(handle, transactions, dao, caller.tenant(), sealer.signer()).run(fromCheckpoint));
        return Response.ok(verification).build();
    }

    @Override
    public Response listAuditCheckpoints(Integer limit, String cursor) {
        Caller caller = CurrentCaller.get();
        Long before = Cursors.decodeLong(cursor);
        Page<ChainDao.Checkpoint> page = Page.of(
                transactions.read(caller.tenant(), handle -> ChainDao.checkpointPage(handle, before, limit)), limit,
                checkpoint -> Long.toString(checkpoint.sequence()));
        return Response.ok(new AuditCheckpointList(page.data().stream().map(this::toApi).toList())
                .nextCursor(page.nextCursor())).build();
    }

    private AuditCheckpoint toApi(ChainDao.Checkpoint checkpoint) {
        return new AuditCheckpoint(checkpoint.sequence(), checkpoint.hash(), checkpoint.signedAt(), checkpoint.keyId(),
                sealer.signer().flatMap(key -> key.publicKeyOf(checkpoint.keyId())).orElse(""),
                checkpoint.signature());
    }
}
