package nl.regiopool.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.regiopool.client.api.EventsApi;
import nl.regiopool.client.model.Event;
import nl.regiopool.client.model.EventFeed;
import nl.regiopool.client.sdk.EventFeeds;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.Test;

/**
 * A member's page, or one with types, looks at a bounded stretch of the cooperative's events: a quiet member's poll
 * does not walk every event after its last one, and its cursor moves on past the events it may not read.
 */
class BoundedFeedWalkTest extends ApiTest {

    @Test
    void aQuietMembersCursorMovesPastOtherMembersEvents() throws Exception {
        UUID tenant = newCooperative();
        UUID quiet = newMember(tenant, "Huisartsenpraktijk Stil").getId();
        UUID busy = newMember(tenant, "Ziekenhuis Druk").getId();
        EventsApi quietFeed = new EventsApi(TestApp.client(TestApp.memberToken(tenant, quiet)));
        EventsApi adminFeed = new EventsApi(TestApp.client(TestApp.adminToken(tenant)));

        UUID first = UUID.randomUUID();
        insertEvents(tenant, List.of(first), quiet);
        EventFeed start = quietFeed.listEvents(null, null, null);
        assertThat(start.getData()).extracting(Event::getId).containsExactly(first);

        List<UUID> others = new ArrayList<>();
        for (int i = 0; i < EventDao.WALK + EventDao.WALK / 2; i++) {
            others.add(UUID.randomUUID());
        }
        insertEvents(tenant, others, busy);
        UUID second = UUID.randomUUID();
        insertEvents(tenant, List.of(second), quiet);

        EventFeed firstStretch = quietFeed.listEvents(start.getNextCursor(), null, null);
        assertThat(firstStretch.getData()).as("the first stretch holds only the busy member's events").isEmpty();
        assertThat(firstStretch.getNextCursor()).as("the cursor moves past what the page looked at")
                .isNotEqualTo(start.getNextCursor());
        EventFeed secondStretch = quietFeed.listEvents(firstStretch.getNextCursor(), null, null);
        assertThat(secondStretch.getData()).extracting(Event::getId).containsExactly(second);
        assertThat(quietFeed.listEvents(secondStretch.getNextCursor(), null, null).getData()).isEmpty();

        List<UUID> readOn = new ArrayList<>();
        String kept = EventFeeds.readOn(cursor -> quietFeed.listEvents(cursor, null, null), start.getNextCursor(),
                event -> readOn.add(event.getId()));
        assertThat(readOn).as("the SDK reads on past the empty stretch").containsExactly(second);
        assertThat(kept).isEqualTo(secondStretch.getNextCursor());

        EventFeed typed = adminFeed.listEvents(null, "placement.cancelled", null);
        assertThat(typed.getData()).isEmpty();
        EventFeed typedOn = adminFeed.listEvents(typed.getNextCursor(), "placement.cancelled", null);
        assertThat(typedOn.getData()).isEmpty();
        assertThat(typedOn.getNextCursor()).isNotEqualTo(typed.getNextCursor());
        assertThat(adminFeed.listEvents(typedOn.getNextCursor(), "placement.cancelled", null).getNextCursor())
                .as("nothing after the last event: the cursor stays").isEqualTo(typedOn.getNextCursor());

        EventFeed whole = adminFeed.listEvents(null, null, 200);
        assertThat(whole.getData()).as("an unfiltered page fills up to its limit").hasSize(200);
        assertThat(whole.getData().get(1).getId()).isEqualTo(others.get(0));
    }

    /** placement.created events for one reader, in one transaction, in the order given. */
    private static void insertEvents(UUID tenant, List<UUID> ids, UUID reader) throws SQLException {
        try (Connection connection = TestApp.applicationConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement bind = connection.prepareStatement(
                    "SELECT set_config('regiopool.tenant_id', ?, true)")) {
                bind.setString(1, tenant.toString());
                bind.execute();
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO event (tenant_id, id, type, entity_type, entity_id, readers, data)
                    VALUES (?, ?, 'placement.created', 'placement', ?, ARRAY[?]::uuid[], '{"id": "x"}')""")) {
                for (UUID id : ids) {
                    insert.setObject(1, tenant);
                    insert.setObject(2, id);
                    insert.setObject(3, UUID.randomUUID());
                    insert.setObject(4, reader);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }
}
