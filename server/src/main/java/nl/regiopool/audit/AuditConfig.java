package nl.regiopool.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/** Audit chain settings. */
public class AuditConfig {

    /** How often the sealer looks at every cooperative, besides sealing each write's events right after commit. */
    @NotNull
    @JsonProperty
    private Duration sweepInterval = Duration.seconds(5);

    /**
     * The shortest time between two sealing passes: the events written meanwhile are sealed together, in one
     * transaction, instead of one pass per write. It bounds how long a committed event waits for its seal under
     * load (readers of the chain seal what committed before they read, whatever this is).
     */
    @NotNull
    @JsonProperty
    private Duration sealInterval = Duration.milliseconds(50);

    /**
     * Whether this node runs the background sealer. Readers of the chain still seal what committed before they
     * read. Off only to test recovery (events left unsealed by a crash are sealed by the next sealer).
     */
    @JsonProperty
    private boolean sealInBackground = true;

    /** Whether this node verifies a made-up chain in memory at start, so that the first real verify runs compiled. */
    @JsonProperty
    private boolean warmUpVerify = true;

    /** The Ed25519 key that signs checkpoints: base64 PKCS#8. Without it (and its public half) none are signed. */
    @JsonProperty
    private String checkpointPrivateKey;

    /** Base64 X.509 SubjectPublicKeyInfo of {@link #checkpointPrivateKey}. */
    @JsonProperty
    private String checkpointPublicKey;

    /** Public keys that signed earlier checkpoints, so those still check after a key change. */
    @NotNull
    @JsonProperty
    private List<String> retiredCheckpointPublicKeys = new ArrayList<>();

    /** A checkpoint after this many events since the last one... */
    @Min(1)
    @JsonProperty
    private int checkpointEvery = 1000;

    /** ...or after this long, when there are any. */
    @NotNull
    @JsonProperty
    private Duration checkpointInterval = Duration.minutes(10);

    public Duration getSweepInterval() {
        return sweepInterval;
    }

    public Duration getSealInterval() {
        return sealInterval;
    }

    public boolean isSealInBackground() {
        return sealInBackground;
    }

    public String getCheckpointPrivateKey() {
        return checkpointPrivateKey;
    }

    public String getCheckpointPublicKey() {
        return checkpointPublicKey;
    }

    public void setCheckpointKeys(String privateKey, String publicKey) {
        this.checkpointPrivateKey = privateKey;
        this.checkpointPublicKey = publicKey;
    }

    public boolean hasCheckpointKey() {
        return checkpointPrivateKey != null && checkpointPublicKey != null;
    }

    public List<String> getRetiredCheckpointPublicKeys() {
        return retiredCheckpointPublicKeys;
    }

    public int getCheckpointEvery() {
        return checkpointEvery;
    }

    public Duration getCheckpointInterval() {
        return checkpointInterval;
    }

    public boolean isWarmUpVerify() {
        return warmUpVerify;
    }
}
