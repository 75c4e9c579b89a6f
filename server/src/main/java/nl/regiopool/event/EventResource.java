package nl.regiopool.event;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nl.regiopool.api.EventsApi;
import nl.regiopool.api.model.Event;
import nl.regiopool.api.model.EventFeed;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CurrentCaller;
import nl.regiopool.page.Cursors;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.tenancy.Transactions;

/** The event feed: what the caller may read, in commit order. */
public final class EventResource implements EventsApi {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final Transactions transactions;
    private final ObjectMapper mapper;

    public EventResource(Transactions transactions, ObjectMapper mapper) {
        this.transactions = transactions;
        this.mapper = mapper;
    }

    @Override
    public Response listEvents(String after, String types, Integer limit) {
        Caller caller = CurrentCaller.get();
        FeedPosition position = FeedPosition.decode(after);
        List<String> typeFilter = types == null ? null : parseTypes(types);
        EventDao.Page page = transactions.read(caller.tenant(), handle ->
                EventDao.page(handle, position, typeFilter, caller.memberScope().orElse(null), limit));
        String next = page.lookedUpTo() == null ? after : Cursors.encode(page.lookedUpTo());
        return Response.ok(new EventFeed(page.rows().stream().map(this::event).toList(), next)).build();
    }

    Event event(EventDao.Row row) {
        try {
            return new Event(row.id(), row.type(), row.occurredAt(), mapper.readValue(row.data(), OBJECT));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored event data does not read back", e);
        }
    }

    static List<String> parseTypes(String types) {
        List<String> names = Arrays.stream(types.split(",", -1)).map(String::strip).toList();
        for (String name : names) {
            if (!EventTypes.known(name)) {
                throw ProblemException.invalid("types", "UNKNOWN_EVENT_TYPE",
                        "Unknown event type '" + name + "'; known are " + EventTypes.names().stream().sorted().toList() + ".");
            }
        }
        return names;
    }
}
