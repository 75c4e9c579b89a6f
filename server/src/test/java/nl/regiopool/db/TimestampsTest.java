package nl.regiopool.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGResultSetMetaData;

class TimestampsTest {

    /** The driver sends a statement's first executions with text results, later ones (server-prepared) binary. */
    @ParameterizedTest
    @ValueSource(strings = {"2000-01-01 00:00:00+00", "1999-12-31 23:59:59.999999+00", "1970-01-01 00:00:00+00",
            "2026-06-01 12:00:00.123456+00", "2026-06-01 14:00:00.5+02", "0001-01-01 00:00:00+00",
            "9999-12-31 23:59:59.999999+00", "infinity", "-infinity", ""})
    void readsWhatTheDriverReadsInBothFormats(String value) throws Exception {
        Set<Integer> formats = new HashSet<>();
        try (Connection connection = TestApp.applicationConnection();
             PreparedStatement query = connection.prepareStatement("SELECT CAST(NULLIF(?, '') AS timestamptz)")) {
            for (int execution = 0; execution < 8; execution++) {
                query.setString(1, value);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    formats.add(rows.getMetaData().unwrap(PGResultSetMetaData.class).getFormat(1));
                    OffsetDateTime driver = rows.getObject(1, OffsetDateTime.class);
                    assertThat(Timestamps.instant(rows, 1)).isEqualTo(driver == null ? null : driver.toInstant());
                }
            }
        }
        assertThat(formats).as("text and binary results").containsExactlyInAnyOrderElementsOf(Arrays.asList(0, 1));
    }
}
