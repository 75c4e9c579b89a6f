package nl.regiopool.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.regiopool.testing.GeocoderStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The geocoder client against a local stub of the PDOK Locatieserver. */
class GeocoderTest {

    private final GeocoderStub stub = new GeocoderStub();
    private final Geocoder geocoder = new Geocoder(stub.url(), Duration.ofMillis(800));

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void theFirstDocumentsCentroidIsTheLocationLongitudeFirst() {
        stub.place("7411AB", 52.2550, 6.1630);

        Map<String, Geocoder.Answer> answers = geocoder.lookUp(List.of("7411 AB"));

        assertThat(answers).containsOnlyKeys("7411 AB");
        assertThat(answers.get("7411 AB")).isEqualTo(new Geocoder.Found(new Coordinates(52.2550, 6.1630)));
        assertThat(stub.requests("7411AB")).as("asked without the space").isEqualTo(1);
    }

    @Test
    void anEmptyResultIsNotFoundAndEveryFailureIsFailed() {
        stub.failing("1000AA").raw("2000AA", "not json").raw("3000AA", "{\"response\":{\"docs\":[{\"centroide_ll\":\"x\"}]}}")
                .raw("4000AA", "{\"unexpected\":true}");

        Map<String, Geocoder.Answer> answers = geocoder.lookUp(List.of("9999 ZZ", "1000 AA", "2000 AA", "3000 AA",
                "4000 AA"));

        assertThat(answers.get("9999 ZZ")).isEqualTo(new Geocoder.NotFound());
        assertThat(answers.get("1000 AA")).isInstanceOf(Geocoder.Failed.class);
        assertThat(answers.get("2000 AA")).isInstanceOf(Geocoder.Failed.class);
        assertThat(answers.get("3000 AA")).isInstanceOf(Geocoder.Failed.class);
        assertThat(answers.get("4000 AA")).isInstanceOf(Geocoder.Failed.class);
    }

    @Test
    void aSlowAnswerFailsAtTheTimeoutWithoutHoldingUpTheOthers() {
        stub.slow("5000AA").place("7411AB", 52.2550, 6.1630);

        long started = System.nanoTime();
        Map<String, Geocoder.Answer> answers = geocoder.lookUp(List.of("5000 AA", "7411 AB"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answers.get("5000 AA")).isInstanceOf(Geocoder.Failed.class);
        assertThat(answers.get("7411 AB")).isInstanceOf(Geocoder.Found.class);
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aGeocoderThatIsNotThereFails() {
        Geocoder nowhere = new Geocoder("http://127.0.0.1:9/free?q={postcode}", Duration.ofMillis(500));
        assertThat(nowhere.lookUp(List.of("7411 AB")).get("7411 AB")).isInstanceOf(Geocoder.Failed.class);
    }

    @Test
    void wellKnownTextPointsParseAndAnythingElseDoesNot() {
        assertThat(Geocoder.point("POINT(6.16300 52.25500)")).contains(new Coordinates(52.255, 6.163));
        assertThat(Geocoder.point(" POINT ( -1.5 -2 ) ")).contains(new Coordinates(-2, -1.5));
        assertThat(Geocoder.point("POINT(6.1)")).isEmpty();
        assertThat(Geocoder.point("POINT(200 52)")).isEmpty();
        assertThat(Geocoder.point("LINESTRING(1 2, 3 4)")).isEmpty();
        assertThat(Geocoder.point("")).isEmpty();
    }
}
