package nl.regiopool.write;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.regiopool.audit.AuditLog;
import nl.regiopool.audit.PendingEvent;
import nl.regiopool.auth.Caller;
import org.jdbi.v3.core.Handle;

/** What a write sees: its transaction (bound to the tenant), the caller, and the audit trail to add to. */
public final class WriteContext {

    private final Handle handle;
    private final Caller caller;
    private final UUID tenantId;
    private final AuditLog auditLog;
    private final List<PendingEvent> events = new ArrayList<>();

    WriteContext(Handle handle, Caller caller, UUID tenantId, AuditLog auditLog) {
        this.handle = handle;
        this.caller = caller;
        this.tenantId = tenantId;
        this.auditLog = auditLog;
    }

    public Handle handle() {
        return handle;
    }

    public Caller caller() {
        return caller;
    }

    public UUID tenantId() {
        return tenantId;
    }

    /** Records a change in the tenant's audit chain; before/after are API representations. */
    public void audit(String action, String entityType, UUID entityId, Object before, Object after) {
        audit(tenantId, action, entityType, entityId, before, after);
    }

    /** For platform writes that create a tenant: the event opens that tenant's chain. */
    public void audit(UUID tenant, String action, String entityType, UUID entityId, Object before, Object after) {
        JsonNode beforeJson = auditLog.json(before);
        JsonNode afterJson = auditLog.json(after);
        events.add(new PendingEvent(tenant, action, entityType, entityId, beforeJson, afterJson));
    }

    List<PendingEvent> events() {
        return events;
    }
}
