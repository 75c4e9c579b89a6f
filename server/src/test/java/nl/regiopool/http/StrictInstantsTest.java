package nl.regiopool.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.jackson.Jackson;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StrictInstantsTest {

    /** Dropwizard's mapper with Jackson's own java.time serializer, as the API wrote instants before. */
    private final ObjectMapper jackson = Jackson.newObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ObjectMapper ours = Jackson.newObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .registerModule(new StrictInstants());

    @Test
    void writesExactlyWhatJacksonWritesForAnyOffsetAndPrecision() throws JsonProcessingException {
        Random random = new Random(20261125);
        int[] precisions = {1_000_000_000, 1_000_000, 1_000, 1, 10, 100_000};
        for (int i = 0; i < 20_000; i++) {
            int step = precisions[i % precisions.length];
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_799L),
                    random.nextInt(1_000_000_000) / step * step);
            OffsetDateTime value = OffsetDateTime.ofInstant(instant, ZoneOffset.ofTotalSeconds(random.nextInt(-72, 73) * 900));
            assertThat(ours.writeValueAsString(value)).isEqualTo(jackson.writeValueAsString(value));
        }
    }

    @Test
    void writesUtcInstantsFromTheDatabaseExactlyAsJacksonDoes() throws JsonProcessingException {
        Random random = new Random(20261130);
        int[] precisions = {1_000_000_000, 1_000_000, 1_000, 1, 10, 100_000};
        for (int i = 0; i < 20_000; i++) {
            int step = precisions[i % precisions.length];
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_799L),
                    random.nextInt(1_000_000_000) / step * step);
            OffsetDateTime value = OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
            assertThat(ours.writeValueAsString(value)).isEqualTo(jackson.writeValueAsString(value));
        }
    }

    @Test
    void keepsTheOffsetAndWritesSecondsAndOnlyTheFractionDigitsNeeded() throws JsonProcessingException {
        assertThat(ours.writeValueAsString(OffsetDateTime.parse("2026-03-29T02:30+02:00")))
                .isEqualTo("\"2026-03-29T02:30:00+02:00\"");
        assertThat(ours.writeValueAsString(OffsetDateTime.parse("0999-12-31T23:59:59.120Z")))
                .isEqualTo("\"0999-12-31T23:59:59.12Z\"");
        assertThat(ours.writeValueAsString(OffsetDateTime.parse("+10000-01-01T00:00:00.000000001-00:30")))
                .isEqualTo(jackson.writeValueAsString(OffsetDateTime.parse("+10000-01-01T00:00:00.000000001-00:30")));
    }
}
