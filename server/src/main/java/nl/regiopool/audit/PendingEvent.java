package nl.regiopool.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** A change made in the current transaction, to be sealed into the tenant's chain at its end. */
public record PendingEvent(UUID tenantId, String action, String entityType, UUID entityId,
                           JsonNode before, JsonNode after) {
}
