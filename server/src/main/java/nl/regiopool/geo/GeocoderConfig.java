package nl.regiopool.geo;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Where postcodes without a cached location are looked up. The answer is the PDOK Locatieserver's: a search
 * response whose first document's {@code centroide_ll} is {@code POINT(lon lat)}.
 */
public class GeocoderConfig {

    /** {@code {postcode}} is replaced by the postcode without its space, e.g. {@code 7001AB}. */
    @NotNull
    @JsonProperty
    private String url = "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free?q={postcode}&fq=type:postcode&rows=1";

    /** How long one ranking waits for the geocoder at most; a slower answer leaves those distances out. */
    @NotNull
    @JsonProperty
    private Duration timeout = Duration.seconds(2);

    @JsonProperty
    private boolean enabled = true;

    /** After a failed or timed-out lookup, no lookups for this long: a geocoder that is down does not slow every ranking. */
    @NotNull
    @JsonProperty
    private Duration pauseAfterFailure = Duration.seconds(30);

    /** Postcodes looked up at most per ranking; the rest on later rankings. */
    @Min(1)
    @Max(500)
    @JsonProperty
    private int maxLookupsPerRanking = 20;

    public String getUrl() {
        return url;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Duration getPauseAfterFailure() {
        return pauseAfterFailure;
    }

    public int getMaxLookupsPerRanking() {
        return maxLookupsPerRanking;
    }
}
