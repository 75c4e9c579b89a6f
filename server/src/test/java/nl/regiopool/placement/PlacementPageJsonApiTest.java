package nl.regiopool.placement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.api.model.PlacementList;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.LoanAgreement;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.Worker;
import nl.regiopool.db.JdbiSettings;
import nl.regiopool.page.Cursors;
import nl.regiopool.page.Page;
import nl.regiopool.tenancy.Transactions;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;

/**
 * The placement list written straight from the result set is, byte for byte, what the application's mapper makes
 * of the rows mapped to the generated models: on every page size, both views, nulls, nested parts and text that
 * JSON must escape; and its one-round-trip read binds the tenant for that read only.
 */
class PlacementPageJsonApiTest extends ApiTest {

    /** Escapes, controls, non-Latin text and a character outside the BMP (which UTF-8 output escapes as a pair). */
    private static final String AWKWARD = "Ziek — 病気 🤒 \"quoted\" \\ back\tslash\nnew line <b>&amp; \u0001 é";

    private UUID tenant;
    private Member home;
    private Member borrower;
    private final List<UUID> ids = new ArrayList<>();

    @BeforeEach
    void placementsOfEveryShape() throws Exception {
        tenant = newCooperative();
        home = newMember(tenant, "Huisartsenpraktijk De Linde");
        borrower = newMember(tenant, "Praktijk Ünïcode 漢字");
        Worker worker = new WorkersApi(TestApp.client(TestApp.adminToken(tenant)))
                .createWorker(workerCreate(home.getId(), "Sanne", "Bakker"), null);
        LoanAgreement agreement = activeAgreement(tenant, home.getId(), borrower.getId(), worker.getId(),
                QualificationRole.DOKTERSASSISTENT, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 16,
                "CAO_HUISARTSENZORG");
        String shift = "INSERT INTO placement (tenant_id, id, kind, agreement_id, worker_id, borrower_member_id,"
                + " employer_member_id, role, starts_at, ends_at, break_minutes, status, %s)"
                + " VALUES ('%s', '%s', 'SHIFT', '" + agreement.getId() + "', '" + worker.getId() + "', '"
                + borrower.getId() + "', '" + home.getId() + "', 'DOKTERSASSISTENT', '2026-05-%02d 06:00Z',"
                + " '2026-05-%02d 14:00Z', 30, '%s', %s)";
        try (Connection connection = TestApp.superuserConnection(); Statement sql = connection.createStatement()) {
            sql.execute(insert(shift, 4, "PLANNED", "version", "1"));
            sql.execute(insert(shift, 5, "CONFIRMED", "location_postcode, confirmed_at",
                    literal(AWKWARD) + ", '2026-04-20 10:11:12.123456Z'"));
            sql.execute(insert(shift, 6, "COMPLETED", "confirmed_at, actual_starts_at, actual_ends_at,"
                    + " actual_break_minutes, completed_at, completed_by, cost_lines, override_reason, overridden_by,"
                    + " overridden_at, overridden_violations, disputed_at, disputed_by, dispute_reason,"
                    + " dispute_resolved_at, dispute_resolved_by",
                    "'2026-04-20 10:00Z', '2026-05-06 06:05Z', '2026-05-06 14:10:30.5Z', 0, '2026-05-07 09:00Z',"
                            + " 'admin-ü', '[{\"kind\": \"BASE\", \"hours\": 7.50, \"percent\": 100, \"amountCents\": 23625},"
                            + " {\"kind\": \"SURCHARGE\", \"hours\": 2.25, \"percent\": 47.5, \"amountCents\": 1234}]',"
                            + literal(AWKWARD) + ", 'admin', '2026-05-01 08:00Z', " + literal("[{\"code\": \"ATW_MIN_DAILY_REST\","
                            + " \"message\": \"" + AWKWARD.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                                    .replace("\t", "\\t").replace("\u0001", "\\u0001")
                            + "\", \"limit\": \"11 h\", \"actual\": null, \"entityIds\": [\"" + worker.getId() + "\"]}]")
                            + ", '2026-05-08 09:00Z', 'lender', " + literal(AWKWARD) + ", '2026-05-09 09:00Z', 'admin'"));
            sql.execute(insert(shift, 7, "COMPLETED", "actual_starts_at, actual_ends_at, actual_break_minutes,"
                    + " completed_at, completed_by, disputed_at, disputed_by, dispute_reason, dispute_resolved_at,"
                    + " dispute_resolved_by, dispute_resolution_note",
                    "'2026-05-07 06:00Z', '2026-05-07 14:00Z', 45, '2026-05-07 15:00Z', 'b', '2026-05-08 09:00Z',"
                            + " 'lender', 'te lang', '2026-05-09 09:00Z', 'admin', " + literal(AWKWARD)));
            sql.execute(insert(shift, 8, "CANCELLED", "cancelled_at, cancelled_by, cancellation_reason,"
                    + " late_cancellation, confirmed_at", "'2026-05-07 12:00Z', 'member', " + literal(AWKWARD)
                    + ", true, '1999-12-31 23:59:59.999999Z'"));
            sql.execute(insert(shift, 11, "CANCELLED", "cancelled_at, cancelled_by, cancellation_reason,"
                    + " late_cancellation, confirmed_at", "'2026-05-01 12:00:00.5Z', 'member', 'x', false, '1066-10-14 09:00Z'"));
            UUID homeShift = UUID.randomUUID();
            ids.add(homeShift);
            sql.execute("INSERT INTO placement (tenant_id, id, kind, worker_id, borrower_member_id,"
                    + " employer_member_id, starts_at, ends_at, break_minutes, external_id, status, no_show_at)"
                    + " VALUES ('" + tenant + "', '" + homeShift + "', 'HOME_SHIFT', '" + worker.getId() + "', '"
                    + home.getId() + "', '" + home.getId() + "', '2026-05-09 06:00Z', '2026-05-09 07:00:00.000001Z', 0, "
                    + literal(AWKWARD) + ", 'NO_SHOW', '2026-05-09 07:00Z')");
        }
    }

