package nl.regiopool.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;

/** Health check settings. */
public class HealthConfig {

    /** A background job without a successful pass for this many of its intervals is unhealthy. */
    @Min(2)
    private int staleAfterIntervals = 3;

    @JsonProperty
    public int getStaleAfterIntervals() {
        return staleAfterIntervals;
    }

    @JsonProperty
    public void setStaleAfterIntervals(int staleAfterIntervals) {
        this.staleAfterIntervals = staleAfterIntervals;
    }
}
