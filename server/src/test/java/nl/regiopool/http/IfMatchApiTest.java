package nl.regiopool.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.api.InternshipsApi;
import nl.regiopool.client.api.LoanAgreementsApi;
import nl.regiopool.client.api.PlacementsApi;
import nl.regiopool.client.api.PoolsApi;
import nl.regiopool.client.api.SettlementsApi;
import nl.regiopool.client.api.WebhooksApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.CompletePlacementRequest;
import nl.regiopool.client.model.ConfirmPlacementRequest;
import nl.regiopool.client.model.DisputePlacementRequest;
import nl.regiopool.client.model.InternshipApplicantCreate;
import nl.regiopool.client.model.InternshipOfferCreate;
import nl.regiopool.client.model.InternshipRole;
import nl.regiopool.client.model.InternshipShareCreate;
import nl.regiopool.client.model.InternshipTrack;
import nl.regiopool.client.model.LoanAgreementCreate;
import nl.regiopool.client.model.MembershipKind;
import nl.regiopool.client.model.PlacementCreate;
import nl.regiopool.client.model.PoolCreate;
import nl.regiopool.client.model.PoolMembershipCreate;
import nl.regiopool.client.model.Problem;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.SettlementCreate;
import nl.regiopool.client.model.SharingConsent;
import nl.regiopool.client.model.SharingConsentMethod;
import nl.regiopool.client.model.WaadiRegime;
import nl.regiopool.client.model.WebhookEndpointCreate;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.Http;
import nl.regiopool.testing.Problems;
import nl.regiopool.testing.SpecOperations;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation that takes If-Match follows RFC 9110 on a real object: missing → 428, not a quoted ETag
 * nor {@code *} → 400, a stale tag → 412 with the current ETag (which then matches), {@code *} → any version.
 */
