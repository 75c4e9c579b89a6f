package nl.regiopool.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.UUID;
import nl.regiopool.client.model.FieldError;
import nl.regiopool.client.model.Problem;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.Http;
import nl.regiopool.testing.Problems;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.Test;

/** A cursor only works unchanged, on the list (path and filters) it came from. */
class CursorsApiTest extends ApiTest {

    private static String nextCursor(HttpResponse<String> page) throws Exception {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return new ObjectMapper().readTree(page.body()).get("nextCursor").asText();
    }

    private static void invalidCursor(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        Problem problem = Problems.parse(response.body());
        assertThat(problem.getErrors()).extracting(FieldError::getField, FieldError::getCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("query.cursor", "INVALID_CURSOR"));
    }

    @Test
    void aTamperedOrMovedCursorIsRefused() throws Exception {
        UUID tenant = newCooperative();
        String admin = TestApp.adminToken(tenant);
        for (int i = 0; i < 3; i++) {
            newMember(tenant, "Praktijk " + i);
        }
        String cursor = nextCursor(Http.get("/v1/members?limit=1", admin));
        assertThat(Http.get("/v1/members?limit=1&cursor=" + cursor, admin).statusCode()).isEqualTo(200);
        assertThat(Http.get("/v1/members?limit=2&cursor=" + cursor, admin).statusCode()).as("another page size").isEqualTo(200);

        for (int i = 0; i < cursor.length(); i++) {
            char flipped = cursor.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = cursor.substring(0, i) + flipped + cursor.substring(i + 1);
            invalidCursor(Http.get("/v1/members?limit=1&cursor=" + tampered, admin));
        }
        invalidCursor(Http.get("/v1/workers?limit=1&cursor=" + cursor, admin));
        invalidCursor(Http.get("/v1/members?limit=1&status=ACTIVE&cursor=" + cursor, admin));
        String unsigned = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        invalidCursor(Http.get("/v1/members?limit=1&cursor=" + unsigned, admin));
    }
}
