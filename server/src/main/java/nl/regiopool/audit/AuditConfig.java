package nl.regiopool.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/** Audit chain settings. */
public class AuditConfig {

    /** How often the sealer looks at every cooperative, besides sealing each write's events right after commit. */
    @NotNull
    @JsonProperty
    private Duration sweepInterval = Duration.seconds(5);

    /**
     * Whether this node runs the background sealer. Readers of the chain still seal what committed before they
     * read. Off only to test recovery (events left unsealed by a crash are sealed by the next sealer).
     */
    @JsonProperty
    private boolean sealInBackground = true;

    public Duration getSweepInterval() {
        return sweepInterval;
    }

    public boolean isSealInBackground() {
        return sealInBackground;
    }
}
