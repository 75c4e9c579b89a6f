package nl.regiopool.event;

import java.util.List;
import java.util.UUID;
import nl.regiopool.audit.PendingEvent;
import nl.regiopool.tenancy.Ids;
import nl.regiopool.tenancy.TenantScope;
import nl.regiopool.write.Outbox;
import org.jdbi.v3.core.Handle;

/** Writes the public events of a write's audited changes: the feed's, and the webhook deliverer's outbox. */
public final class EventOutbox implements Outbox {

    @Override
    public void publish(Handle handle, List<PendingEvent> changes) {
        for (PendingEvent change : changes) {
            EventTypes.of(change).forEach(type -> {
                TenantScope.ensureBound(handle, change.tenantId());
                EventDao.insert(handle, change.tenantId(), Ids.next(), type.name(), change.entityType(),
                        change.entityId(), type.readers(change).toArray(UUID[]::new), change.after().toString());
            });
        }
    }
}
