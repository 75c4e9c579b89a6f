package nl.regiopool.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.regiopool.client.api.CaoRuleSetsApi;
import nl.regiopool.client.api.LoanAgreementsApi;
import nl.regiopool.client.api.PlacementsApi;
import nl.regiopool.client.api.WebhooksApi;
import nl.regiopool.client.model.WebhookEndpointCreate;
import nl.regiopool.client.api.StaffingRequestsApi;
import nl.regiopool.client.api.PoolsApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.CaoRuleSetCreate;
import nl.regiopool.client.model.LoanAgreement;
import nl.regiopool.client.model.LoanAgreementCreate;
import nl.regiopool.client.api.InternshipsApi;
import nl.regiopool.client.model.InternshipApplicantCreate;
import nl.regiopool.client.model.InternshipDocumentKind;
import nl.regiopool.client.model.InternshipOfferCreate;
import nl.regiopool.client.model.InternshipRole;
import nl.regiopool.client.model.InternshipShareCreate;
import nl.regiopool.client.model.InternshipTrack;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.SharingConsent;
import nl.regiopool.client.model.SharingConsentMethod;
import nl.regiopool.client.model.MembershipKind;
import nl.regiopool.client.model.PlacementCreate;
import nl.regiopool.client.model.RequestedShiftInput;
import nl.regiopool.client.model.StaffingRequestCreate;
import nl.regiopool.client.model.StaffingRequestKind;
import nl.regiopool.client.model.PoolCreate;
import nl.regiopool.client.model.PoolMembershipCreate;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.WaadiRegime;
import nl.regiopool.client.api.SettlementsApi;
import nl.regiopool.client.model.CompletePlacementRequest;
import nl.regiopool.client.model.ConfirmPlacementRequest;
import nl.regiopool.client.model.Settlement;
import nl.regiopool.client.model.SettlementCreate;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.Http;
import nl.regiopool.testing.Problems;
import nl.regiopool.testing.SpecOperations;
import nl.regiopool.testing.SpecOperations.Operation;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation that takes an id, called on a real object of cooperative A with a valid token of
 * cooperative B (and, where member scoping applies, of another member of A), answers 404 and leaves
 * every row of both cooperatives as it was.
 *
 * <p>Row-level security alone: one might want a second run with the application's own tenant
 * filters switched off. The application has none to switch off. Reads and writes by id are
 * {@code WHERE id = :id}; the only thing that hides A's rows from B's transaction is PostgreSQL's
 * row-level security on {@code regiopool.tenant_id}. A test-only flag would therefore switch off
 * nothing and prove nothing, so instead {@link #noDataAccessCodeFiltersByTheCallersTenant()} scans the
 * main sources and fails if SQL starts comparing {@code tenant_id} with a bound value. While that holds,
 * the 404s below are row-level security's alone; should someone add application tenant filters
 * (welcome as defence in depth), the scan fails and this suite needs the flag the issue describes.
 * The database side is tested directly in {@code tenancy.RowLevelSecurityTest}. Member scoping is an
 * application rule (in SQL, from the caller's member claim), not a tenant filter.
 */
class CrossTenantTest extends ApiTest {

    /** What a foreign caller sends to an operation, and whether the member scope applies to it. */
    record Fixture(String objectPath, String body, boolean memberScoped, String query) {
        static Fixture read() {
            return new Fixture(null, null, false, "");
        }

        static Fixture write(String objectPath, String body) {
            return new Fixture(objectPath, body, false, "");
        }

        Fixture forMembersToo() {
            return new Fixture(objectPath, body, true, query);
        }

        /** Required query parameters, so that the call reaches the object instead of failing validation. */
        Fixture withQuery(String query) {
            return new Fixture(objectPath, body, memberScoped, query);
        }
    }

    private static final String BOUNDARY = "cross-tenant-boundary";
    /** A valid upload (kind and a PDF), so that only the applicant's tenant can refuse it. */
    private static final String UPLOAD = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nCV\r\n"
            + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cv.pdf\"\r\n"
            + "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--" + BOUNDARY + "--\r\n";

    /** Operations with an id that are no tenant's data: the operator's view of cooperatives. */
    private static final String WORKER_ONLY = "worker role only: a worker token of another cooperative is refused at"
            + " its worker claim (401, AuthApiTest); another worker of the same cooperative gets 404 (DemandStoryApiTest)";

    private static final Map<String, String> NOT_TENANT_DATA = Map.of(
            "getCooperative", "operator only; a cooperative is the tenant itself, not data inside one",
            "acceptOffer", WORKER_ONLY,
            "declineOffer", WORKER_ONLY);

    private static final Map<String, Fixture> FIXTURES = Map.ofEntries(
            Map.entry("getMember", Fixture.read()),
            Map.entry("updateMember", Fixture.write("/v1/members/{memberId}", "{\"name\":\"Gekaapt\"}")),
            // a member may list another member's loan-outs/-ins, but sees only agreements it is party to
            Map.entry("listLoanOuts", Fixture.read()),
            Map.entry("listLoanIns", Fixture.read()),
            Map.entry("getWorker", Fixture.read().forMembersToo()),
            Map.entry("updateWorker", Fixture.write("/v1/workers/{workerId}", "{\"familyName\":\"Gekaapt\"}")
                    .forMembersToo()),
            Map.entry("getPool", Fixture.read()),
            Map.entry("verifyAuditChainFromCheckpoint", Fixture.read()),
            Map.entry("updatePool", Fixture.write("/v1/pools/{poolId}", "{\"name\":\"Gekaapt\"}")),
            Map.entry("listPoolMemberships", Fixture.read()),
            Map.entry("createPoolMembership", Fixture.write("/v1/pools/{poolId}",
                    "{\"workerId\":\"{workerId}\",\"kind\":\"FLEX\",\"from\":\"2027-01-04\"}")),
            Map.entry("getPoolMembership", Fixture.read()),
            Map.entry("updatePoolMembership", Fixture.write("/v1/pools/{poolId}/memberships/{membershipId}",
                    "{\"maxHoursPerWeek\":4}")),
            Map.entry("getLoanAgreement", Fixture.read().forMembersToo()),
            Map.entry("listLoanAgreementVersions", Fixture.read().forMembersToo()),
            Map.entry("proposeLoanAgreement", agreementAction("{}")),
            Map.entry("approveLoanAgreement", agreementAction("{\"side\":\"LENDER\"}")),
            Map.entry("recordWorkerConsent", agreementAction("{\"consentedOn\":\"2026-12-01\",\"method\":\"SIGNED_FORM\"}")),
            Map.entry("terminateLoanAgreement", agreementAction("{\"reason\":\"Gekaapt\",\"effectiveDate\":\"2027-02-01\"}")),
            Map.entry("cancelLoanAgreement", agreementAction("{\"reason\":\"Gekaapt\"}")),
            Map.entry("amendLoanAgreement", agreementAction("{\"hoursPerWeek\":4}")),
            Map.entry("getCaoRuleSet", Fixture.read()),
            Map.entry("addCaoRuleSetVersion", Fixture.write("/v1/cao-rule-sets/{code}",
                    "{\"validFrom\":\"2031-01-01\",\"parameters\":[]}")),
            Map.entry("getStaffingRequest", Fixture.read().forMembersToo()),
            Map.entry("listStaffingRequestCandidates", Fixture.read().forMembersToo()),
            Map.entry("createOffers", Fixture.write("/v1/staffing-requests/{staffingRequestId}",
                    "{\"workerIds\":[\"{workerId}\"]}").forMembersToo()),
            Map.entry("getOffer", Fixture.read().forMembersToo()),
            Map.entry("releaseOffer", offerAction()),
            Map.entry("withdrawOffer", offerAction()),
            Map.entry("updateStaffingRequest", Fixture.write("/v1/staffing-requests/{staffingRequestId}",
                    "{\"notes\":\"Gekaapt\"}").forMembersToo()),
            Map.entry("cancelStaffingRequest", Fixture.write("/v1/staffing-requests/{staffingRequestId}",
                    "{\"reason\":\"Gekaapt\"}").forMembersToo()),
            Map.entry("getPlacement", Fixture.read().forMembersToo()),
            Map.entry("updatePlacement", placementAction("{\"locationPostcode\":\"1234 AB\"}")),
            Map.entry("confirmPlacement", placementAction("{}")),
            Map.entry("completePlacement", placementAction("{\"actualStartsAt\":\"2027-01-05T17:00:00Z\","
                    + "\"actualEndsAt\":\"2027-01-05T21:00:00Z\",\"breakMinutes\":0}")),
            Map.entry("cancelPlacement", placementAction("{\"reason\":\"Gekaapt\"}")),
            Map.entry("recordPlacementNoShow", placementAction("{}")),
            Map.entry("disputePlacement", placementAction("{\"reason\":\"Gekaapt\"}")),
            // admins only: another member of A is refused by role (403) before any lookup
            Map.entry("resolvePlacementDispute", Fixture.write("/v1/placements/{placementId}",
                    "{\"actualStartsAt\":\"2026-02-03T17:00:00Z\",\"actualEndsAt\":\"2026-02-03T19:00:00Z\","
                            + "\"breakMinutes\":0}")),
            // every member of A reads a settlement, seeing only its own statements and position in it
            Map.entry("getSettlement", Fixture.read()),
            Map.entry("listSettlementLines", Fixture.read()),
            Map.entry("listSettlementStatements", Fixture.read()),
            Map.entry("getSettlementStatement", Fixture.read().forMembersToo()),
            Map.entry("closeSettlement", Fixture.write("/v1/settlements/{settlementId}", "{}")),
            Map.entry("replaceHomeShifts", Fixture.write("/v1/workers/{workerId}", "{\"shifts\":[]}")
                    .withQuery("?from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z")),
            // every member sees every internship offer; only the offering member (or an admin) changes it
            Map.entry("getInternshipOffer", Fixture.read()),
            Map.entry("updateInternshipOffer", Fixture.write("/v1/internship-offers/{internshipOfferId}", "{\"places\":5}")),
            Map.entry("closeInternshipOffer", Fixture.write("/v1/internship-offers/{internshipOfferId}", null)),
            // an applicant is seen only by the coordinator and the members she was shared with
            Map.entry("getInternshipApplicant", Fixture.read().forMembersToo()),
            Map.entry("updateInternshipApplicant", Fixture.write("/v1/internship-applicants/{applicantId}",
                    "{\"studyYear\":4}")),
            Map.entry("uploadInternshipDocument", Fixture.write("/v1/internship-applicants/{applicantId}/documents",
                    UPLOAD)),
            Map.entry("listInternshipDocuments", Fixture.read().forMembersToo()),
            // the owner's check reads the list: a download of its own would be recorded
            Map.entry("downloadInternshipDocument", Fixture.write("/v1/internship-applicants/{applicantId}/documents",
                    null).forMembersToo()),
            Map.entry("listInternshipDocumentDownloads", Fixture.read()),
            Map.entry("createInternshipShare", Fixture.write("/v1/internship-applicants/{applicantId}",
                    "{\"memberId\":\"{memberId}\"}")),
            Map.entry("listInternshipShares", Fixture.read().forMembersToo()),
            Map.entry("inviteInternshipShare", shareAction()),
            Map.entry("offerInternshipShare", shareAction()),
            Map.entry("acceptInternshipShare", shareAction()),
            Map.entry("declineInternshipShare", shareAction()),
            Map.entry("withdrawInternshipShare", shareAction()),
            // any member sees a worker's schedule as busy intervals; only other cooperatives get 404
            Map.entry("getWorkerSchedule", Fixture.read()
                    .withQuery("?from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z")),
            Map.entry("getWorkerAvailability", Fixture.read()),
            // the export carries the moment it was made; the worker stands for it in the before/after comparison
            Map.entry("getWorkerDataExport", new Fixture("/v1/workers/{workerId}", null, false, "")),
            Map.entry("eraseWorker", Fixture.write("/v1/workers/{workerId}", null)),
            Map.entry("eraseInternshipApplicant", Fixture.write("/v1/internship-applicants/{applicantId}", null)),
            Map.entry("getInternshipApplicantDataExport",
                    new Fixture("/v1/internship-applicants/{applicantId}", null, false, "")),
            Map.entry("getWebhookEndpoint", Fixture.read().forMembersToo()),
            Map.entry("deleteWebhookEndpoint", endpointAction()),
            Map.entry("updateWebhookEndpoint", Fixture.write("/v1/webhook-endpoints/{endpointId}",
                    "{\"description\":\"Gekaapt\"}").forMembersToo()),
            Map.entry("rotateWebhookSecret", endpointAction()),
            Map.entry("enableWebhookEndpoint", endpointAction()),
            Map.entry("listWebhookDeliveries", Fixture.read().forMembersToo()),
            Map.entry("retryWebhookDelivery",
                    Fixture.write("/v1/webhook-endpoints/{endpointId}/deliveries", null).forMembersToo()));

    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");

    private static UUID tenantA;
    private static UUID tenantB;
    private static String adminA;
    private static String outsiderMemberOfA;
    private static String workerOfA;
    /** Path parameter name → the id of a real object of cooperative A. */
    private static final Map<String, String> IDS = new LinkedHashMap<>();

    private static Fixture shareAction() {
        return Fixture.write("/v1/internship-applicants/{applicantId}/shares", null).forMembersToo();
    }

    private static Fixture placementAction(String body) {
        return Fixture.write("/v1/placements/{placementId}", body).forMembersToo();
    }

    private static Fixture endpointAction() {
        return Fixture.write("/v1/webhook-endpoints/{endpointId}", null).forMembersToo();
    }

    private static Fixture offerAction() {
        return Fixture.write("/v1/offers/{offerId}", null).forMembersToo();
    }

    private static Fixture agreementAction(String body) {
        return Fixture.write("/v1/loan-agreements/{agreementId}", body).forMembersToo();
    }

    @BeforeAll
    static void cooperativeAWithOneOfEverything() throws Exception {
        tenantA = newCooperative();
        tenantB = newCooperative();
        newMember(tenantB, "Praktijk in B");
        adminA = TestApp.adminToken(tenantA);
        Member lender = newMember(tenantA, "Praktijk De Linde");
        Member borrower = newMember(tenantA, "Praktijk Het Anker");
        Member outsider = newMember(tenantA, "Praktijk Buiten");
        outsiderMemberOfA = TestApp.memberToken(tenantA, outsider.getId());

        WorkersApi workers = new WorkersApi(TestApp.client(adminA));
        UUID worker = workers.createWorker(workerCreate(lender.getId(), "Sanne", "de Vries"), null).getId();
        UUID pooledWorker = workers.createWorker(workerCreate(lender.getId(), "Fleur", "Jansen"), null).getId();
        PoolsApi pools = new PoolsApi(TestApp.client(adminA));
        UUID pool = pools.createPool(new PoolCreate().name("Flexpool"), null).getId();
        UUID membership = pools.createPoolMembership(pool, new PoolMembershipCreate().workerId(pooledWorker)
                .kind(MembershipKind.FLEX).from(LocalDate.of(2026, 1, 5)), null).getId();
        UUID agreement = new LoanAgreementsApi(TestApp.client(adminA)).createLoanAgreement(new LoanAgreementCreate()
                .lenderMemberId(lender.getId()).borrowerMemberId(borrower.getId()).workerId(worker)
                .role(QualificationRole.DOKTERSASSISTENT).startDate(LocalDate.of(2027, 1, 4)).hoursPerWeek(8)
                .tariffCentsPerHour(3150L).waadiRegime(WaadiRegime.COLLEGIAL_NO_PROFIT), null).getId();

        workerOfA = TestApp.workerToken(tenantA, pooledWorker);

        IDS.put("cooperativeId", tenantA.toString());
        IDS.put("memberId", lender.getId().toString());
        IDS.put("workerId", worker.toString());
        IDS.put("poolId", pool.toString());
        IDS.put("membershipId", membership.toString());
        IDS.put("agreementId", agreement.toString());

        // the lender's endpoint, on a host the test resolves to a public address (nothing is sent to it: the
        // deliverer does not run during tests), gets a delivery of the placement below (made by dispatchOnce)
        nl.regiopool.webhook.WebhookUrls urls = ((nl.regiopool.RegiopoolApplication) TestApp.APP.getApplication()).webhookUrls();
        urls.resolver(host -> new java.net.InetAddress[] {java.net.InetAddress.getByName("93.184.216.34")});
        WebhooksApi lenderWebhooks = new WebhooksApi(TestApp.client(TestApp.memberToken(tenantA, lender.getId())));
        UUID endpoint;
        try {
            endpoint = lenderWebhooks.createWebhookEndpoint(new WebhookEndpointCreate().url("https://hooks.linde.example/in")
                    .eventTypes(List.of("placement.created")), null).getId();
        } finally {
            urls.resolver(java.net.InetAddress::getAllByName);
        }
        IDS.put("endpointId", endpoint.toString());

        UUID placed = workers.createWorker(workerCreate(lender.getId(), "Noor", "Bakker"), null).getId();
        LoanAgreement active = activeAgreement(tenantA, lender.getId(), borrower.getId(), placed,
                QualificationRole.DOKTERSASSISTENT, LocalDate.of(2027, 1, 4), null, 16, null);
        UUID placement = new PlacementsApi(TestApp.client(adminA)).createPlacement(new PlacementCreate()
                .agreementId(active.getId()).startsAt(java.time.OffsetDateTime.parse("2027-01-05T17:00:00Z"))
                .endsAt(java.time.OffsetDateTime.parse("2027-01-05T21:00:00Z")), null).getId();
        IDS.put("placementId", placement.toString());
        UUID settledWorker = workers.createWorker(workerCreate(lender.getId(), "Lotte", "Visser"), null).getId();
        LoanAgreement settled = activeAgreement(tenantA, lender.getId(), borrower.getId(), settledWorker,
                QualificationRole.DOKTERSASSISTENT, LocalDate.of(2026, 1, 5), null, 16, null);
        PlacementsApi placements = new PlacementsApi(TestApp.client(adminA));
        UUID worked = placements.createPlacement(new PlacementCreate().agreementId(settled.getId())
                .startsAt(java.time.OffsetDateTime.parse("2026-02-03T17:00:00Z"))
                .endsAt(java.time.OffsetDateTime.parse("2026-02-03T21:00:00Z")), null).getId();
        placements.confirmPlacement(worked, "*", null, new ConfirmPlacementRequest());
        placements.completePlacement(worked, "*", new CompletePlacementRequest()
                .actualStartsAt(java.time.OffsetDateTime.parse("2026-02-03T17:00:00Z"))
                .actualEndsAt(java.time.OffsetDateTime.parse("2026-02-03T21:00:00Z")).breakMinutes(0), null);
        Settlement settlement = new SettlementsApi(TestApp.client(adminA))
                .createSettlement(new SettlementCreate().period("2026-02"), null);
        IDS.put("settlementId", settlement.getId().toString());
        IDS.put("statementId", settlement.getStatements().get(0).getId().toString());
        ((nl.regiopool.RegiopoolApplication) TestApp.APP.getApplication()).deliverer().dispatchOnce();
        IDS.put("deliveryId", lenderWebhooks.listWebhookDeliveries(endpoint, null, null).getData().get(0).getId().toString());
        UUID staffingRequest = new StaffingRequestsApi(TestApp.client(adminA)).createStaffingRequest(
                new StaffingRequestCreate().memberId(borrower.getId()).role(QualificationRole.DOKTERSASSISTENT)
                        .kind(StaffingRequestKind.SHIFTS).shifts(List.of(new RequestedShiftInput()
                                .startsAt(java.time.OffsetDateTime.now().plusDays(30))
                                .endsAt(java.time.OffsetDateTime.now().plusDays(30).plusHours(4)))), null).getId();
        IDS.put("staffingRequestId", staffingRequest.toString());
        new PoolsApi(TestApp.client(adminA)).createPoolMembership(pool, new PoolMembershipCreate().workerId(placed)
                .kind(MembershipKind.FLEX).from(LocalDate.of(2026, 1, 5)), null);
        UUID offer = new StaffingRequestsApi(TestApp.client(adminA)).createOffers(staffingRequest,
                new nl.regiopool.client.model.OfferCreate().workerIds(java.util.Set.of(placed)), null)
                .getData().get(0).getId();
        IDS.put("offerId", offer.toString());
        nl.regiopool.client.api.AuditApi audit = new nl.regiopool.client.api.AuditApi(TestApp.client(adminA));
        audit.verifyAuditChain();
        IDS.put("sequence", audit.listAuditCheckpoints(null, null).getData().get(0).getSequence().toString());
        String code = "CAO_ALLEEN_A";
        new CaoRuleSetsApi(TestApp.client(adminA)).createCaoRuleSet(new CaoRuleSetCreate().code(code).name("Alleen in A")
                ._extends("ATW"), null);
        IDS.put("code", code);

        InternshipsApi internships = new InternshipsApi(TestApp.client(adminA));
        UUID internshipOffer = internships.createInternshipOffer(new InternshipOfferCreate().memberId(lender.getId())
                .role(InternshipRole.DOKTERSASSISTENT).track(InternshipTrack.BOL).startDate(LocalDate.of(2027, 9, 1))
                .endDate(LocalDate.of(2028, 1, 31)).hoursPerWeek(32).places(2).supervisorName("Dr. Jansen"), null).getId();
        UUID applicant = internships.createInternshipApplicant(new InternshipApplicantCreate().givenName("Eva")
                .familyName("Smit").school("Graafschap College").programme("Doktersassistent")
                .sharingConsent(new SharingConsent().givenOn(LocalDate.of(2027, 6, 1)).method(SharingConsentMethod.SIGNED_FORM)),
                null).getId();
        java.io.File cv = java.io.File.createTempFile("cross-tenant-cv", ".pdf");
        cv.deleteOnExit();
        java.nio.file.Files.writeString(cv.toPath(), "%PDF-1.4\n%%EOF\n");
        UUID document = internships.uploadInternshipDocument(applicant, InternshipDocumentKind.CV, cv, null).getId();
        UUID share = internships.createInternshipShare(applicant, new InternshipShareCreate().memberId(lender.getId())
                .offerId(internshipOffer), null).getId();
        IDS.put("internshipOfferId", internshipOffer.toString());
        IDS.put("applicantId", applicant.toString());
        IDS.put("documentId", document.toString());
        IDS.put("shareId", share.toString());
    }

    static Stream<Operation> operationsWithAnId() {
        return SpecOperations.all().stream().filter(operation -> operation.pathTemplate().contains("{"));
    }

    @Test
    void everyOperationWithAnIdHasAFixture() {
        List<String> missing = operationsWithAnId().map(Operation::operationId)
                .filter(id -> !FIXTURES.containsKey(id) && !NOT_TENANT_DATA.containsKey(id)).toList();
        assertThat(missing).as("operations with an id but no cross-tenant fixture in CrossTenantTest").isEmpty();
        List<String> unknownParameters = operationsWithAnId()
                .flatMap(operation -> parameters(operation.pathTemplate()).stream())
                .filter(name -> !IDS.containsKey(name)).distinct().toList();
        assertThat(unknownParameters).as("path parameters CrossTenantTest has no real object for").isEmpty();
    }

    static Stream<Operation> tenantOperationsWithAnId() {
        return operationsWithAnId().filter(operation -> !NOT_TENANT_DATA.containsKey(operation.operationId()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantOperationsWithAnId")
    void anotherCooperativesAdminCanNeitherSeeNorChangeAnything(Operation operation) {
        assertForeignCallerGets404(operation, TestApp.adminToken(tenantB));
    }

    static Stream<Operation> memberScopedOperations() {
        return tenantOperationsWithAnId().filter(operation -> fixture(operation).memberScoped());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("memberScopedOperations")
    void anotherMemberOfTheSameCooperativeCanNeitherSeeNorChangeAnything(Operation operation) {
        assertThat(operation.roles()).as("a member-scoped operation is open to members").contains("member");
        assertForeignCallerGets404(operation, outsiderMemberOfA);
    }

    /**
     * A worker token reaches no object by id that is not its own: 403 for operations not open to workers, 404 for
     * those that are (the offer in the fixtures is made to another worker).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tenantOperationsWithAnId")
    void aWorkerOfTheSameCooperativeCanNeitherSeeNorChangeAnything(Operation operation) {
        Fixture fixture = fixture(operation);
        String path = filled(operation.pathTemplate()) + fixture.query();
        Map<String, String> rowsBefore = tenantRows();

        HttpResponse<String> response = Http.send(operation.method(), path, workerOfA,
                fixture.body() == null ? null
                        : operation.isMultipart() ? "multipart/form-data; boundary=" + BOUNDARY : "application/json",
                fixture.body() == null ? null : filled(fixture.body()), "If-Match", "*");

        assertThat(response.statusCode()).as(response.body()).isIn(403, 404);
        assertThat(tenantRows()).isEqualTo(rowsBefore);
    }

    private static void assertForeignCallerGets404(Operation operation, String foreignToken) {
        Fixture fixture = fixture(operation);
        String path = filled(operation.pathTemplate()) + fixture.query();
        String objectPath = fixture.objectPath() == null ? path : filled(fixture.objectPath());
        HttpResponse<String> before = Http.get(objectPath, adminA);
        assertThat(before.statusCode()).as("the owner reads the object: " + before.body()).isEqualTo(200);
        Map<String, String> rowsBefore = tenantRows();

        HttpResponse<String> response = Http.send(operation.method(), path, foreignToken,
                fixture.body() == null ? null
                        : operation.isMultipart() ? "multipart/form-data; boundary=" + BOUNDARY : "application/json",
                fixture.body() == null ? null : filled(fixture.body()),
                "If-Match", before.headers().firstValue("ETag").orElse("\"1\""));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Problems.parse(response.body()).getCode()).isEqualTo("NOT_FOUND");
        HttpResponse<String> after = Http.get(objectPath, adminA);
        assertThat(after.body()).isEqualTo(before.body());
        assertThat(after.headers().firstValue("ETag")).isEqualTo(before.headers().firstValue("ETag"));
        assertThat(tenantRows()).isEqualTo(rowsBefore);
    }

    private static Fixture fixture(Operation operation) {
        return Optional.ofNullable(FIXTURES.get(operation.operationId())).orElseGet(() ->
                fail("No cross-tenant fixture for " + operation + ": add one to CrossTenantTest.FIXTURES"));
    }

    private static List<String> parameters(String template) {
        List<String> names = new ArrayList<>();
        Matcher matcher = PARAMETER.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String filled(String template) {
        Matcher matcher = PARAMETER.matcher(template);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String id = IDS.get(matcher.group(1));
            if (id == null) {
                fail("No real object of cooperative A for {" + matcher.group(1) + "} in " + template);
            }
            matcher.appendReplacement(result, id);
        }
        return matcher.appendTail(result).toString();
    }

    /** A digest of every row of both cooperatives, per table, read as the superuser (past row-level security). */
    /**
     * What the sealer writes in the background, whenever earlier writes' events are due: a request's own events are
     * still compared by everything else in them.
     */
    private static final List<String> SEALER_TABLES = List.of("audit_chain_head", "audit_checkpoint",
            "audit_chain_migration");
    private static final String SEALER_COLUMNS =
            "ARRAY['sequence', 'previous_hash', 'hash', 'hash_version', 'payload_digest', 'legacy_hash']";

    private static Map<String, String> tenantRows() {
        Map<String, String> digests = new LinkedHashMap<>();
        try (Connection superuser = TestApp.superuserConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = superuser.createStatement().executeQuery("""
                    SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
                    WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace ORDER BY c.relname""")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertThat(tables).contains("member", "worker", "pool", "loan_agreement", "audit_event");
            tables.removeAll(SEALER_TABLES);
            for (String table : tables) {
                String row = table.equals("audit_event") ? "(to_jsonb(t) - " + SEALER_COLUMNS + ")::text" : "t::text";
                try (PreparedStatement digest = superuser.prepareStatement("SELECT count(*) || ':' || coalesce(md5("
                        + "string_agg(" + row + ", '|' ORDER BY " + row + ")), '') FROM " + table
                        + " t WHERE tenant_id IN (?, ?)")) {
                    digest.setObject(1, tenantA);
                    digest.setObject(2, tenantB);
                    try (ResultSet rows = digest.executeQuery()) {
                        rows.next();
                        digests.put(table, rows.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return digests;
    }

    private static final Pattern TENANT_COMPARED_WITH_A_VALUE =
            Pattern.compile("tenant_id\\s*(=|<>|!=|IN)\\s*(\\(\\s*)?[:?]", Pattern.CASE_INSENSITIVE);

    /** Where main code may compare tenant_id with a bound value, and why that is no tenant filter. */
    private static final Map<String, String> ALLOWED = Map.of(
            "nl/regiopool/http/Idempotency.java", "the scope is part of an idempotency key's identity");

    @Test
    void noDataAccessCodeFiltersByTheCallersTenant() throws IOException {
        Path main = Path.of("src", "main", "java");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                String relative = main.relativize(file).toString().replace('\\', '/');
                Matcher matcher = TENANT_COMPARED_WITH_A_VALUE.matcher(read(file));
                while (matcher.find()) {
                    if (!ALLOWED.containsKey(relative)) {
                        offenders.add(relative + ": " + matcher.group());
                    }
                }
            });
        }
        assertThat(offenders).as("SQL filtering by tenant_id besides row-level security (see the class Javadoc)")
                .isEmpty();
        for (String allowed : ALLOWED.keySet()) {
            assertThat(TENANT_COMPARED_WITH_A_VALUE.matcher(read(main.resolve(allowed))).find())
                    .as("allowed exception %s still needed", allowed).isTrue();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
