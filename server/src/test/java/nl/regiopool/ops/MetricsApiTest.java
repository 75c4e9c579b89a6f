package nl.regiopool.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.UUID;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.api.MeApi;
import nl.regiopool.client.api.PlacementsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.HomeShiftInput;
import nl.regiopool.client.model.HomeShiftsReplace;
import nl.regiopool.client.model.LoanAgreement;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.PlacementCreate;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.Worker;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.Test;

/** The admin port's /metrics, scraped and parsed as Prometheus does. */
class MetricsApiTest extends ApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final LocalDate TUESDAY = LocalDate.of(2026, 3, 3);
    private static final String REQUESTS = "regiopool_http_request_duration_seconds";
    private static final Path DASHBOARD = Path.of("..", "ops", "grafana-dashboard.json");
    private static final Pattern METRIC_NAME = Pattern.compile("\\b(?:regiopool|jvm)_[a-z_]+");

    @Test
    void aCallIsCountedUnderItsOperationIdAndStatusClass() throws Exception {
        double okBefore = scrape().find(REQUESTS + "_count", "operation", "getMe", "status", "2xx").orElse(0);
        double refusedBefore = scrape().find(REQUESTS + "_count", "operation", "getMe", "status", "4xx").orElse(0);

        new MeApi(TestApp.client(TestApp.adminToken(UUID.randomUUID()))).getMe();
        ApiException refused = catchThrowableOfType(ApiException.class, () -> new MeApi(TestApp.client(null)).getMe());
        assertThat(refused.getCode()).isEqualTo(401);

        // a request is timed when its servlet returns, which may be just after the client has the whole answer
        PrometheusText after = scrapeUntil(metrics ->
                metrics.find(REQUESTS + "_count", "operation", "getMe", "status", "2xx").orElse(0) >= okBefore + 1
                && metrics.find(REQUESTS + "_count", "operation", "getMe", "status", "4xx").orElse(0) >= refusedBefore + 1);
        assertThat(after.type(REQUESTS)).isEqualTo("histogram");
        assertThat(after.value(REQUESTS + "_count", "operation", "getMe", "status", "2xx")).isGreaterThanOrEqualTo(okBefore + 1);
        assertThat(after.value(REQUESTS + "_count", "operation", "getMe", "status", "4xx")).isGreaterThanOrEqualTo(refusedBefore + 1);
        assertThat(after.value(REQUESTS + "_bucket", "operation", "getMe", "status", "2xx", "le", "+Inf"))
                .isEqualTo(after.value(REQUESTS + "_count", "operation", "getMe", "status", "2xx"));
        assertThat(after.value(REQUESTS + "_sum", "operation", "getMe", "status", "2xx")).isPositive();
    }

    @Test
    void aPathOfNoOperationIsCountedWithoutOne() throws Exception {
        double before = scrape().find(REQUESTS + "_count", "operation", "none", "status", "4xx").orElse(0);
        HttpResponse<String> missing = get(URI.create(TestApp.baseUri() + "/v1/no-such-thing"));
        assertThat(missing.statusCode()).isEqualTo(404);
        PrometheusText after = scrapeUntil(metrics ->
                metrics.find(REQUESTS + "_count", "operation", "none", "status", "4xx").orElse(0) >= before + 1);
        assertThat(after.value(REQUESTS + "_count", "operation", "none", "status", "4xx")).isGreaterThanOrEqualTo(before + 1);
    }

    @Test
    void placementsCreatedAndRuleViolationsByCodeGoUp() throws Exception {
        UUID tenant = newCooperative();
        Member home = newMember(tenant, "Huisartsenpraktijk De Linde");
        Member borrower = newMember(tenant, "Huisartsenpraktijk Het Anker");
        Worker assistant = new WorkersApi(TestApp.client(TestApp.adminToken(tenant)))
                .createWorker(workerCreate(home.getId(), "Sanne", "Bakker"), null);
        LoanAgreement agreement = activeAgreement(tenant, home.getId(), borrower.getId(), assistant.getId(),
                QualificationRole.DOKTERSASSISTENT, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 16,
                "CAO_HUISARTSENZORG");
        new PlacementsApi(TestApp.client(TestApp.memberToken(tenant, home.getId()))).replaceHomeShifts(assistant.getId(),
                at(TUESDAY.minusDays(1), 0, 0), at(TUESDAY.plusDays(6), 0, 0), "\"0\"",
                new HomeShiftsReplace().shifts(List.of(new HomeShiftInput().externalId("rooster-1")
                        .startsAt(at(TUESDAY, 7, 0)).endsAt(at(TUESDAY, 17, 0)).breakMinutes(30))));
        PlacementsApi placements = new PlacementsApi(TestApp.client(TestApp.memberToken(tenant, borrower.getId())));
        PrometheusText before = scrape();

        ApiException refused = catchThrowableOfType(ApiException.class, () -> placements.createPlacement(
                shift(agreement, TUESDAY, 19, 23).endsAt(at(TUESDAY, 23, 30)), null));
        assertThat(refused.getCode()).isEqualTo(422);
        placements.createPlacement(shift(agreement, TUESDAY.plusDays(1), 18, 22), null);

        PrometheusText after = scrape();
        assertThat(after.type("regiopool_placements_created_total")).isEqualTo("counter");
        assertThat(after.value("regiopool_placements_created_total"))
                .isGreaterThanOrEqualTo(before.value("regiopool_placements_created_total") + 1);
        String[] restRefused = {"code", "ATW_MIN_DAILY_REST", "outcome", "refused"};
        assertThat(after.value("regiopool_rule_violations_total", restRefused))
                .isGreaterThanOrEqualTo(before.find("regiopool_rule_violations_total", restRefused).orElse(0) + 1);
        assertThat(after.value("regiopool_audit_events_recorded_total"))
                .isGreaterThanOrEqualTo(before.value("regiopool_audit_events_recorded_total") + 1);
        new nl.regiopool.client.api.AuditApi(TestApp.client(TestApp.adminToken(tenant))).verifyAuditChain();
        PrometheusText sealedNow = scrape();
        assertThat(sealedNow.value("regiopool_audit_events_sealed_total"))
                .as("a verify seals what committed before it").isGreaterThanOrEqualTo(
                        before.value("regiopool_audit_events_sealed_total") + 1);
        assertThat(sealedNow.find("regiopool_audit_unsealed", "measure", "oldest_age_seconds")).isPresent();
    }

    @Test
    void jvmConnectionPoolJobsAndWebhooksAreExposed() throws Exception {
        TestApp.APP.<nl.regiopool.RegiopoolApplication>getApplication().agreementExpiry().runOnce();

        PrometheusText metrics = scrape();

        assertThat(metrics.samples("jvm_memory_used_bytes")).isNotEmpty();
        assertThat(metrics.samples("jvm_threads_current")).isNotEmpty();
        assertThat(metrics.value("regiopool_db_pool_connections", "state", "active")).isGreaterThanOrEqualTo(0);
        assertThat(metrics.value("regiopool_db_pool_connections", "state", "idle")).isGreaterThanOrEqualTo(0);
        assertThat(metrics.value("regiopool_db_pool_max_connections"))
                .isEqualTo(TestApp.APP.getConfiguration().getDatabase().getMaxConnections());
        assertThat(metrics.value("regiopool_db_pool_waiting_threads")).isGreaterThanOrEqualTo(0);
        assertThat(metrics.value("regiopool_job_runs_total", "job", "agreement-expiry")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.find("regiopool_job_last_success_timestamp_seconds", "job", "agreement-expiry")).isPresent();
        for (String job : List.of("agreement-expiry", "applicant-retention", "staffing-request-expiry", "webhook-deliverer")) {
            assertThat(metrics.find("regiopool_job_failures_total", "job", job)).as(job).isPresent();
        }
        assertThat(metrics.value("regiopool_webhook_queue_depth")).isGreaterThanOrEqualTo(0);
        assertThat(metrics.find("regiopool_webhook_delivery_failures_total")).isPresent();
    }

    @Test
    void theShippedDashboardQueriesOnlyMetricsTheServerExposes() throws Exception {
        TestApp.APP.<nl.regiopool.RegiopoolApplication>getApplication().agreementExpiry().runOnce();
        new MeApi(TestApp.client(TestApp.adminToken(UUID.randomUUID()))).getMe();
        PrometheusText metrics = scrapeUntil(scraped -> scraped.find(REQUESTS + "_count", "operation", "getMe", "status", "2xx").isPresent());
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> expressions.add(t.path("expr").asText())));
        assertThat(expressions).hasSizeGreaterThan(10);

        for (String expression : expressions) {
            Matcher names = METRIC_NAME.matcher(expression);
            while (names.find()) {
                assertThat(metrics.samples(names.group())).as(names.group() + " in " + expression).isNotEmpty();
            }
        }
    }

    @Test
    void theApplicationPortHasNoMetrics() throws Exception {
        assertThat(get(URI.create(TestApp.baseUri() + "/metrics")).statusCode()).isEqualTo(404);
    }

    static PrometheusText scrape() throws Exception {
        HttpResponse<String> response = get(URI.create("http://localhost:" + TestApp.APP.getAdminPort() + "/metrics"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain; version=0.0.4"));
        return PrometheusText.parse(response.body());
    }

    static PrometheusText scrapeUntil(java.util.function.Predicate<PrometheusText> done) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        PrometheusText metrics = scrape();
        while (!done.test(metrics) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            metrics = scrape();
        }
        return metrics;
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static OffsetDateTime at(LocalDate date, int hour, int minute) {
        return date.atTime(LocalTime.of(hour, minute)).atZone(AMSTERDAM).toOffsetDateTime();
    }

    private static PlacementCreate shift(LoanAgreement agreement, LocalDate date, int fromHour, int toHour) {
        return new PlacementCreate().agreementId(agreement.getId()).startsAt(at(date, fromHour, 0))
                .endsAt(at(date, toHour, 0)).breakMinutes(0).locationPostcode("7001 AB");
    }
}
