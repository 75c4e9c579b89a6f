package nl.regiopool.geo;

import java.util.List;
import java.util.Optional;
import nl.regiopool.api.model.FieldError;

/** A point on earth in WGS84 degrees. */
public record Coordinates(double latitude, double longitude) {

    public Coordinates {
        if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("not a point on earth: " + latitude + ", " + longitude);
        }
    }

    /** The point when both are given, none when neither is. */
    public static Optional<Coordinates> of(Double latitude, Double longitude) {
        return latitude == null || longitude == null ? Optional.empty()
                : Optional.of(new Coordinates(latitude, longitude));
    }

    /** Stated coordinates come in pairs: one without the other is a field error. */
    public static List<FieldError> pairErrors(Double latitude, Double longitude) {
        if ((latitude == null) == (longitude == null)) {
            return List.of();
        }
        String missing = latitude == null ? "latitude" : "longitude";
        return List.of(new FieldError(missing, "REQUIRED", "latitude and longitude go together: give both or neither."));
    }
}
