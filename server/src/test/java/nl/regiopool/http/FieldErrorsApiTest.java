package nl.regiopool.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import nl.regiopool.client.model.FieldError;
import nl.regiopool.client.model.Problem;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.Http;
import nl.regiopool.testing.Problems;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A client can fix its request from the error alone: every invalid field named, with what it accepts. */
class FieldErrorsApiTest extends ApiTest {

    private static UUID tenant;
    private static String admin;
    private static UUID employer;

    @BeforeAll
    static void cooperative() throws Exception {
        tenant = newCooperative();
        admin = TestApp.adminToken(tenant);
        employer = newMember(tenant, "Huisartsenpraktijk De Linde").getId();
    }

    private static Problem invalid(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        Problem problem = Problems.parse(response.body());
        assertThat(problem.getCode()).isEqualTo("VALIDATION_FAILED");
        return problem;
    }

    private static FieldError error(Problem problem, String field) {
        return problem.getErrors().stream().filter(error -> error.getField().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no error for " + field + " in " + problem.getErrors()));
    }

    @Test
    void everyInvalidFieldOfABodyIsReportedAtOnce() {
        Map<String, Long> before = allRowCounts();
        Problem problem = invalid(Http.send("POST", "/v1/workers", admin, "application/json", """
                {"givenName": "", "familyName": 5, "employerMemberId": "not-a-uuid",
                 "qualifications": [{"role": "DOKTER", "bigNumber": "12"}, {"role": "POH_GGZ", "rank": 1}],
                 "contractHoursPerWeek": "24", "contractType": "FOREVER", "hourlyCost": 3150, "postcode": "7001 AB"}
                """));

        assertThat(problem.getErrors()).extracting(FieldError::getField, FieldError::getCode).containsExactly(
                tuple("contractHoursPerWeek", "INVALID_TYPE"),
                tuple("contractType", "INVALID_VALUE"),
                tuple("employerMemberId", "INVALID_FORMAT"),
                tuple("familyName", "INVALID_TYPE"),
                tuple("givenName", "INVALID_LENGTH"),
                tuple("hourlyCost", "UNKNOWN_FIELD"),
                tuple("hourlyCostCents", "REQUIRED"),
                tuple("qualifications[0].bigNumber", "INVALID_FORMAT"),
                tuple("qualifications[0].role", "INVALID_VALUE"),
                tuple("qualifications[1].rank", "UNKNOWN_FIELD"));
        assertThat(problem.getDetail()).contains("10 invalid field(s)");
        assertThat(error(problem, "hourlyCost").getMessage()).contains("Did you mean 'hourlyCostCents'?");
        assertThat(allRowCounts()).isEqualTo(before);
    }

    @Test
    void aMisspeltFieldIsUnknownNextToTheMissingOne() {
        Problem problem = invalid(Http.send("POST", "/v1/workers", admin, "application/json", """
                {"givenName": "Sanne", "familyName": "de Vries", "employerMemberId": "%s",
                 "contractHoursPerWeek": 24, "contractType": "INDEFINITE", "hourlyCost": 3150, "postcode": "7001 AB"}
                """.formatted(employer)));

        assertThat(problem.getErrors()).extracting(FieldError::getField, FieldError::getCode).containsExactly(
                tuple("hourlyCost", "UNKNOWN_FIELD"), tuple("hourlyCostCents", "REQUIRED"));
    }

    @Test
    void badEnumOrFormattedFieldsNameWhatIsExpected() {
        Problem member = invalid(Http.send("POST", "/v1/members", admin, "application/json",
                "{\"name\":\"x\",\"kvkNumber\":\"12345678\",\"sector\":\"BAKERY\",\"postcode\":\"1234 AB\","
                        + "\"iban\":\"NL91ABNA0417164300\",\"joinedOn\":\"31-01-2027\"}"));
        assertThat(error(member, "sector").getMessage()).contains("GP_PRACTICE", "ELDERLY_CARE", "OTHER")
                .doesNotContain("not allowed here");
        assertThat(error(member, "joinedOn").getMessage()).contains("2027-01-31");
        assertThat(error(member, "joinedOn").getCode()).isEqualTo("INVALID_FORMAT");

        Problem instant = invalid(Http.send("POST", "/v1/placements", admin, "application/json",
                "{\"agreementId\":\"" + UUID.randomUUID() + "\",\"startsAt\":\"2027-01-31 09:00\","
                        + "\"endsAt\":\"2027-01-31T13:00:00+01:00\",\"breakMinutes\":0}"));
        assertThat(error(instant, "startsAt").getMessage()).contains("2027-01-31T09:00:00+01:00");

        Problem id = invalid(Http.send("POST", "/v1/pools/" + UUID.randomUUID() + "/memberships", admin,
                "application/json", "{\"workerId\":\"42\",\"kind\":\"FLEX\",\"from\":\"2027-01-01\"}"));
        assertThat(error(id, "workerId").getMessage()).contains("UUID");
    }

    @Test
    void badQueryParametersNameWhatIsExpected() {
        Problem status = invalid(Http.get("/v1/members?status=GONE", admin));
        assertThat(error(status, "query.status").getMessage()).contains("ACTIVE", "SUSPENDED", "LEFT");

        Problem worker = invalid(Http.get("/v1/placements?workerId=sanne", admin));
        assertThat(error(worker, "query.workerId").getMessage()).contains("UUID");

        Problem date = invalid(Http.get("/v1/loan-agreements?periodFrom=31-01-2027", admin));
        assertThat(error(date, "query.periodFrom").getMessage()).contains("2027-01-31");

        Problem word = invalid(Http.get("/v1/audit-events?from=yesterday", admin));
        assertThat(error(word, "query.from").getMessage()).contains("2027-01-31T09:00:00+01:00")
                .doesNotContain("%2B");

        // an unencoded '+' arrives as a space
        Problem plus = invalid(Http.get("/v1/audit-events?from=2027-01-31T09:00:00+01:00", admin));
        assertThat(error(plus, "query.from").getMessage()).contains("2027-01-31T09:00:00+01:00", "%2B");
    }
}
