package nl.regiopool.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DistanceTest {

    private static final Coordinates DEVENTER = new Coordinates(52.2550, 6.1630);
    private static final Coordinates UTRECHT = new Coordinates(52.0907, 5.1214);

    @Test
    void aPointIsNoDistanceFromItself() {
        assertThat(Distance.km(DEVENTER, DEVENTER)).isZero();
    }

    @Test
    void oneDegreeOfLatitudeIsTheEarthsRadiusTimesPiOver180() {
        assertThat(Distance.km(new Coordinates(52, 6), new Coordinates(53, 6)))
                .isCloseTo(Distance.EARTH_RADIUS_KM * Math.PI / 180, within(1e-9));
    }

    @Test
    void aDegreeOfLongitudeShrinksWithTheCosineOfTheLatitude() {
        assertThat(Distance.km(new Coordinates(0, 0), new Coordinates(0, 1)))
                .isCloseTo(Distance.EARTH_RADIUS_KM * Math.PI / 180, within(1e-9));
        assertThat(Distance.km(new Coordinates(60, 0), new Coordinates(60, 1)))
                .isCloseTo(Distance.EARTH_RADIUS_KM * Math.PI / 180 / 2, within(0.01));
    }

    @Test
    void deventerToUtrechtIsAbout73KilometresEitherWay() {
        assertThat(Distance.km(DEVENTER, UTRECHT)).isCloseTo(73.0, within(1.0))
                .isEqualTo(Distance.km(UTRECHT, DEVENTER));
    }

    @Test
    void antipodesAreHalfTheCircumferenceApartWithoutRoundingPastOne() {
        assertThat(Distance.km(new Coordinates(90, 0), new Coordinates(-90, 0)))
                .isCloseTo(Math.PI * Distance.EARTH_RADIUS_KM, within(1e-6));
        assertThat(Distance.km(new Coordinates(0, 0), new Coordinates(0, 180)))
                .isCloseTo(Math.PI * Distance.EARTH_RADIUS_KM, within(1e-6));
        assertThat(Distance.km(new Coordinates(0, -180), new Coordinates(0, 180))).isCloseTo(0, within(1e-6));
    }

    @Test
    void coordinatesOffTheEarthAreRefusedAndComeInPairs() {
        assertThatThrownBy(() -> new Coordinates(90.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Coordinates(0, -180.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Coordinates(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Coordinates.of(52.0, null)).isEmpty();
        assertThat(Coordinates.of(52.0, 6.0)).contains(new Coordinates(52, 6));
        assertThat(Coordinates.pairErrors(null, null)).isEmpty();
        assertThat(Coordinates.pairErrors(52.0, 6.0)).isEmpty();
        assertThat(Coordinates.pairErrors(52.0, null)).singleElement()
                .satisfies(error -> assertThat(error.getField()).isEqualTo("longitude"));
        assertThat(Coordinates.pairErrors(null, 6.0)).singleElement()
                .satisfies(error -> assertThat(error.getField()).isEqualTo("latitude"));
    }
}
