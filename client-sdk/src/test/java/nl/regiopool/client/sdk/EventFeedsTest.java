package nl.regiopool.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.model.Event;
import nl.regiopool.client.model.EventFeed;
import org.junit.jupiter.api.Test;

class EventFeedsTest {

    private final List<String> asked = new ArrayList<>();

    /** A feed of pages "a" (2 events), "b" (none, the stretch held only others' events), "c" (1 event). */
    private EventFeed page(String after) {
        asked.add(String.valueOf(after));
        return switch (String.valueOf(after)) {
            case "null" -> feed("a", "e1", "e2");
            case "a" -> feed("b");
            case "b" -> feed("c", "e3");
            default -> feed(after);
        };
    }

    private static EventFeed feed(String next, String... names) {
        List<Event> events = new ArrayList<>();
        for (String name : names) {
            events.add(new Event().id(UUID.nameUUIDFromBytes(name.getBytes())).type("placement.created"));
        }
        return new EventFeed().data(events).nextCursor(next);
    }

    @Test
    void readsOnPastAnEmptyPageUntilTheCursorStays() throws ApiException {
        List<UUID> seen = new ArrayList<>();
        String keep = EventFeeds.readOn(this::page, null, event -> seen.add(event.getId()));
        assertThat(seen).containsExactly(UUID.nameUUIDFromBytes("e1".getBytes()), UUID.nameUUIDFromBytes("e2".getBytes()),
                UUID.nameUUIDFromBytes("e3".getBytes()));
        assertThat(keep).isEqualTo("c");
        assertThat(asked).containsExactly("null", "a", "b", "c");
    }

    @Test
    void nothingNewKeepsTheCursorGivenAndAsksOnce() throws ApiException {
        List<Event> seen = new ArrayList<>();
        assertThat(EventFeeds.readOn(this::page, "c", seen::add)).isEqualTo("c");
        assertThat(seen).isEmpty();
        assertThat(asked).containsExactly("c");
    }

    @Test
    void anEmptyFeedHasNoCursorYet() throws ApiException {
        assertThat(EventFeeds.readOn(after -> new EventFeed().data(List.of()).nextCursor(null), null, event -> {
        })).isNull();
    }
}
