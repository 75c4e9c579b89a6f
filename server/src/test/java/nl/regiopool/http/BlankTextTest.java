package nl.regiopool.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.regiopool.client.model.FieldError;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.Http;
import nl.regiopool.testing.Problems;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.Test;

/** The API and the database call the same text blank, and blank names are refused with 422 before the database. */
class BlankTextTest extends ApiTest {

    @Test
    void theApiAndTheDatabaseAgreeOnEveryCharacter() throws Exception {
        List<Integer> databaseBlank = new ArrayList<>();
        try (Connection connection = TestApp.superuserConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT c FROM generate_series(1, 65535) c"
                     + " WHERE c NOT BETWEEN 55296 AND 57343 AND is_blank(chr(c)) ORDER BY c")) {
            while (rows.next()) {
                databaseBlank.add(rows.getInt(1));
            }
        }
        List<Integer> apiBlank = new ArrayList<>();
        for (int c = 1; c <= 65535; c++) {
            if ((c < 0xD800 || c > 0xDFFF) && Text.isBlank(Character.toString(c))) {
                apiBlank.add(c);
            }
        }
        assertThat(databaseBlank).isEqualTo(apiBlank).contains(0x20, 0xA0, 0x2003, 0x200B, 0x3000).doesNotContain(0x41);
    }

    @Test
    void blankNamesAreRefusedWith422WithoutWriting() {
        String admin = TestApp.adminToken(newCooperativeQuietly());
        long members = rowCount("member");
        for (String name : List.of("   ", "\u00a0\u2003", "\t\u200b\u3000")) {
            String body = "{\"name\":\"" + name + "\",\"kvkNumber\":\"" + nextKvk() + "\",\"sector\":\"OTHER\","
                    + "\"postcode\":\"1234 AB\",\"iban\":\"" + VALID_IBAN + "\"}";
            HttpResponse<String> response = Http.send("POST", "/v1/members", admin, "application/json",
                    body.replace("\t", "\\t"));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
            assertThat(Problems.parse(response.body()).getErrors()).extracting(FieldError::getField, FieldError::getCode)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("name", "BLANK"));
        }
        assertThat(rowCount("member")).isEqualTo(members);
    }

    private static UUID newCooperativeQuietly() {
        try {
            return newCooperative();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