class IfMatchApiTest extends ApiTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final LocalDate YEAR_START = LocalDate.of(2026, 1, 1);
    private static final AtomicInteger PLACEMENT_WEEK = new AtomicInteger();

    private static UUID tenant;
    private static String admin;
    private static UUID lender;
    private static UUID borrower;
    private static UUID worker;
    private static UUID activeForPlacements;

    /** A real object an operation can change: where to send, and a body that passes validation. */
    /** An object to change, and the token that may change it (null: the admin's). */
    record Target(String path, String body, String token) {
        Target(String path, String body) {
            this(path, body, null);
        }
    }

    interface TargetMaker {
        Target make() throws ApiException;
    }

    private static final Map<String, TargetMaker> TARGETS = new HashMap<>();

    static {
        TARGETS.put("updateMember", () -> new Target("/v1/members/" + newMember(tenant, "Praktijk").getId(),
                "{\"name\":\"Praktijk Nieuw\"}"));
        TARGETS.put("updateWorker", () -> new Target("/v1/workers/" + newWorker(lender), "{\"givenName\":\"Anna\"}"));
        TARGETS.put("updatePool", () -> new Target("/v1/pools/" + newPool(), "{\"description\":\"Avonden\"}"));
        TARGETS.put("updatePoolMembership", () -> {
            UUID pool = newPool();
            UUID membership = pools().createPoolMembership(pool, new PoolMembershipCreate().workerId(newWorker(lender))
                    .kind(MembershipKind.FLEX).from(YEAR_START), null).getId();
            return new Target("/v1/pools/" + pool + "/memberships/" + membership, "{\"maxHoursPerWeek\":6}");
        });
        TARGETS.put("updateInternshipOffer", () -> new Target(internshipOffer(), "{\"hoursPerWeek\":24}"));
        TARGETS.put("closeInternshipOffer", () -> new Target(internshipOffer() + "/close", "{}"));
        TARGETS.put("updateInternshipApplicant", () -> new Target("/v1/internship-applicants/" + applicant(),
                "{\"studyYear\":3}"));
        TARGETS.put("inviteInternshipShare", () -> new Target(share(false) + "/interview", "{}"));
        TARGETS.put("offerInternshipShare", () -> new Target(share(false) + "/offer", "{}"));
        TARGETS.put("acceptInternshipShare", () -> new Target(share(true) + "/accept", "{}"));
        TARGETS.put("declineInternshipShare", () -> new Target(share(false) + "/decline", "{}"));
        TARGETS.put("withdrawInternshipShare", () -> new Target(share(false) + "/withdraw", "{}"));
        TARGETS.put("updateSettings", () -> new Target("/v1/settings", "{\"marginPercent\":0}"));
        TARGETS.put("proposeLoanAgreement", () -> new Target(draft() + "/propose", "{}"));
        TARGETS.put("approveLoanAgreement", () -> new Target(draft() + "/approvals", "{\"side\":\"LENDER\"}"));
        TARGETS.put("recordWorkerConsent", () -> new Target(draft() + "/worker-consent",
                "{\"consentedOn\":\"2026-01-01\",\"method\":\"SIGNED_FORM\"}"));
        TARGETS.put("cancelLoanAgreement", () -> new Target(draft() + "/cancel", "{\"reason\":\"Niet meer nodig\"}"));
        TARGETS.put("terminateLoanAgreement", () -> new Target(active() + "/terminate",
                "{\"reason\":\"Reorganisatie\",\"effectiveDate\":\"2026-11-30\"}"));
        TARGETS.put("amendLoanAgreement", () -> new Target(active() + "/amendments", "{\"hoursPerWeek\":12}"));
        TARGETS.put("updatePlacement", () -> new Target(placement(), "{\"breakMinutes\":15}"));
        TARGETS.put("confirmPlacement", () -> new Target(placement() + "/confirm", "{}"));
        TARGETS.put("completePlacement", () -> {
            String placement = placement();
            return new Target(placement + "/complete", "{\"actualStartsAt\":\"" + placementStart(placement)
                    + "\",\"actualEndsAt\":\"" + placementStart(placement).plusHours(4) + "\",\"breakMinutes\":0}");
        });
        TARGETS.put("cancelPlacement", () -> new Target(placement() + "/cancel", "{\"reason\":\"Ziek\"}"));
        TARGETS.put("disputePlacement", () -> new Target(completedPlacement(false) + "/dispute",
                "{\"reason\":\"Eerder vertrokken\"}"));
        TARGETS.put("resolvePlacementDispute", () -> {
            String placement = completedPlacement(true);
            return new Target(placement + "/resolve", "{\"actualStartsAt\":\"" + placementStart(placement)
                    + "\",\"actualEndsAt\":\"" + placementStart(placement).plusHours(3) + "\",\"breakMinutes\":0}");
        });
        TARGETS.put("closeSettlement", () -> new Target("/v1/settlements/" + new SettlementsApi(TestApp.client(admin))
                .createSettlement(new SettlementCreate().period("2025-01"), null).getId() + "/close", "{}"));
        TARGETS.put("recordPlacementNoShow", () -> new Target(placement() + "/no-show", "{}"));
        TARGETS.put("replaceMyAvailability", () -> new Target("/v1/me/availability",
                "{\"weekly\":[{\"weekday\":\"MONDAY\",\"from\":\"08:00\",\"to\":\"17:00\"}],\"exceptions\":[]}",
                TestApp.workerToken(tenant, newWorker(lender))));
        TARGETS.put("deleteWebhookEndpoint", () -> new Target("/v1/webhook-endpoints/" + newWebhookEndpoint(), null));
        TARGETS.put("updateWebhookEndpoint", () -> new Target("/v1/webhook-endpoints/" + newWebhookEndpoint(),
                "{\"description\":\"Roosterkoppeling\"}"));
        TARGETS.put("updateStaffingRequest", () -> new Target(staffingRequest(newWorker(lender)),
                "{\"notes\":\"Twee avonden\"}"));
        TARGETS.put("cancelStaffingRequest", () -> new Target(staffingRequest(newWorker(lender)) + "/cancel",
                "{\"reason\":\"Zelf opgelost\"}"));
        TARGETS.put("acceptOffer", () -> {
            UUID pooled = newWorker(lender);
            return new Target(offer(pooled, false) + "/accept", null, TestApp.workerToken(tenant, pooled));
        });
        TARGETS.put("declineOffer", () -> {
            UUID pooled = newWorker(lender);
            return new Target(offer(pooled, false) + "/decline", null, TestApp.workerToken(tenant, pooled));
        });
        TARGETS.put("withdrawOffer", () -> new Target(offer(newWorker(lender), false) + "/withdraw", null));
        TARGETS.put("releaseOffer", () -> new Target(offer(newWorker(lender), true) + "/release", null));
        TARGETS.put("replaceHomeShifts", () -> {
            OffsetDateTime from = LocalDate.of(2026, 6, 1).atStartOfDay(AMSTERDAM).toOffsetDateTime();
            return new Target("/v1/workers/" + newWorker(lender) + "/home-shifts?from=" + encode(from) + "&to="
                    + encode(from.plusDays(7)), "{\"shifts\":[{\"externalId\":\"r1\",\"startsAt\":\"" + from.plusHours(8)
                    + "\",\"endsAt\":\"" + from.plusHours(16) + "\",\"breakMinutes\":30}]}");
        });
    }

    private static final Map<String, OffsetDateTime> PLACEMENT_STARTS = new HashMap<>();

    @BeforeAll
    static void fixtures() throws Exception {
        tenant = newCooperative();
        admin = TestApp.adminToken(tenant);
        lender = newMember(tenant, "Huisartsenpraktijk De Linde").getId();
        borrower = newMember(tenant, "Huisartsenpraktijk Het Anker").getId();
        worker = newWorker(lender);
        activeForPlacements = activeAgreement(tenant, lender, borrower, worker, QualificationRole.DOKTERSASSISTENT,
                YEAR_START, YEAR_START.plusYears(1).minusDays(1), 16, "CAO_HUISARTSENZORG").getId();
    }

    private static InternshipsApi internships() {
        return new InternshipsApi(TestApp.client(admin));
    }

    private static String internshipOffer() throws ApiException {
        return "/v1/internship-offers/" + newInternshipOffer();
    }

    private static UUID newInternshipOffer() throws ApiException {
        return internships().createInternshipOffer(new InternshipOfferCreate().memberId(lender)
                .role(InternshipRole.POH_GGZ).track(InternshipTrack.BBL).startDate(LocalDate.of(2027, 9, 1))
                .endDate(LocalDate.of(2028, 6, 30)).hoursPerWeek(16).places(1).supervisorName("Dr. Jansen"), null).getId();
    }

    private static UUID applicant() throws ApiException {
        return internships().createInternshipApplicant(new InternshipApplicantCreate().givenName("Noor")
                .familyName("Bakker").school("Aventus").programme("Doktersassistent")
                .sharingConsent(new SharingConsent().givenOn(LocalDate.of(2027, 6, 1)).method(SharingConsentMethod.DIGITAL)),
                null).getId();
    }

    /** A share of a fresh applicant with the lender for a fresh offer; OFFERED when asked, else SHARED. */
    private static String share(boolean offered) throws ApiException {
        UUID applicant = applicant();
        UUID share = internships().createInternshipShare(applicant, new InternshipShareCreate().memberId(lender)
                .offerId(newInternshipOffer()), null).getId();
        if (offered) {
            internships().offerInternshipShare(applicant, share, "*", null);
        }
        return "/v1/internship-applicants/" + applicant + "/shares/" + share;
    }

    private static String encode(OffsetDateTime instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }

    private static UUID newWorker(UUID employer) throws ApiException {
        return new WorkersApi(TestApp.client(admin)).createWorker(workerCreate(employer, "Sanne", "Bakker"), null).getId();
    }

    /** The cooperative's endpoint on a host the test resolves to a public address (the deliverer does not run). */
    private static UUID newWebhookEndpoint() throws ApiException {
        nl.regiopool.webhook.WebhookUrls urls = ((nl.regiopool.RegiopoolApplication) TestApp.APP.getApplication()).webhookUrls();
        urls.resolver(host -> new java.net.InetAddress[] {java.net.InetAddress.getByName("93.184.216.34")});
        try {
            return new WebhooksApi(TestApp.client(admin)).createWebhookEndpoint(new WebhookEndpointCreate()
                    .url("https://hooks.linde.example/in").eventTypes(java.util.List.of("placement.created")), null).getId();
        } finally {
            urls.resolver(java.net.InetAddress::getAllByName);
        }
    }

    private static PoolsApi pools() {
        return new PoolsApi(TestApp.client(admin));
    }

    private static UUID newPool() throws ApiException {
        return pools().createPool(new PoolCreate().name("Flexpool " + UUID.randomUUID()), null).getId();
    }

    private static String draft() throws ApiException {
        UUID id = new LoanAgreementsApi(TestApp.client(admin)).createLoanAgreement(new LoanAgreementCreate()
                .lenderMemberId(lender).borrowerMemberId(borrower).workerId(newWorker(lender))
                .role(QualificationRole.DOKTERSASSISTENT).startDate(YEAR_START).endDate(YEAR_START.plusMonths(6))
                .hoursPerWeek(8).tariffCentsPerHour(3150L).caoRuleSetCode("CAO_HUISARTSENZORG")
                .waadiRegime(WaadiRegime.COLLEGIAL_NO_PROFIT), null).getId();
        return "/v1/loan-agreements/" + id;
    }

    private static String active() throws ApiException {
        return "/v1/loan-agreements/" + activeAgreement(tenant, lender, borrower, newWorker(lender),
                QualificationRole.DOKTERSASSISTENT, YEAR_START, YEAR_START.plusYears(1).minusDays(1), 8,
                "CAO_HUISARTSENZORG").getId();
    }

    /** A planned four-hour shift, each in its own week so the agreement's weekly hours never bind. */
    private static String placement() throws ApiException {
        OffsetDateTime start = LocalDate.of(2026, 2, 4).plusWeeks(PLACEMENT_WEEK.getAndIncrement())
                .atTime(9, 0).atZone(AMSTERDAM).toOffsetDateTime();
        UUID id = new PlacementsApi(TestApp.client(admin)).createPlacement(new PlacementCreate()
                .agreementId(activeForPlacements).startsAt(start).endsAt(start.plusHours(4)).breakMinutes(0)
                .locationPostcode("7001 AB"), null).getId();
        String path = "/v1/placements/" + id;
        PLACEMENT_STARTS.put(path, start);
        return path;
    }

    /** A placement completed as planned by the admin, and disputed for the lender when asked. */
    private static String completedPlacement(boolean disputed) throws ApiException {
        String path = placement();
        UUID id = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
        PlacementsApi placements = new PlacementsApi(TestApp.client(admin));
        placements.confirmPlacement(id, "*", null, new ConfirmPlacementRequest());
        placements.completePlacement(id, "*", new CompletePlacementRequest().actualStartsAt(placementStart(path))
                .actualEndsAt(placementStart(path).plusHours(4)).breakMinutes(0), null);
        if (disputed) {
            placements.disputePlacement(id, "*", new DisputePlacementRequest().reason("Eerder vertrokken"), null);
        }
        return path;
    }

    /** A request of the borrower for one evening three weeks ahead, with the worker in a pool that lends to it. */
    private static String staffingRequest(UUID pooled) throws ApiException {
        pools().createPoolMembership(newPool(), new PoolMembershipCreate().workerId(pooled).kind(MembershipKind.FLEX)
                .from(LocalDate.now(AMSTERDAM).minusDays(1)), null);
        OffsetDateTime start = LocalDate.now(AMSTERDAM).plusWeeks(3).atTime(18, 0).atZone(AMSTERDAM).toOffsetDateTime();
        UUID id = new nl.regiopool.client.api.StaffingRequestsApi(TestApp.client(admin)).createStaffingRequest(
                new nl.regiopool.client.model.StaffingRequestCreate().memberId(borrower)
                        .role(QualificationRole.DOKTERSASSISTENT)
                        .kind(nl.regiopool.client.model.StaffingRequestKind.SHIFTS)
                        .shifts(List.of(new nl.regiopool.client.model.RequestedShiftInput().startsAt(start)
                                .endsAt(start.plusHours(4)))), null).getId();
        return "/v1/staffing-requests/" + id;
    }

    /** An offer to the worker; {@code accepted}: accepted by her, under an ACTIVE agreement with the borrower. */
    private static String offer(UUID pooled, boolean accepted) throws ApiException {
        String request = staffingRequest(pooled);
        if (accepted) {
            activeAgreement(tenant, lender, borrower, pooled, QualificationRole.DOKTERSASSISTENT,
                    LocalDate.now(AMSTERDAM), null, 8, null);
        }
        var requests = new nl.regiopool.client.api.StaffingRequestsApi(TestApp.client(admin));
        UUID offer = requests.createOffers(UUID.fromString(request.substring(request.lastIndexOf('/') + 1)),
                new nl.regiopool.client.model.OfferCreate().workerIds(java.util.Set.of(pooled)), null)
                .getData().get(0).getId();
        if (accepted) {
            new nl.regiopool.client.api.StaffingRequestsApi(TestApp.client(TestApp.workerToken(tenant, pooled)))
                    .acceptOffer(offer, "*", null);
        }
        return "/v1/offers/" + offer;
    }

    private static OffsetDateTime placementStart(String placementPath) {
        return PLACEMENT_STARTS.get(placementPath);
    }

    private static JsonNode ifMatchParameter(SpecOperations.Operation operation) {
        for (JsonNode parameter : operation.definition().path("parameters")) {
            if (SpecOperations.resolve(parameter).path("name").asText().equals("If-Match")) {
                return SpecOperations.resolve(parameter);
            }
        }
        return null;
    }

    static Stream<SpecOperations.Operation> ifMatchOperations() {
        return SpecOperations.all().stream().filter(operation -> ifMatchParameter(operation) != null);
    }

    private static HttpResponse<String> send(SpecOperations.Operation operation, Target target, String ifMatch) {
        String token = target.token() == null ? admin : target.token();
        return ifMatch == null
                ? Http.send(operation.method(), target.path(), token, "application/json", target.body())
                : Http.send(operation.method(), target.path(), token, "application/json", target.body(), "If-Match", ifMatch);
    }

    private static Problem problem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        Problem problem = Problems.parse(response.body());
        assertThat(problem.getCode()).isEqualTo(code);
        return problem;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ifMatchOperations")
    void ifMatchFollowsRfc9110(SpecOperations.Operation operation) throws Exception {
        assertThat(ifMatchParameter(operation).path("required").asBoolean()).as("If-Match is required in the spec")
                .isTrue();
        assertThat(TARGETS).as("a real object for " + operation).containsKey(operation.operationId());
        Target target = TARGETS.get(operation.operationId()).make();
        Map<String, Long> before = allRowCounts();

        problem(send(operation, target, null), 428, "PRECONDITION_REQUIRED");
        for (String malformed : new String[] {"1", "\"1", "W/1", "\"1\" \"2\""}) {
            Problem problem = problem(send(operation, target, malformed), 400, "MALFORMED_IF_MATCH");
            assertThat(problem.getDetail()).contains("\"<etag>\"");
        }
        HttpResponse<String> stale = send(operation, target, "\"99999\"");
        problem(stale, 412, "PRECONDITION_FAILED");
        String current = stale.headers().firstValue("ETag").orElseThrow();
        assertThat(current).matches("\"[0-9]+\"");
        assertThat(problem(send(operation, target, "W/" + current), 412, "PRECONDITION_FAILED")).isNotNull();
        assertThat(allRowCounts()).as("refused preconditions write nothing").isEqualTo(before);

        HttpResponse<String> retried = send(operation, target, "\"99999\", " + current);
        assertThat(retried.statusCode()).as("the 412's ETag matches: " + retried.body()).isNotIn(400, 412, 428)
                .isLessThan(500);
        HttpResponse<String> any = send(operation, target, "*");
        assertThat(any.statusCode()).as("* matches any current version: " + any.body()).isNotIn(400, 412, 428)
                .isLessThan(500);
    }
}
