package nl.regiopool.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import nl.regiopool.client.api.EventsApi;
import nl.regiopool.client.model.Event;
import nl.regiopool.client.model.EventFeed;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.Test;

/**
 * The feed under concurrent writers: of two transactions, the one that started first commits last. A reader must
 * not move its cursor past the later one's event before the earlier one's event is there to read.
 */
class EventFeedOrderTest extends ApiTest {

    @Test
    void anEventThatCommitsLateIsNotSkipped() throws Exception {
        UUID tenant = newCooperative();
        EventsApi feed = new EventsApi(TestApp.client(TestApp.adminToken(tenant)));
        UUID before = UUID.randomUUID();
        UUID early = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        try (Connection first = TestApp.applicationConnection(); Connection second = TestApp.applicationConnection()) {
            second.setAutoCommit(false);
            insertEvent(second, tenant, before);
            second.commit();
            EventFeed start = feed.listEvents(null, null, null);
            assertThat(start.getData()).extracting(Event::getId).containsExactly(before);
            String cursor = start.getNextCursor();

            first.setAutoCommit(false);
            insertEvent(first, tenant, early);
            insertEvent(second, tenant, late);
            second.commit();
            EventFeed whileTheFirstRuns = feed.listEvents(cursor, null, null);
            assertThat(whileTheFirstRuns.getData()).as("the later transaction's event waits for the earlier one").isEmpty();
            assertThat(whileTheFirstRuns.getNextCursor()).isEqualTo(cursor);

            first.commit();
            EventFeed afterBoth = feed.listEvents(whileTheFirstRuns.getNextCursor(), null, null);
            assertThat(afterBoth.getData()).extracting(Event::getId).containsExactly(early, late);
            assertThat(feed.listEvents(afterBoth.getNextCursor(), null, null).getData()).isEmpty();
        }
    }

    private static void insertEvent(Connection connection, UUID tenant, UUID id) throws SQLException {
        try (PreparedStatement bind = connection.prepareStatement("SELECT set_config('regiopool.tenant_id', ?, true)")) {
            bind.setString(1, tenant.toString());
            bind.execute();
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO event (tenant_id, id, type, entity_type, entity_id, readers, data)
                VALUES (?, ?, 'placement.created', 'placement', ?, '{}', '{"id": "x"}')""")) {
            insert.setObject(1, tenant);
            insert.setObject(2, id);
            insert.setObject(3, UUID.randomUUID());
            insert.execute();
        }
    }
}
