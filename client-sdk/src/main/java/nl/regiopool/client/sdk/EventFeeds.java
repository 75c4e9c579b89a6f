package nl.regiopool.client.sdk;

import java.util.function.Consumer;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.model.Event;
import nl.regiopool.client.model.EventFeed;

/**
 * Reads the event feed on from a kept cursor. The feed is not a list: its {@code nextCursor} is where the next event
 * will be and is never null once there are events, and a page can hold fewer events than asked for, or none, while
 * more follow (a member's page looks at a bounded stretch of the cooperative's events). So {@link Pages#all}, which
 * stops at a null cursor, does not fit it; this reads page after page until a page leaves the cursor where it was:
 *
 * <pre>{@code
 * String cursor = store.load();
 * cursor = EventFeeds.readOn(after -> events.listEvents(after, null, 200), cursor, event -> react(event));
 * store.save(cursor);
 * }</pre>
 *
 * Keep the returned cursor only after the events it passed are handled; an event read again (after a crash between
 * the two) has the same id.
 */
public final class EventFeeds {

    /** Fetches the page of the feed after the cursor (null: from the first event). */
    @FunctionalInterface
    public interface FeedFetcher {
        EventFeed fetch(String after) throws ApiException;
    }

    private EventFeeds() {
    }

    /**
     * Hands every event after {@code after} that is there now to {@code handler}, in feed order; returns the cursor
     * to pass next time (the one given when there was nothing new).
     */
    public static String readOn(FeedFetcher fetcher, String after, Consumer<Event> handler) throws ApiException {
        String cursor = after;
        while (true) {
            EventFeed page = fetcher.fetch(cursor);
            page.getData().forEach(handler);
            String next = page.getNextCursor();
            if (next == null || next.equals(cursor)) {
                return cursor;
            }
            cursor = next;
        }
    }
}
