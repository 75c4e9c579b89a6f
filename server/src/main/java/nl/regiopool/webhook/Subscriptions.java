package nl.regiopool.webhook;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which endpoints get which events: an endpoint gets an event of a type it subscribes to, that occurred once it was
 * registered, and that its owner may read (a member endpoint: the member is one of the event's readers; the
 * cooperative's own endpoint: every event). Endpoints are looked up by member, so a batch costs in proportion to its
 * events and their readers, not to events times endpoints.
 */
final class Subscriptions {

    /** An event of the outbox, as far as subscriptions go. */
    record Published(UUID id, String txid, long position, String type, List<UUID> readers, OffsetDateTime occurredAt) {
    }

    /** An endpoint, as far as subscriptions go; a null member is the cooperative's own. */
    record Subscriber(UUID id, UUID memberId, Set<String> eventTypes, OffsetDateTime createdAt) {

        boolean wants(Published event) {
            return eventTypes.contains(event.type()) && !createdAt.isAfter(event.occurredAt());
        }
    }

    /** A delivery to make. */
    record Target(UUID endpointId, Published event) {
    }

    private final Map<UUID, List<Subscriber>> byMember = new HashMap<>();
    private final List<Subscriber> cooperativeWide = new ArrayList<>();

    Subscriptions(List<Subscriber> subscribers) {
        for (Subscriber subscriber : subscribers) {
            if (subscriber.memberId() == null) {
                cooperativeWide.add(subscriber);
            } else {
                byMember.computeIfAbsent(subscriber.memberId(), member -> new ArrayList<>()).add(subscriber);
            }
        }
    }

    /** The deliveries the events make, each endpoint at most once per event, in the events' order. */
    List<Target> targets(List<Published> events) {
        List<Target> targets = new ArrayList<>();
        for (Published event : events) {
            for (UUID reader : new LinkedHashSet<>(event.readers())) {
                for (Subscriber subscriber : byMember.getOrDefault(reader, List.of())) {
                    if (subscriber.wants(event)) {
                        targets.add(new Target(subscriber.id(), event));
                    }
                }
            }
            for (Subscriber subscriber : cooperativeWide) {
                if (subscriber.wants(event)) {
                    targets.add(new Target(subscriber.id(), event));
                }
            }
        }
        return targets;
    }
}
