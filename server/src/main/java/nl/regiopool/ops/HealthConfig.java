package nl.regiopool.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Health check settings. */
public class HealthConfig {

    /** A background job without a successful pass for this many of its intervals is unhealthy. */
    @Min(2)
    private int staleAfterIntervals = 3;

    /** A background job is never stale sooner than this, however short its interval. */
    @NotNull
    private io.dropwizard.util.Duration staleAfterAtLeast = io.dropwizard.util.Duration.minutes(1);

    @JsonProperty
    public io.dropwizard.util.Duration getStaleAfterAtLeast() {
        return staleAfterAtLeast;
    }

    @JsonProperty
    public void setStaleAfterAtLeast(io.dropwizard.util.Duration staleAfterAtLeast) {
        this.staleAfterAtLeast = staleAfterAtLeast;
    }

    @JsonProperty
    public int getStaleAfterIntervals() {
        return staleAfterIntervals;
    }

    @JsonProperty
    public void setStaleAfterIntervals(int staleAfterIntervals) {
        this.staleAfterIntervals = staleAfterIntervals;
    }
}
