package nl.regiopool.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How bearer tokens are verified. The algorithm is pinned here, never taken from a token:
 * {@code HS256} with {@code hmacSecret} is for the embedded/dev profile only; production uses
 * {@code RS256} or {@code ES256} with {@code publicKeys} (key id → PEM public key).
 */
public class AuthConfig {

    public enum Algorithm { HS256, RS256, ES256 }

    @NotBlank
    private String issuer = "regiopool-dev";

    @NotBlank
    private String audience = "regiopool-api";

    @NotNull
    private Algorithm algorithm = Algorithm.HS256;

    private String hmacSecret;

    @NotNull
    private Map<String, String> publicKeys = new LinkedHashMap<>();

    @Min(0)
    private long leewaySeconds = 30;

    @Min(60)
    private long devTokenLifetimeSeconds = 8 * 3600;

    @JsonProperty
    public String getIssuer() {
        return issuer;
    }

    @JsonProperty
    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    @JsonProperty
    public String getAudience() {
        return audience;
    }

    @JsonProperty
    public void setAudience(String audience) {
        this.audience = audience;
    }

    @JsonProperty
    public Algorithm getAlgorithm() {
        return algorithm;
    }

    @JsonProperty
    public void setAlgorithm(Algorithm algorithm) {
        this.algorithm = algorithm;
    }

    @JsonProperty
    public String getHmacSecret() {
        return hmacSecret;
    }

    @JsonProperty
    public void setHmacSecret(String hmacSecret) {
        this.hmacSecret = hmacSecret;
    }

    @JsonProperty
    public Map<String, String> getPublicKeys() {
        return publicKeys;
    }

    @JsonProperty
    public void setPublicKeys(Map<String, String> publicKeys) {
        this.publicKeys = publicKeys;
    }

    @JsonProperty
    public long getLeewaySeconds() {
        return leewaySeconds;
    }

    @JsonProperty
    public void setLeewaySeconds(long leewaySeconds) {
        this.leewaySeconds = leewaySeconds;
    }

    @JsonProperty
    public long getDevTokenLifetimeSeconds() {
        return devTokenLifetimeSeconds;
    }

    @JsonProperty
    public void setDevTokenLifetimeSeconds(long devTokenLifetimeSeconds) {
        this.devTokenLifetimeSeconds = devTokenLifetimeSeconds;
    }

    public boolean hasDevSecret() {
        return algorithm == Algorithm.HS256 && hmacSecret != null && !hmacSecret.isBlank();
    }
}
