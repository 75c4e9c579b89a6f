package nl.regiopool.webhook;

import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.api.EventsApi;
import nl.regiopool.client.api.PlacementsApi;
import nl.regiopool.client.api.WebhooksApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.Event;
import nl.regiopool.client.model.LoanAgreement;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.Placement;
import nl.regiopool.client.model.PlacementCreate;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.WebhookDelivery;
import nl.regiopool.client.model.WebhookDeliveryStatus;
import nl.regiopool.client.model.WebhookEndpoint;
import nl.regiopool.client.model.WebhookEndpointCreate;
import nl.regiopool.client.model.WebhookEndpointPatch;
import nl.regiopool.client.model.WebhookEndpointStatus;
import nl.regiopool.client.model.Worker;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end through the SDK: a member registers an endpoint on a local receiver, a shift is placed, and
 * the receiver checks the Standard Webhooks signature with its own implementation. The test drives the deliverer
 * (runOnce) and its clock.
 */
class WebhooksApiTest extends ApiTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MovableClock clock = new MovableClock();
    private UUID tenant;
    private Member lender;
    private Member borrower;
    private Member stranger;
    private LoanAgreement agreement;

    private static RegiopoolApplication app() {
        return (RegiopoolApplication) TestApp.APP.getApplication();
    }

    private static Deliverer deliverer() {
        return app().deliverer();
    }

    @BeforeEach
    void activeAgreement() throws ApiException {
        deliverer().clock(clock);
        tenant = newCooperative();
        lender = newMember(tenant, "Huisartsenpraktijk De Linde");
        borrower = newMember(tenant, "Huisartsenpraktijk Het Anker");
        stranger = newMember(tenant, "Gezondheidscentrum Elders");
        Worker assistant = new WorkersApi(TestApp.client(TestApp.adminToken(tenant)))
                .createWorker(workerCreate(lender.getId(), "Sanne", "Bakker"), null);
        agreement = activeAgreement(tenant, lender.getId(), borrower.getId(), assistant.getId(),
                QualificationRole.DOKTERSASSISTENT, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 16,
                "CAO_HUISARTSENZORG");
        app().webhookUrls().allowPrivateAddresses(true);
    }

    @AfterEach
    void restore() {
        deliverer().clock(Clock.systemUTC());
        app().webhookUrls().allowPrivateAddresses(false);
        app().webhookUrls().resolver(InetAddress::getAllByName);
    }

    private WebhooksApi webhooks(Member member) {
        return new WebhooksApi(TestApp.client(TestApp.memberToken(tenant, member.getId())));
    }

    private EventsApi events(Member member) {
        return new EventsApi(TestApp.client(TestApp.memberToken(tenant, member.getId())));
    }

    private Placement placeShift(int day) throws ApiException {
        LocalDate date = LocalDate.of(2026, 3, 2).plusDays(day);
        return new PlacementsApi(TestApp.client(TestApp.memberToken(tenant, borrower.getId())))
                .createPlacement(new PlacementCreate().agreementId(agreement.getId())
                        .startsAt(at(date, 18)).endsAt(at(date, 22)).breakMinutes(0).locationPostcode("7002 CD"), null);
    }

    private static OffsetDateTime at(LocalDate date, int hour) {
        return date.atTime(LocalTime.of(hour, 0)).atZone(AMSTERDAM).toOffsetDateTime();
    }

    private WebhookEndpoint register(Member member, String url, String... types) throws ApiException {
        return webhooks(member).createWebhookEndpoint(new WebhookEndpointCreate().url(url).eventTypes(List.of(types))
                .description("Rooster-koppeling"), null);
    }

    @Test
    void aPlacedShiftReachesTheReceiverSignedAndAFailingReceiverGetsTheSameEventPerAttempt() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.answer(Receiver.failing(2));
            WebhookEndpoint endpoint = register(lender, receiver.url(), "placement.created", "placement.confirmed");
            assertThat(endpoint.getSecret()).startsWith("whsec_");
            assertThat(endpoint.getStatus()).isEqualTo(WebhookEndpointStatus.ENABLED);
            assertThat(endpoint.getMemberId()).isEqualTo(lender.getId());
            assertThat(webhooks(lender).getWebhookEndpoint(endpoint.getId()).getSecret()).isNull();

            Placement placement = placeShift(1);

            deliverer().runOnce();
            assertThat(receiver.received()).hasSize(1);
            deliverer().runOnce();
            assertThat(receiver.received()).as("not due before its backoff").hasSize(1);
            clock.advance(Duration.ofSeconds(6));
            deliverer().runOnce();
            assertThat(receiver.received()).hasSize(2);
            clock.advance(Duration.ofMinutes(6));
            deliverer().runOnce();
            clock.advance(Duration.ofHours(1));
            deliverer().runOnce();
            assertThat(receiver.received()).as("once per attempt, and no more after the success").hasSize(3);

            List<Event> feed = events(lender).listEvents(null, "placement.created", null).getData();
            assertThat(feed).hasSize(1);
            Event event = feed.get(0);
            for (Receiver.Received request : receiver.received()) {
                assertThat(request.header("webhook-id")).isEqualTo(event.getId().toString());
                assertThat(StandardWebhooksVerifier.verifies(endpoint.getSecret(), request.header("webhook-id"),
                        request.header("webhook-timestamp"), request.body(), request.header("webhook-signature"))).isTrue();
                JsonNode body = JSON.readTree(request.body());
                assertThat(body.get("type").asText()).isEqualTo("placement.created");
                assertThat(body.get("data").get("id").asText()).isEqualTo(placement.getId().toString());
                assertThat(body.get("data").get("status").asText()).isEqualTo("PLANNED");
                assertThat(body.get("data")).as("the data the feed shows").isEqualTo(JSON.valueToTree(event.getData()));
                assertThat(body.get("id").asText()).isEqualTo(event.getId().toString());
                assertThat(OffsetDateTime.parse(body.get("occurredAt").asText())).isEqualTo(event.getOccurredAt());
            }
            assertThat(StandardWebhooksVerifier.verifies(Signatures.newSecret(), event.getId().toString(),
                    receiver.received().get(0).header("webhook-timestamp"), receiver.received().get(0).body(),
                    receiver.received().get(0).header("webhook-signature"))).as("another secret does not verify").isFalse();

            List<WebhookDelivery> deliveries = webhooks(lender).listWebhookDeliveries(endpoint.getId(), null, null).getData();
            assertThat(deliveries).singleElement().satisfies(delivery -> {
                assertThat(delivery.getStatus()).isEqualTo(WebhookDeliveryStatus.SUCCEEDED);
                assertThat(delivery.getAttempts()).isEqualTo(3);
                assertThat(delivery.getResponseStatus()).isEqualTo(200);
                assertThat(delivery.getEventId()).isEqualTo(event.getId());
                assertThat(delivery.getNextAttemptAt()).isNull();
            });

            WebhookDelivery retried = webhooks(lender).retryWebhookDelivery(endpoint.getId(), deliveries.get(0).getId(), null);
            assertThat(retried.getStatus()).isEqualTo(WebhookDeliveryStatus.PENDING);
            deliverer().runOnce();
            assertThat(receiver.received()).hasSize(4);
            assertThat(receiver.received().get(3).header("webhook-id")).isEqualTo(event.getId().toString());
        }
    }

    @Test
    void anEndpointReceivesOnlyWhatItsOwnerMayReadInOrder() throws Exception {
        try (Receiver lenders = new Receiver(); Receiver strangers = new Receiver(); Receiver admins = new Receiver()) {
            register(lender, lenders.url(), "placement.created", "placement.cancelled");
            register(stranger, strangers.url(), "placement.created");
            new WebhooksApi(TestApp.client(TestApp.adminToken(tenant))).createWebhookEndpoint(
                    new WebhookEndpointCreate().url(admins.url()).eventTypes(List.of("placement.created")), null);
            Placement first = placeShift(1);
            Placement second = placeShift(2);
            Placement third = placeShift(3);
            for (int i = 0; i < 3; i++) {
                deliverer().runOnce();
            }
            assertThat(lenders.received()).extracting(r -> JSON.readTree(r.body()).get("data").get("id").asText())
                    .containsExactly(first.getId().toString(), second.getId().toString(), third.getId().toString());
            assertThat(admins.received()).hasSize(3);
            assertThat(strangers.received()).isEmpty();

            List<Event> feed = events(lender).listEvents(null, null, null).getData();
            assertThat(feed).extracting(Event::getType).containsSubsequence("loan_agreement.proposed",
                    "loan_agreement.activated", "placement.created", "placement.created", "placement.created");
            assertThat(feed.stream().filter(e -> e.getType().equals("placement.created")).map(Event::getId).map(UUID::toString))
                    .containsExactlyElementsOf(lenders.received().stream().map(r -> r.header("webhook-id")).toList());
            assertThat(events(stranger).listEvents(null, null, null).getData()).isEmpty();
        }
    }

    @Test
    void anEndpointGetsOnlyWhatOccursAfterItsRegistrationAndEachDeliveryIsMadeOnceByConcurrentPasses() throws Exception {
        try (Receiver receiver = new Receiver(); Receiver borrowers = new Receiver()) {
            register(borrower, borrowers.url(), "placement.created"); // the cooperative's cursor is in place
            placeShift(1);
            WebhookEndpoint endpoint = register(lender, receiver.url(), "placement.created");
            Placement after = placeShift(2);
            assertThat(webhooks(lender).listWebhookDeliveries(endpoint.getId(), null, null).getData())
                    .as("the write stores its event; the deliverer makes the delivery").isEmpty();

            CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> deliverer().runOnce());
            CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> deliverer().runOnce());
            one.get(30, TimeUnit.SECONDS);
            other.get(30, TimeUnit.SECONDS);
            deliverer().runOnce();

            assertThat(receiver.received()).singleElement().satisfies(request -> assertThat(
                    JSON.readTree(request.body()).get("data").get("id").asText()).isEqualTo(after.getId().toString()));
            assertThat(webhooks(lender).listWebhookDeliveries(endpoint.getId(), null, null).getData()).singleElement()
                    .satisfies(delivery -> assertThat(delivery.getStatus()).isEqualTo(WebhookDeliveryStatus.SUCCEEDED));
        }
    }

    @Test
    void aPassSendsAnEndpointsDeliveriesInOrderAndARunStopsAtItsFirstFailure() throws Exception {
        try (Receiver receiver = new Receiver()) {
            AtomicInteger requests = new AtomicInteger();
            receiver.answer(exchange -> exchange.sendResponseHeaders(requests.incrementAndGet() == 2 ? 500 : 200, -1));
            WebhookEndpoint endpoint = register(lender, receiver.url(), "placement.created");
            List<String> placed = new ArrayList<>();
            for (int day = 1; day <= 4; day++) {
                placed.add(placeShift(day).getId().toString());
            }

            deliverer().runOnce();
            assertThat(receiver.received()).as("the first, then the second fails and the run stops there").hasSize(2);
            deliverer().runOnce();
            assertThat(receiver.received()).as("nothing before the failed one's backoff").hasSize(2);
            clock.advance(Duration.ofSeconds(6));
            deliverer().runOnce();
            assertThat(receiver.received()).as("the failed one again and the rest, in one run").hasSize(5);

            assertThat(receiver.received()).extracting(r -> JSON.readTree(r.body()).get("data").get("id").asText())
                    .containsExactly(placed.get(0), placed.get(1), placed.get(1), placed.get(2), placed.get(3));
            assertThat(webhooks(lender).listWebhookDeliveries(endpoint.getId(), null, null).getData())
                    .extracting(WebhookDelivery::getStatus, WebhookDelivery::getAttempts)
                    .containsExactly(tuple(WebhookDeliveryStatus.SUCCEEDED, 1), tuple(WebhookDeliveryStatus.SUCCEEDED, 1),
                            tuple(WebhookDeliveryStatus.SUCCEEDED, 2), tuple(WebhookDeliveryStatus.SUCCEEDED, 1));
        }
    }

    @Test
    void theFeedPagesWithACursorThatKeepsItsPlace() throws ApiException {
        placeShift(1);
        placeShift(2);
        EventsApi feed = events(borrower);
        var firstPage = feed.listEvents(null, null, 2);
        assertThat(firstPage.getData()).hasSize(2);
        var secondPage = feed.listEvents(firstPage.getNextCursor(), null, 2);
        assertThat(secondPage.getData()).extracting(Event::getType).containsExactly("placement.created", "placement.created");
        var empty = feed.listEvents(secondPage.getNextCursor(), null, 2);
        assertThat(empty.getData()).isEmpty();
        assertThat(empty.getNextCursor()).isEqualTo(secondPage.getNextCursor());
        Placement later = placeShift(3);
        assertThat(feed.listEvents(empty.getNextCursor(), null, 2).getData()).singleElement()
                .satisfies(event -> assertThat(event.getData().get("id")).isEqualTo(later.getId().toString()));
        expectProblem(422, () -> feed.listEvents(null, "placement.exploded", null));
        expectProblem(422, () -> feed.listEvents("not-a-cursor", null, null));
    }

    @Test
    void aRefusedChangeWritesNoEventAndEveryCommittedOneDoes() throws ApiException {
        EventsApi feed = new EventsApi(TestApp.client(TestApp.adminToken(tenant)));
        int before = feed.listEvents(null, null, 200).getData().size();
        Placement placed = placeShift(1);
        expectProblem(409, () -> placeShift(1));
        List<Event> after = feed.listEvents(null, null, 200).getData();
        assertThat(after).hasSize(before + 1);
        assertThat(after.get(after.size() - 1).getData()).containsEntry("id", placed.getId().toString());
    }

    @Test
    void aUrlThatResolvesToLoopbackIsRefusedAtRegistrationAndAtDelivery() throws Exception {
        app().webhookUrls().allowPrivateAddresses(false);
        app().webhookUrls().resolver(host -> host.equals("hooks.linde.example")
                ? new InetAddress[] {InetAddress.getByName("127.0.0.1")} : new InetAddress[] {InetAddress.getByName("93.184.216.34")});
        var problem = expectProblem(422, () -> register(lender, "https://hooks.linde.example/in", "placement.created"));
        assertThat(problem.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getCode()).isEqualTo("WEBHOOK_URL_REFUSED");
            assertThat(error.getMessage()).contains("127.0.0.1");
        });
        expectProblem(422, () -> register(lender, "https://public.linde.example/in", "placement.teleported"));

        WebhookEndpoint endpoint = register(lender, "https://public.linde.example/in", "placement.created");
        app().webhookUrls().resolver(host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")});
        placeShift(1);
        deliverer().runOnce();
        WebhookDelivery delivery = webhooks(lender).listWebhookDeliveries(endpoint.getId(), null, null).getData().get(0);
        assertThat(delivery.getStatus()).isEqualTo(WebhookDeliveryStatus.PENDING);
        assertThat(delivery.getAttempts()).isEqualTo(1);
        assertThat(delivery.getError()).contains("127.0.0.1");
    }

    @Test
    void anAttemptResolvesTheHostOnceAndARebindingToLoopbackIsRefusedWithoutConnecting() throws Exception {
        try (Receiver receiver = new Receiver()) {
            int port = URI.create(receiver.url()).getPort();
            AtomicInteger lookups = new AtomicInteger();
            app().webhookUrls().allowPrivateAddresses(false);
            AtomicBoolean rebound = new AtomicBoolean();
            // registration sees a public address (checked, never dialled); once rebound, lookups answer loopback
            app().webhookUrls().resolver(host -> {
                lookups.incrementAndGet();
                return new InetAddress[] {InetAddress.getByName(rebound.get() ? "127.0.0.1" : "93.184.216.34")};
            });
            WebhookEndpoint endpoint = register(lender, "http://rebind.linde.example:" + port + "/hooks",
                    "placement.created");
            placeShift(1);
            rebound.set(true);
            int beforeAttempt = lookups.get();

            deliverer().runOnce();

            assertThat(lookups.get() - beforeAttempt).as("one lookup for the attempt").isEqualTo(1);
            assertThat(receiver.received()).as("the rebound address is not dialled").isEmpty();
            WebhookDelivery delivery = webhooks(lender).listWebhookDeliveries(endpoint.getId(), null, null).getData().get(0);
            assertThat(delivery.getAttempts()).isEqualTo(1);
            assertThat(delivery.getError()).contains("127.0.0.1");
        }
    }

    @Test
    void anAttemptConnectsToTheAddressItCheckedAndNamesTheHost() throws Exception {
        try (Receiver receiver = new Receiver()) {
            int port = URI.create(receiver.url()).getPort();
            AtomicInteger lookups = new AtomicInteger();
            // a name only the test's resolver knows: a second lookup by anything else would fail
            app().webhookUrls().resolver(host -> {
                lookups.incrementAndGet();
                assertThat(host).isEqualTo("pinned.linde.example");
                return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
            });
            register(lender, "http://pinned.linde.example:" + port + "/hooks", "placement.created");
            placeShift(1);

            deliverer().runOnce();

            assertThat(lookups).as("one lookup for the attempt (private addresses are allowed here)").hasValue(1);
            assertThat(receiver.received()).singleElement()
                    .satisfies(request -> assertThat(request.header("host")).isEqualTo("pinned.linde.example:" + port));
        }
    }

    @Test
    void aPatchChangesOnlyWhatItNamesChecksANewUrlAsOnRegistrationAndNextDeliveriesGoThere() throws Exception {
        try (Receiver first = new Receiver(); Receiver second = new Receiver()) {
            WebhookEndpoint endpoint = register(lender, first.url(), "placement.created");
            var read = webhooks(lender).getWebhookEndpointWithHttpInfo(endpoint.getId());
            String etag = read.getHeaders().get("etag").get(0);

            WebhookEndpoint described = webhooks(lender).updateWebhookEndpoint(endpoint.getId(), etag,
                    new WebhookEndpointPatch().description("Roosterkoppeling v2"));
            assertThat(described.getDescription()).isEqualTo("Roosterkoppeling v2");
            assertThat(described.getUrl()).isEqualTo(first.url());
            assertThat(described.getEventTypes()).containsExactly("placement.created");
            assertThat(described.getSecret()).isNull();
            expectProblem(412, () -> webhooks(lender).updateWebhookEndpoint(endpoint.getId(), etag,
                    new WebhookEndpointPatch().description("Verouderd")));
            expectProblem(404, () -> webhooks(stranger).updateWebhookEndpoint(endpoint.getId(), "*",
                    new WebhookEndpointPatch().description("Gekaapt")));
            var unknown = expectProblem(422, () -> webhooks(lender).updateWebhookEndpoint(endpoint.getId(), "*",
                    new WebhookEndpointPatch().eventTypes(List.of("placement.teleported"))));
            assertThat(unknown.getErrors()).singleElement()
                    .satisfies(error -> assertThat(error.getCode()).isEqualTo("UNKNOWN_EVENT_TYPE"));

            app().webhookUrls().allowPrivateAddresses(false);
            app().webhookUrls().resolver(host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")});
            var refused = expectProblem(422, () -> webhooks(lender).updateWebhookEndpoint(endpoint.getId(), "*",
                    new WebhookEndpointPatch().url("https://hooks.linde.example/in")));
            assertThat(refused.getErrors()).singleElement().satisfies(error -> {
                assertThat(error.getCode()).isEqualTo("WEBHOOK_URL_REFUSED");
                assertThat(error.getMessage()).contains("127.0.0.1");
            });
            assertThat(webhooks(lender).getWebhookEndpoint(endpoint.getId()).getUrl()).as("nothing written")
                    .isEqualTo(first.url());
            app().webhookUrls().allowPrivateAddresses(true);

            WebhookEndpoint moved = webhooks(lender).updateWebhookEndpoint(endpoint.getId(), "*",
                    new WebhookEndpointPatch().url(" " + second.url() + " ")
                            .eventTypes(List.of("placement.created", "placement.cancelled", "placement.created")));
            assertThat(moved.getUrl()).isEqualTo(second.url());
            assertThat(moved.getEventTypes()).containsExactly("placement.created", "placement.cancelled");
            assertThat(moved.getDescription()).isEqualTo("Roosterkoppeling v2");

            placeShift(1);
            deliverer().runOnce();
            assertThat(first.received()).isEmpty();
            assertThat(second.received()).hasSize(1);
        }
    }

    @Test
    void anotherMembersEndpointIsNotFound() throws ApiException {
        WebhookEndpoint endpoint = register(lender, "https://127.0.0.1:1/in", "placement.created");
        expectProblem(404, () -> webhooks(stranger).getWebhookEndpoint(endpoint.getId()));
        expectProblem(404, () -> webhooks(stranger).rotateWebhookSecret(endpoint.getId(), null));
        expectProblem(404, () -> webhooks(stranger).deleteWebhookEndpoint(endpoint.getId(), "*"));
        assertThat(webhooks(stranger).listWebhookEndpoints(null, null).getData()).isEmpty();
        assertThat(new WebhooksApi(TestApp.client(TestApp.adminToken(tenant))).getWebhookEndpoint(endpoint.getId())
                .getMemberId()).isEqualTo(lender.getId());
        expectProblem(412, () -> webhooks(lender).deleteWebhookEndpoint(endpoint.getId(), "\"7\""));
        webhooks(lender).deleteWebhookEndpoint(endpoint.getId(), "\"1\"");
        expectProblem(404, () -> webhooks(lender).getWebhookEndpoint(endpoint.getId()));
    }

    @Test
    void aDeletedEndpointIsGoneAtOnceAndItsDeliveriesAfterwards() throws Exception {
        try (Receiver receiver = new Receiver()) {
            WebhookEndpoint endpoint = register(lender, receiver.url(), "placement.created");
            placeShift(0);
            deliverer().runOnce();
            assertThat(receiver.received()).hasSize(1);
            try (Connection connection = TestApp.superuserConnection();
                 Statement sql = connection.createStatement()) {
                // statistics that say the table is all but empty (an analyze that found its rows dead), then a long
                // history: more than two of the batches the deliverer removes per transaction
                insertSettledDeliveries(sql, endpoint.getId(), 5000);
                sql.execute("DELETE FROM webhook_delivery WHERE event_position < 0");
                sql.execute("ANALYZE webhook_delivery");
                insertSettledDeliveries(sql, endpoint.getId(), 25_000);

                webhooks(lender).deleteWebhookEndpoint(endpoint.getId(), "*");
                expectProblem(404, () -> webhooks(lender).getWebhookEndpoint(endpoint.getId()));
                expectProblem(404, () -> webhooks(lender).listWebhookDeliveries(endpoint.getId(), null, null));
                expectProblem(404, () -> webhooks(lender).deleteWebhookEndpoint(endpoint.getId(), "*"));
                assertThat(webhooks(lender).listWebhookEndpoints(null, null).getData())
                        .extracting(WebhookEndpoint::getId).doesNotContain(endpoint.getId());
                assertThat(rowCount("webhook_delivery WHERE endpoint_id = '" + endpoint.getId() + "'"))
                        .as("removed by the deliverer, not by the request").isEqualTo(25_001);

                placeShift(1);
                deliverer().runOnce();
                assertThat(receiver.received()).as("nothing after the delete").hasSize(1);
                assertThat(rowCount("webhook_delivery WHERE endpoint_id = '" + endpoint.getId() + "'")).isZero();
                assertThat(rowCount("webhook_endpoint WHERE id = '" + endpoint.getId() + "'")).isZero();
            }
        }
    }

    /** Deliveries already sent of the cooperative's first event, at positions below every real one (-1, -2, …). */
    private void insertSettledDeliveries(Statement sql, UUID endpointId, int count) throws SQLException {
        sql.execute("INSERT INTO webhook_delivery (tenant_id, id, endpoint_id, event_id, event_txid, event_position,"
                + " status, attempts) SELECT id, gen_random_uuid(), '" + endpointId + "', (SELECT id FROM event"
                + " WHERE tenant_id = '" + tenant + "' LIMIT 1), '1', -n, 'SUCCEEDED', 1"
                + " FROM cooperative, generate_series(1, " + count + ") n WHERE id = '" + tenant + "'");
    }

    @Test
    void afterARotationDeliveriesCarryBothSignatures() throws Exception {
        try (Receiver receiver = new Receiver()) {
            WebhookEndpoint endpoint = register(lender, receiver.url(), "placement.created");
            WebhookEndpoint rotated = webhooks(lender).rotateWebhookSecret(endpoint.getId(), null);
            assertThat(rotated.getSecret()).startsWith("whsec_").isNotEqualTo(endpoint.getSecret());
            placeShift(1);
            deliverer().runOnce();
            Receiver.Received request = receiver.received().get(0);
            assertThat(request.header("webhook-signature").split(" ")).hasSize(2);
            for (String secret : List.of(endpoint.getSecret(), rotated.getSecret())) {
                assertThat(StandardWebhooksVerifier.verifies(secret, request.header("webhook-id"),
                        request.header("webhook-timestamp"), request.body(), request.header("webhook-signature"))).isTrue();
            }
            clock.advance(Duration.ofHours(25));
            placeShift(2);
            deliverer().runOnce();
            Receiver.Received later = receiver.received().get(1);
            assertThat(later.header("webhook-signature").split(" ")).as("the old secret stops after 24 h").hasSize(1);
            assertThat(StandardWebhooksVerifier.verifies(rotated.getSecret(), later.header("webhook-id"),
                    later.header("webhook-timestamp"), later.body(), later.header("webhook-signature"))).isTrue();
        }
    }

    @Test
    void anEndpointThatKeepsFailingIsDisabledWithAReasonAndCanBeEnabled() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.answer(Receiver.status(500));
            WebhookEndpoint endpoint = register(lender, receiver.url(), "placement.created");
            placeShift(1);
            for (int attempt = 0; attempt < 8; attempt++) {
                deliverer().runOnce();
                clock.advance(Duration.ofHours(11));
            }
            assertThat(receiver.received()).hasSize(8);
            WebhookEndpoint disabled = webhooks(lender).getWebhookEndpoint(endpoint.getId());
            assertThat(disabled.getStatus()).isEqualTo(WebhookEndpointStatus.DISABLED);
            assertThat(disabled.getDisabledReason()).contains("failed 8 times").contains("HTTP 500");
            WebhookDelivery failed = webhooks(lender).listWebhookDeliveries(endpoint.getId(), null, null).getData().get(0);
            assertThat(failed.getStatus()).isEqualTo(WebhookDeliveryStatus.FAILED);

            placeShift(2);
            deliverer().runOnce();
            assertThat(receiver.received()).as("a disabled endpoint gets nothing").hasSize(8);

            receiver.answer(Receiver.status(204));
            assertThat(webhooks(lender).enableWebhookEndpoint(endpoint.getId(), null).getStatus())
                    .isEqualTo(WebhookEndpointStatus.ENABLED);
            webhooks(lender).retryWebhookDelivery(endpoint.getId(), failed.getId(), null);
            deliverer().runOnce();
            deliverer().runOnce();
            assertThat(receiver.received()).hasSize(10);
        }
    }

    @Test
    void hangingRedirectingAndHugeReceiversDoNotHoldUpAHealthyOne() throws Exception {
        try (Receiver healthy = new Receiver(); Receiver hanging = new Receiver(); Receiver redirecting = new Receiver();
             Receiver huge = new Receiver(); Receiver target = new Receiver()) {
            hanging.answer(Receiver.hanging());
            redirecting.answer(Receiver.redirecting(target.url()));
            huge.answer(Receiver.huge());
            WebhookEndpoint redirects = register(lender, redirecting.url(), "placement.created");
            WebhookEndpoint large = register(lender, huge.url(), "placement.created");
            register(lender, hanging.url(), "placement.created");
            register(lender, healthy.url(), "placement.created");
            placeShift(1);

            long start = System.nanoTime();
            CompletableFuture<Integer> pass = CompletableFuture.supplyAsync(() -> deliverer().runOnce());
            while (healthy.received().isEmpty() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8)) {
                Thread.sleep(20);
            }
            assertThat(healthy.received()).as("delivered while another receiver hangs").hasSize(1);
            assertThat(pass.get(20, TimeUnit.SECONDS)).isEqualTo(4);
            assertThat(target.received()).as("redirects are not followed").isEmpty();

            WebhookDelivery redirected = webhooks(lender).listWebhookDeliveries(redirects.getId(), null, null).getData().get(0);
            assertThat(redirected.getResponseStatus()).isEqualTo(302);
            assertThat(redirected.getStatus()).isEqualTo(WebhookDeliveryStatus.PENDING);
            WebhookDelivery hundredMegabytes = webhooks(lender).listWebhookDeliveries(large.getId(), null, null).getData().get(0);
            assertThat(hundredMegabytes.getStatus()).isEqualTo(WebhookDeliveryStatus.SUCCEEDED);
        }
    }

    @Test
    void theClaimReadsAndLocksByKeyWithMissingOrMisleadingStatistics() throws Exception {
        try (Receiver receiver = new Receiver()) {
            WebhookEndpoint lenders = register(lender, receiver.url(), "placement.created");
            WebhookEndpoint borrowers = register(borrower, receiver.url(), "placement.created");
            for (int day = 0; day < 4; day++) {
                placeShift(day);
            }
            deliverer().dispatchOnce();
            try (Connection connection = TestApp.superuserConnection();
                 Statement sql = connection.createStatement()) {
                // pages of deliveries that are gone, as after a cooperative deleted its endpoints
                insertSettledDeliveries(sql, lenders.getId(), 5000);
                sql.execute("DELETE FROM webhook_delivery WHERE event_position < 0");
                sql.execute("DELETE FROM pg_statistic WHERE starelid = 'webhook_delivery'::regclass");
                assertClaimByKey(claimPlan());
                // an analyze that found the rows dead: the planner believes the table all but empty
                sql.execute("ANALYZE webhook_delivery");
                assertClaimByKey(claimPlan());
            } finally {
                // other tests count what one pass over every cooperative sends
                webhooks(lender).deleteWebhookEndpoint(lenders.getId(), "*");
                webhooks(borrower).deleteWebhookEndpoint(borrowers.getId(), "*");
            }
        }
    }

    private static void assertClaimByKey(String plan) {
        assertThat(plan).as("each endpoint's first pending delivery, down the pending index")
                .contains("Index Scan using webhook_delivery_pending_idx on webhook_delivery first");
        String locking = plan.substring(plan.indexOf("LockRows"));
        assertThat(locking.lines().skip(1).findFirst().orElseThrow())
                .as(plan).contains("Tid Scan on webhook_delivery d");
        assertThat(plan).contains("Index Scan using event_pkey on event");
        assertThat(plan).as("the run after the first, down the pending index")
                .contains("Index Scan using webhook_delivery_pending_idx on webhook_delivery d");
        assertThat(plan).as(plan).doesNotContain("Bitmap").doesNotContain("Seq Scan on webhook_delivery");
    }

    /** The claim's plan, as the application role plans it. */
    private String claimPlan() throws Exception {
        try (Connection connection = TestApp.superuserConnection();
             Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            sql.execute("SET LOCAL ROLE regiopool_app");
            sql.execute("SELECT set_config('regiopool.tenant_id', '" + tenant + "', true)");
            sql.execute(WebhookDao.CLAIM_PLANNER);
            try (ResultSet jit = sql.executeQuery("SELECT current_setting('jit')")) {
                jit.next();
                // with sorting off the claim's cost passes every JIT threshold (this embedded build has no LLVM)
                assertThat(jit.getString(1)).as("jit for the claim").isEqualTo("off");
            }
            StringBuilder lines = new StringBuilder();
            try (ResultSet rows = sql.executeQuery("EXPLAIN " + WebhookDao.CLAIM.replace(":now", "now()")
                    .replace(":leaseUntil", "now() + interval '1 minute'").replace(":limit", "100")
                    .replace(":followers", "19"))) {
                while (rows.next()) {
                    lines.append(rows.getString(1)).append('\n');
                }
            }
            connection.rollback();
            return lines.toString();
        }
    }

    @Test
    void theClaimIsPlannedForTheQueueAsItIsOnEveryPass() throws Exception {
        try (Connection connection = TestApp.superuserConnection()) {
            connection.setAutoCommit(false);
            try (Statement sql = connection.createStatement()) {
                sql.execute("SET LOCAL ROLE regiopool_app");
                sql.execute("SELECT set_config('regiopool.tenant_id', '" + tenant + "', true)");
            }
            Handle handle = Jdbi.open(connection);
            Instant now = Instant.now();
            for (int pass = 0; pass < 8; pass++) {
                WebhookDao.claim(handle, tenant, now, now.plusSeconds(60), 10, Deliverer.RUN_LENGTH);
            }
            try (Statement sql = connection.createStatement();
                 ResultSet prepared = sql.executeQuery(
                         "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%WITH heads AS%'")) {
                prepared.next();
                assertThat(prepared.getInt(1)).as("the claim kept as a prepared statement with a generic plan")
                        .isZero();
            }
            connection.rollback();
        }
    }
}
