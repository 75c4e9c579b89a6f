package nl.regiopool.placement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.UUID;
import nl.regiopool.api.model.PlacementStatus;
import nl.regiopool.page.Cursors;
import nl.regiopool.testing.LargeCooperative;
import nl.regiopool.testing.QueryPlans;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A page of placements reads a few dozen buffers however many placements the cooperative has: each view and filter
 * the list serves is walked in an index that gives its order, and stops at the page. Measured on 50,000 placements,
 * where a walk of the cooperative's placements reads thousands. These are the plans the benchmark's numbers rest on.
 */
class PlacementPagePlansTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PlacementDao.Filter ALL = new PlacementDao.Filter(null, null, null, null, null, null);
    private static LargeCooperative coop;
    private static UUID middle;

    @BeforeAll
    static void load() throws Exception {
        coop = LargeCooperative.get();
        try (Connection connection = TestApp.superuserConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT id FROM placement WHERE tenant_id = '" + coop.tenant
                     + "' ORDER BY id OFFSET " + LargeCooperative.PLACEMENTS / 2 + " LIMIT 1")) {
            row.next();
            middle = row.getObject(1, UUID.class);
        }
    }

    @BeforeEach
    void bindCursors() {
        Cursors.bind("a cursor key for this test".getBytes(StandardCharsets.UTF_8), "GET v1/placements {}");
    }

    @AfterEach
    void unbindCursors() {
        Cursors.unbind();
    }

    @Test
    void theCooperativesPageInTheMiddle() throws Exception {
        assertPageReadsAtMost(null, ALL, middle, 50, 80);
    }

    @Test
    void aMembersPageInTheMiddleFromBothSides() throws Exception {
        assertPageReadsAtMost(coop.members.get(3), ALL, middle, 50, 120);
    }

    @Test
    void aRareStatusFromTheStart() throws Exception {
        assertPageReadsAtMost(null, new PlacementDao.Filter(null, null, PlacementStatus.NO_SHOW, null, null, null),
                null, 50, 120);
    }

    @Test
    void everythingFromAFarPastInstant() throws Exception {
        assertPageReadsAtMost(null, new PlacementDao.Filter(null, null, null, null,
                OffsetDateTime.parse("2020-01-01T00:00:00Z"), null), middle, 50, 80);
    }

    private static void assertPageReadsAtMost(UUID viewer, PlacementDao.Filter filter, UUID after, int rows,
                                              long buffers) throws Exception {
        PlacementPageJson writer = new PlacementPageJson(TestApp.APP.getObjectMapper());
        QueryPlans.Run<byte[]> run = QueryPlans.run(transactions -> transactions.readInOneRoundTrip(coop.tenant,
                bound -> PlacementDao.pageJson(bound, viewer, filter, after, 50, writer)));

        JsonNode page = JSON.readTree(run.result());
        assertThat(page.path("data")).as("the page").hasSize(rows);
        assertThat(run.buffers()).as("buffers the page's statements read: %s", run).isLessThanOrEqualTo(buffers);
    }
}
