package nl.regiopool.write;

import java.util.List;
import nl.regiopool.audit.PendingEvent;
import org.jdbi.v3.core.Handle;

/**
 * Publishes the changes of a write to members' systems, in the write's own transaction: so there is no
 * published event without its change, and no change without its event.
 */
@FunctionalInterface
public interface Outbox {

    void publish(Handle handle, List<PendingEvent> events);
}
