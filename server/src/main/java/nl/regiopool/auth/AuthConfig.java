package nl.regiopool.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * How bearer tokens are verified. The algorithm is pinned here, never taken from a token:
 * {@code HS256} with {@code hmacSecret} is for the embedded/dev profile only; production uses
 * {@code RS256} or {@code ES256} with {@code publicKeys} (key id → PEM public key), or with the keys of an
 * identity provider: {@code jwksUrl}, or {@code discovery: true} to find the JWKS through
 * {@code <issuer>/.well-known/openid-configuration} (see {@link JwksKeys}).
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

    private String jwksUrl;

    private boolean discovery;

    /** With JWKS keys, the algorithms accepted; empty: {@link #algorithm} alone. */
    @NotNull
    private List<Algorithm> algorithms = new ArrayList<>();

    /** How long a fetched key is trusted without asking again: a key the provider removed works this much longer. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration jwksCacheTime = Duration.minutes(10);

    /** Fetches of the JWKS (for key ids not in the cache) allowed per minute, in a burst or spread. */
    @Min(1)
    private int jwksFetchesPerMinute = 10;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration jwksTimeout = Duration.seconds(5);

    @NotNull
    @Valid
    private ClaimNames claims = new ClaimNames();

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

    @JsonProperty
    public String getJwksUrl() {
        return jwksUrl;
    }

    @JsonProperty
    public void setJwksUrl(String jwksUrl) {
        this.jwksUrl = jwksUrl;
    }

    @JsonProperty
    public boolean isDiscovery() {
        return discovery;
    }

    @JsonProperty
    public void setDiscovery(boolean discovery) {
        this.discovery = discovery;
    }

    @JsonProperty
    public List<Algorithm> getAlgorithms() {
        return algorithms;
    }

    @JsonProperty
    public void setAlgorithms(List<Algorithm> algorithms) {
        this.algorithms = algorithms;
    }

    @JsonProperty
    public Duration getJwksCacheTime() {
        return jwksCacheTime;
    }

    @JsonProperty
    public void setJwksCacheTime(Duration jwksCacheTime) {
        this.jwksCacheTime = jwksCacheTime;
    }

    @JsonProperty
    public int getJwksFetchesPerMinute() {
        return jwksFetchesPerMinute;
    }

    @JsonProperty
    public void setJwksFetchesPerMinute(int jwksFetchesPerMinute) {
        this.jwksFetchesPerMinute = jwksFetchesPerMinute;
    }

    @JsonProperty
    public Duration getJwksTimeout() {
        return jwksTimeout;
    }

    @JsonProperty
    public void setJwksTimeout(Duration jwksTimeout) {
        this.jwksTimeout = jwksTimeout;
    }

    @JsonProperty
    public ClaimNames getClaims() {
        return claims;
    }

    @JsonProperty
    public void setClaims(ClaimNames claims) {
        this.claims = claims;
    }

    /** Whether keys come from an identity provider's JWKS rather than from this configuration. */
    public boolean usesJwks() {
        return discovery || (jwksUrl != null && !jwksUrl.isBlank());
    }

    /** The algorithms a token may be signed with: {@link #algorithms}, or {@link #algorithm} when that is empty. */
    public Set<Algorithm> acceptedAlgorithms() {
        return algorithms.isEmpty() ? EnumSet.of(algorithm) : EnumSet.copyOf(algorithms);
    }

    public boolean hasDevSecret() {
        return algorithm == Algorithm.HS256 && hmacSecret != null && !hmacSecret.isBlank();
    }
}
