package nl.regiopool.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.client.ApiClient;
import nl.regiopool.client.api.PlacementsApi;
import nl.regiopool.client.api.WebhooksApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.Event;
import nl.regiopool.client.model.HomeShiftInput;
import nl.regiopool.client.model.HomeShiftsResult;
import nl.regiopool.client.model.LoanAgreement;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.PlacementCreate;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.WebhookEndpoint;
import nl.regiopool.client.model.WebhookEndpointCreate;
import nl.regiopool.client.model.Worker;
import nl.regiopool.client.sdk.Regiopool;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SDK examples (client-sdk/examples) against the running test server, through the SDK's own client. */
class SdkExamplesApiTest extends ApiTest {

    private static RegiopoolApplication app() {
        return (RegiopoolApplication) TestApp.APP.getApplication();
    }

    @AfterEach
    void restore() {
        app().webhookUrls().allowPrivateAddresses(false);
    }

    @Test
    void aMemberSystemSyncsItsRosterReactsToAPlacementWebhookAndListsItsLoanIns() throws Exception {
        UUID tenant = newCooperative();
        Member lender = newMember(tenant, "Huisartsenpraktijk De Linde");
        Member borrower = newMember(tenant, "Huisartsenpraktijk Het Anker");
        Worker worker = new WorkersApi(TestApp.client(TestApp.adminToken(tenant)))
                .createWorker(workerCreate(lender.getId(), "Sanne", "Bakker"), null);
        LoanAgreement agreement = activeAgreement(tenant, lender.getId(), borrower.getId(), worker.getId(),
                QualificationRole.DOKTERSASSISTENT, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 16,
                "CAO_HUISARTSENZORG");
        ApiClient lenderSystem = Regiopool.client(TestApp.baseUri(), () -> TestApp.memberToken(tenant, lender.getId()));
        ApiClient borrowerSystem = Regiopool.client(TestApp.baseUri(), () -> TestApp.memberToken(tenant, borrower.getId()));

        OffsetDateTime monday = OffsetDateTime.parse("2026-03-02T00:00:00+01:00");
        HomeShiftsResult synced = SyncRoster.sync(lenderSystem, worker.getId(), monday, monday.plusDays(7), List.of(
                new HomeShiftInput().externalId("rooster-1").startsAt(monday.plusHours(8)).endsAt(monday.plusHours(16))
                        .breakMinutes(30)));
        assertThat(synced.getShifts()).hasSize(1);
        assertThat(SyncRoster.sync(lenderSystem, worker.getId(), monday, monday.plusDays(7), List.of()).getShifts())
                .as("a second sync reads the new ETag by itself").isEmpty();

        List<Event> placements = new CopyOnWriteArrayList<>();
        app().webhookUrls().allowPrivateAddresses(true);
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String[] secret = new String[1];
        server.createContext("/hooks", exchange -> {
            PlacementWebhookReceiver receiver = new PlacementWebhookReceiver(secret[0], placements::add);
            int status = receiver.handle(exchange.getRequestHeaders(),
                    new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try {
            WebhookEndpoint endpoint = new WebhooksApi(lenderSystem).createWebhookEndpoint(new WebhookEndpointCreate()
                    .url("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks")
                    .eventTypes(List.of("placement.created")), null);
            secret[0] = endpoint.getSecret();
            UUID placement = new PlacementsApi(borrowerSystem).createPlacement(new PlacementCreate()
                    .agreementId(agreement.getId()).startsAt(monday.plusDays(1).plusHours(18))
                    .endsAt(monday.plusDays(1).plusHours(22)).breakMinutes(0), null).getId();
            app().deliverer().runOnce();
            assertThat(placements).singleElement()
                    .satisfies(event -> assertThat(event.getData()).containsEntry("id", placement.toString()));
            assertThat(unsigned(server.getAddress().getPort())).as("an unsigned request is refused").isEqualTo(400);
        } finally {
            server.stop(0);
        }

        assertThat(ListLoanIns.active(borrowerSystem, borrower.getId())).extracting(LoanAgreement::getId)
                .containsExactly(agreement.getId());
    }

    private static int unsigned(int port) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
