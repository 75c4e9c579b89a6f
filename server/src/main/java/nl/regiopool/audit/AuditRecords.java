package nl.regiopool.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.regiopool.api.model.AuditEvent;
import org.jdbi.v3.core.Handle;

/** Audit events for other concepts that hand them over (the data export). */
public final class AuditRecords {

    private static final int PAGE = 500;
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final AuditDao dao;
    private final ObjectMapper mapper;
    private final Sealer sealer;

    public AuditRecords(ObjectMapper mapper, Sealer sealer) {
        this.mapper = mapper;
        this.dao = new AuditDao(mapper);
        this.sealer = sealer;
    }

    /** Seals what the tenant committed so far, so that a read that follows sees it; before the read transaction. */
    public void sealCommitted(UUID tenant) {
        sealer.sealCommitted(tenant);
    }

    /** Every event about the entity, in chain order, as {@code listAuditEvents} shows them. */
    public List<AuditEvent> about(Handle handle, String entityType, UUID entityId) {
        AuditDao.Filter filter = new AuditDao.Filter(entityType, entityId, null, null, null);
        List<AuditEvent> events = new ArrayList<>();
        Long after = null;
        List<AuditDao.StoredEvent> page;
        do {
            page = dao.list(handle, filter, after, PAGE);
            page.stream().limit(PAGE).map(this::toApi).forEach(events::add);
            after = page.isEmpty() ? null : page.get(Math.min(page.size(), PAGE) - 1).sequence();
        } while (page.size() > PAGE);
        return events;
    }

    AuditEvent toApi(AuditDao.StoredEvent event) {
        return new AuditEvent(event.id(), event.sequence(), event.occurredAt(), event.actorSubject(),
                event.actorRoles(), event.action(), event.entityType(), event.entityId(), event.requestId(),
                event.previousHash(), event.hash())
                .before(event.before() == null ? null : mapper.convertValue(event.before(), OBJECT))
                .after(event.after() == null ? null : mapper.convertValue(event.after(), OBJECT));
    }
}
