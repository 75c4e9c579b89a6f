package nl.regiopool.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import nl.regiopool.client.api.MembersApi;
import nl.regiopool.client.api.PlacementsApi;
import nl.regiopool.client.api.PoolsApi;
import nl.regiopool.client.api.WebhooksApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.MembershipKind;
import nl.regiopool.client.model.PlacementCreate;
import nl.regiopool.client.model.PoolCreate;
import nl.regiopool.client.model.PoolMembershipCreate;
import nl.regiopool.client.model.QualificationRole;
import nl.regiopool.client.model.WebhookEndpointCreate;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.Http;
import nl.regiopool.testing.SpecOperations;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Absent means unchanged, for every field of every PATCH in the spec: with all the other fields sent, the
 * field keeps the value it had. Each PATCH operation needs a fixture here (a resource and a body setting every
 * field of its schema to a valid, non-default value), so a new PATCH or a new field cannot go untested.
 */
class PatchAbsentFieldsTest extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A resource to patch (also where it is read) and a patch body naming every field of the schema. */
    private record Fixture(String path, String token, ObjectNode fullPatch) {
    }

    private interface FixtureMaker {
        Fixture make() throws Exception;
    }

    private static final Map<String, FixtureMaker> FIXTURES = Map.of(
            "updateMember", PatchAbsentFieldsTest::member,
            "updateWorker", PatchAbsentFieldsTest::worker,
            "updatePool", PatchAbsentFieldsTest::pool,
            "updatePoolMembership", PatchAbsentFieldsTest::membership,
            "updateSettings", PatchAbsentFieldsTest::settings,
            "updateInternshipOffer", PatchAbsentFieldsTest::internshipOffer,
            "updateInternshipApplicant", PatchAbsentFieldsTest::internshipApplicant,
            "updatePlacement", PatchAbsentFieldsTest::placement,
            "updateStaffingRequest", PatchAbsentFieldsTest::staffingRequest,
            "updateWebhookEndpoint", PatchAbsentFieldsTest::webhookEndpoint);

    static Stream<SpecOperations.Operation> patchOperations() {
        return SpecOperations.all().stream().filter(operation -> operation.method().equals("PATCH"));
    }

    @Test
    void everyPatchOperationHasAFixtureNamingEveryField() throws Exception {
        List<String> missing = new ArrayList<>();
        for (SpecOperations.Operation operation : patchOperations().toList()) {
            FixtureMaker maker = FIXTURES.get(operation.operationId());
            if (maker == null) {
                missing.add(operation.operationId());
                continue;
            }
            ObjectNode full = maker.make().fullPatch();
            fields(operation).stream().filter(field -> !full.has(field))
                    .forEach(field -> missing.add(operation.operationId() + "." + field));
        }
        assertThat(missing).as("PATCH operations or fields without a value in the fixtures").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patchOperations")
    void anAbsentFieldKeepsItsValue(SpecOperations.Operation operation) throws Exception {
        Fixture fixture = FIXTURES.get(operation.operationId()).make();
        for (String field : fields(operation)) {
            HttpResponse<String> read = Http.get(fixture.path(), fixture.token());
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            JsonNode before = JSON.readTree(read.body());
            ObjectNode patch = fixture.fullPatch().deepCopy();
            patch.remove(field);

            HttpResponse<String> patched = Http.send("PATCH", fixture.path(), fixture.token(), "application/json",
                    patch.toString(), "If-Match", read.headers().firstValue("ETag").orElseThrow());

            assertThat(patched.statusCode()).as(field + " absent → " + patched.body()).isEqualTo(200);
            JsonNode after = JSON.readTree(patched.body());
            assertThat(after.get(field)).as(operation.operationId() + ": " + field + " was not sent")
                    .isEqualTo(before.get(field));
            assertThat(JSON.readTree(Http.get(fixture.path(), fixture.token()).body()).get(field))
                    .as(operation.operationId() + ": " + field + " as stored").isEqualTo(before.get(field));
        }
    }

    @Test
    void theSdkLeavesUnsetListsOut() throws Exception {
        UUID tenant = newCooperative();
        String admin = TestApp.adminToken(tenant);
        UUID member = newMember(tenant, "Huisartsenpraktijk De Linde").getId();
        WorkersApi workers = new WorkersApi(TestApp.client(admin));
        nl.regiopool.client.ApiResponse<nl.regiopool.client.model.Worker> created = workers.createWorkerWithHttpInfo(
                workerCreate(member, "Sanne", "Bakker"), null);
        nl.regiopool.client.model.Worker patched = workers.updateWorker(created.getData().getId(),
                etag(created), new nl.regiopool.client.model.WorkerPatch().phone("+31 6 11111111"));
        assertThat(patched.getQualifications()).extracting(q -> q.getRole()).containsExactly(QualificationRole.DOKTERSASSISTENT);

        PoolsApi pools = new PoolsApi(TestApp.client(admin));
        nl.regiopool.client.ApiResponse<nl.regiopool.client.model.Pool> pool = pools.createPoolWithHttpInfo(new PoolCreate()
                .name("Flexpool").allowedRoles(java.util.Set.of(QualificationRole.POH_GGZ)), null);
        assertThat(pools.updatePool(pool.getData().getId(), etag(pool),
                new nl.regiopool.client.model.PoolPatch().description("Alleen POH")).getAllowedRoles()).containsExactly(QualificationRole.POH_GGZ);
    }

    private static List<String> fields(SpecOperations.Operation operation) {
        JsonNode schema = SpecOperations.resolve(
                operation.definition().at("/requestBody/content/application~1json/schema"));
        List<String> names = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ObjectNode body(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Fixture member() throws Exception {
        UUID tenant = newCooperative();
        UUID member = new MembersApi(TestApp.client(TestApp.adminToken(tenant))).createMember(
                memberCreate("Huisartsenpraktijk De Linde").latitude(52.0).longitude(6.0), null).getId();
        return new Fixture("/v1/members/" + member, TestApp.adminToken(tenant), body("""
                {"name": "Huisartsenpraktijk De Linde B.V.", "agbCode": "01234567", "sector": "GP_ORGANISATION",
                 "caoRuleSetCode": "CAO_HUISARTSENZORG", "postcode": "7002 CD", "iban": "NL02ABNA0123456789",
                 "status": "ACTIVE", "autoRelease": true, "latitude": 52.1, "longitude": 6.1}"""));
    }

    private static Fixture worker() throws Exception {
        UUID tenant = newCooperative();
        UUID member = newMember(tenant, "Huisartsenpraktijk De Linde").getId();
        UUID worker = new WorkersApi(TestApp.client(TestApp.adminToken(tenant)))
                .createWorker(workerCreate(member, "Sanne", "Bakker").latitude(52.0).longitude(6.0), null).getId();
        return new Fixture("/v1/workers/" + worker, TestApp.adminToken(tenant), body("""
                {"givenName": "Sanna", "familyName": "de Bakker", "email": "sanna@example.nl", "phone": "+31 6 87654321",
                 "qualifications": [{"role": "DOKTERSASSISTENT"}, {"role": "POH_GGZ"}], "contractHoursPerWeek": 28,
                 "contractType": "INDEFINITE", "hourlyCostCents": 3300, "postcode": "7002 CD", "status": "ACTIVE",
                 "latitude": 52.1, "longitude": 6.1}"""));
    }

    private static Fixture pool() throws Exception {
        UUID tenant = newCooperative();
        UUID pool = new PoolsApi(TestApp.client(TestApp.adminToken(tenant))).createPool(new PoolCreate()
                .name("Flexpool assistenten").description("Assistenten").allowedRoles(java.util.Set.of(
                        QualificationRole.DOKTERSASSISTENT)), null).getId();
        return new Fixture("/v1/pools/" + pool, TestApp.adminToken(tenant), body("""
                {"name": "Flexpool assistenten en POH", "description": "Assistenten en POH",
                 "allowedRoles": ["DOKTERSASSISTENT", "POH_GGZ"]}"""));
    }

    /** On TEST-NET-1 addresses: public by the URL check, never delivered to (the new cooperative has no events). */
    private static Fixture webhookEndpoint() throws Exception {
        UUID tenant = newCooperative();
        UUID endpoint = new WebhooksApi(TestApp.client(TestApp.adminToken(tenant))).createWebhookEndpoint(
                new WebhookEndpointCreate().url("https://192.0.2.10/in").eventTypes(List.of("placement.created"))
                        .description("Roosterkoppeling"), null).getId();
        return new Fixture("/v1/webhook-endpoints/" + endpoint, TestApp.adminToken(tenant), body("""
                {"url": "https://192.0.2.11/hooks", "eventTypes": ["placement.cancelled", "placement.created"],
                 "description": "Roosterkoppeling v2"}"""));
    }

    private static Fixture membership() throws Exception {
        UUID tenant = newCooperative();
        String admin = TestApp.adminToken(tenant);
        UUID member = newMember(tenant, "Huisartsenpraktijk De Linde").getId();
        UUID worker = new WorkersApi(TestApp.client(admin)).createWorker(workerCreate(member, "Sanne", "Bakker"), null)
                .getId();
        PoolsApi pools = new PoolsApi(TestApp.client(admin));
        UUID pool = pools.createPool(new PoolCreate().name("Flexpool"), null).getId();
        UUID membership = pools.createPoolMembership(pool, new PoolMembershipCreate().workerId(worker)
                .kind(MembershipKind.FLEX).from(LocalDate.of(2027, 1, 1)).to(LocalDate.of(2027, 6, 30))
                .maxHoursPerWeek(8), null).getId();
        return new Fixture("/v1/pools/" + pool + "/memberships/" + membership, admin, body("""
                {"to": "2027-12-31", "maxHoursPerWeek": 12}"""));
    }

    private static Fixture settings() throws Exception {
        UUID tenant = newCooperative();
        return new Fixture("/v1/settings", TestApp.adminToken(tenant), body("""
                {"marginPercent": 2.5, "serviceFeeCentsPerHour": 300, "minHomeEmployerSharePercent": 50,
                 "timeZone": "Europe/Brussels", "adminApprovesAmendments": true, "disputeDays": 14,
                 "applicantRetentionDays": 60}"""));
    }

    private static Fixture internshipOffer() throws Exception {
        UUID tenant = newCooperative();
        UUID member = newMember(tenant, "Huisartsenpraktijk De Linde").getId();
        UUID offer = new nl.regiopool.client.api.InternshipsApi(TestApp.client(TestApp.adminToken(tenant)))
                .createInternshipOffer(new nl.regiopool.client.model.InternshipOfferCreate().memberId(member)
                        .role(nl.regiopool.client.model.InternshipRole.DOKTERSASSISTENT)
                        .track(nl.regiopool.client.model.InternshipTrack.BOL).startDate(java.time.LocalDate.of(2027, 9, 1))
                        .endDate(java.time.LocalDate.of(2028, 1, 31)).hoursPerWeek(32).places(2)
                        .supervisorName("Dr. Jansen"), null).getId();
        return new Fixture("/v1/internship-offers/" + offer, TestApp.adminToken(tenant), body("""
                {"startDate": "2027-10-01", "endDate": "2028-02-29", "hoursPerWeek": 24, "places": 3,
                 "supervisorName": "Dr. de Boer"}"""));
    }

    private static Fixture internshipApplicant() throws Exception {
        UUID tenant = newCooperative();
        UUID applicant = new nl.regiopool.client.api.InternshipsApi(TestApp.client(TestApp.adminToken(tenant)))
                .createInternshipApplicant(new nl.regiopool.client.model.InternshipApplicantCreate().givenName("Noor")
                        .familyName("Bakker").school("Aventus").programme("Doktersassistent").email("noor@example.nl")
                        .phone("+31 6 12345678").studyYear(1)
                        .wishes(new nl.regiopool.client.model.InternshipWishes().region("Achterhoek"))
                        .sharingConsent(new nl.regiopool.client.model.SharingConsent()
                                .givenOn(java.time.LocalDate.of(2027, 6, 1))
                                .method(nl.regiopool.client.model.SharingConsentMethod.DIGITAL)), null).getId();
        return new Fixture("/v1/internship-applicants/" + applicant, TestApp.adminToken(tenant), body("""
                {"email": "noor.bakker@example.nl", "phone": "+31 6 87654321", "studyYear": 2,
                 "wishes": {"roles": ["POH_GGZ"], "region": "Twente"},
                 "sharingConsent": {"givenOn": "2027-06-15", "method": "SIGNED_FORM"}}"""));
    }

    private static Fixture placement() throws Exception {
        UUID tenant = newCooperative();
        String admin = TestApp.adminToken(tenant);
        UUID home = newMember(tenant, "Huisartsenpraktijk De Linde").getId();
        UUID borrower = newMember(tenant, "Huisartsenpraktijk Het Anker").getId();
        UUID worker = new WorkersApi(TestApp.client(admin)).createWorker(workerCreate(home, "Sanne", "Bakker"), null)
                .getId();
        UUID agreement = activeAgreement(tenant, home, borrower, worker, QualificationRole.DOKTERSASSISTENT,
                LocalDate.of(2027, 1, 1), LocalDate.of(2027, 12, 31), 16, "CAO_HUISARTSENZORG").getId();
        UUID placement = new PlacementsApi(TestApp.client(admin)).createPlacement(new PlacementCreate()
                .agreementId(agreement).startsAt(java.time.OffsetDateTime.parse("2027-03-03T08:00:00+01:00"))
                .endsAt(java.time.OffsetDateTime.parse("2027-03-03T12:00:00+01:00")).breakMinutes(15)
                .locationPostcode("7001 AB"), null).getId();
        return new Fixture("/v1/placements/" + placement, admin, body("""
                {"startsAt": "2027-03-03T09:00:00+01:00", "endsAt": "2027-03-03T13:00:00+01:00", "breakMinutes": 10,
                 "locationPostcode": "7002 CD", "overrideReason": "Afgesproken met de praktijk"}"""));
    }

    private static Fixture staffingRequest() throws Exception {
        UUID tenant = newCooperative();
        String admin = TestApp.adminToken(tenant);
        UUID member = newMember(tenant, "Huisartsenpraktijk De Linde").getId();
        UUID pool = new PoolsApi(TestApp.client(admin)).createPool(new PoolCreate().name("Flexpool"), null).getId();
        UUID request = new nl.regiopool.client.api.StaffingRequestsApi(TestApp.client(admin)).createStaffingRequest(
                new nl.regiopool.client.model.StaffingRequestCreate().memberId(member)
                        .role(QualificationRole.DOKTERSASSISTENT)
                        .kind(nl.regiopool.client.model.StaffingRequestKind.SHIFTS)
                        .shifts(List.of(new nl.regiopool.client.model.RequestedShiftInput()
                                .startsAt(java.time.OffsetDateTime.parse("2030-03-05T18:00:00+01:00"))
                                .endsAt(java.time.OffsetDateTime.parse("2030-03-05T22:00:00+01:00"))))
                        .locationPostcode("7001 AB").maxTariffCentsPerHour(3300L).notes("Avond"), null).getId();
        return new Fixture("/v1/staffing-requests/" + request, admin, body("""
                {"shifts": [{"startsAt": "2030-03-12T18:00:00+01:00", "endsAt": "2030-03-12T21:00:00+01:00",
                 "breakMinutes": 0}], "locationPostcode": "7002 CD", "maxTariffCentsPerHour": 3500,
                 "poolIds": ["%s"], "notes": "Twee avonden"}""".formatted(pool)));
    }
}