    @AfterEach
    void unbindCursors() {
        Cursors.unbind();
    }

    /**
     * The driver receives a statement's results as text until it prepares the statement on the server, then uuid,
     * integer, boolean and timestamp columns in binary: a prepare threshold of 0 keeps every execution in text; with
     * 1, the second execution of a page's statement is binary.
     */
    @ParameterizedTest(name = "prepare threshold {0}")
    @ValueSource(ints = {0, 1})
    void everyPageOfBothViewsIsTheModelsJsonByteForByteInEitherWireFormat(int prepareThreshold) throws Exception {
        try (Connection connection = TestApp.applicationConnection()) {
            connection.unwrap(PGConnection.class).setPrepareThreshold(prepareThreshold);
            everyPageOfBothViewsIsTheModelsJson(new Transactions(JdbiSettings.apply(Jdbi.create(connection))));
        }
    }

    private void everyPageOfBothViewsIsTheModelsJson(Transactions transactions) throws Exception {
        Cursors.bind("a cursor key for this test".getBytes(StandardCharsets.UTF_8), "GET v1/placements {}");
        PlacementPageJson json = new PlacementPageJson(mapper());
        PlacementDao.Filter all = new PlacementDao.Filter(null, null, null, null, null, null);
        int pages = 0;
        for (UUID viewer : Arrays.asList(null, home.getId(), borrower.getId())) {
            for (int limit : new int[] {1, 2, 3, 7, 50}) {
                UUID after = null;
                do {
                    UUID from = after;
                    List<PlacementRow> rows = transactions.read(tenant, handle ->
                            PlacementDao.list(handle, viewer, all, from, limit));
                    Page<PlacementRow> page = Page.of(rows, limit, row -> row.id().toString());
                    byte[] expected = mapper().writeValueAsBytes(new PlacementList(
                            page.data().stream().map(PlacementViews::view).toList()).nextCursor(page.nextCursor()));
                    for (int execution = 0; execution < 2; execution++) {
                        byte[] streamed = transactions.readInOneRoundTrip(tenant, bound ->
                                PlacementDao.pageJson(bound, viewer, all, from, limit, json));

                        assertThat(new String(streamed, StandardCharsets.UTF_8))
                                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
                        assertThat(streamed).isEqualTo(expected);
                    }
                    pages++;
                    after = page.nextCursor() == null ? null : UUID.fromString(Cursors.decode(page.nextCursor()));
                } while (after != null);
            }
        }
        assertThat(pages).isGreaterThan(30);
    }

    @Test
    void theEndpointSendsTheModelsJson() throws Exception {
        List<PlacementRow> rows = new Transactions(jdbi()).read(tenant, handle -> PlacementDao.list(handle, null,
                new PlacementDao.Filter(null, null, null, null, null, null), null, 50));
        byte[] expected = mapper().writeValueAsBytes(new PlacementList(rows.stream().map(PlacementViews::view).toList()));

        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(TestApp.baseUri() + "/v1/placements?limit=50"))
                .header("Authorization", "Bearer " + TestApp.adminToken(tenant)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(response.body()).isEqualTo(expected);
        assertThat(rows).hasSize(7);
    }

    @Test
    void theOneRoundTripReadBindsTheTenantForThatReadOnly() throws Exception {
        try (Connection connection = TestApp.applicationConnection()) {
            Transactions onOneConnection = new Transactions(JdbiSettings.apply(Jdbi.create(connection)));
            long seen = onOneConnection.readInOneRoundTrip(tenant, bound ->
                    bound.create("SELECT count(*) FROM placement").mapTo(Long.class).one());
            assertThat(seen).isEqualTo(7);
            assertThat(connection.getAutoCommit()).isTrue();
            try (PreparedStatement after = connection.prepareStatement(
                    "SELECT coalesce(current_setting('regiopool.tenant_id', true), ''), (SELECT count(*) FROM placement)");
                 ResultSet row = after.executeQuery()) {
                row.next();
                assertThat(row.getString(1)).isEmpty();
                assertThat(row.getLong(2)).isZero();
            }
        }
    }

    private String insert(String template, int day, String status, String columns, String values) {
        UUID id = UUID.randomUUID();
        ids.add(id);
        return String.format(template, columns, tenant, id, day, day, status, values);
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static ObjectMapper mapper() {
        return TestApp.APP.getObjectMapper();
    }

    private static Jdbi jdbi() {
        return ((RegiopoolApplication) TestApp.APP.getApplication()).jdbi();
    }
}
