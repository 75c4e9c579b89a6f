package nl.regiopool.examples;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nl.regiopool.client.model.Event;
import nl.regiopool.client.sdk.Webhooks;

/**
 * The handler of a member system's webhook endpoint: verify the request, then act on the event. Answer 2xx
 * quickly (Regiopool waits 10 s) and do slow work afterwards; a delivery can come more than once, so act on an
 * event id only once.
 */
public final class PlacementWebhookReceiver {

    private final String secret;
    private final Consumer<Event> onPlacement;
    private final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public PlacementWebhookReceiver(String secret, Consumer<Event> onPlacement) {
        this.secret = secret;
        this.onPlacement = onPlacement;
    }

    /** Returns the HTTP status to answer with. */
    public int handle(Map<String, List<String>> headers, String body) {
        Event event;
        try {
            event = Webhooks.verify(secret, headers, body);
        } catch (Webhooks.VerificationException e) {
            return 400;
        }
        if (event.getType().startsWith("placement.") && seen.add(event.getId().toString())) {
            onPlacement.accept(event);
        }
        return 204;
    }
}
