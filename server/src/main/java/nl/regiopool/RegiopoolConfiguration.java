package nl.regiopool;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import nl.regiopool.audit.AuditConfig;
import nl.regiopool.auth.AuthConfig;
import nl.regiopool.db.DatabaseConfig;
import nl.regiopool.geo.GeocoderConfig;
import nl.regiopool.http.HttpLimits;
import nl.regiopool.ops.HealthConfig;
import nl.regiopool.webhook.WebhooksConfig;
import nl.regiopool.write.JobsConfig;

public class RegiopoolConfiguration extends Configuration {

    @Valid
    @NotNull
    private DatabaseConfig database = new DatabaseConfig();

    @Valid
    @NotNull
    private AuthConfig auth = new AuthConfig();

    @Valid
    @NotNull
    private HttpLimits http = new HttpLimits();

    @Valid
    @NotNull
    private WebhooksConfig webhooks = new WebhooksConfig();

    @Valid
    @NotNull
    private JobsConfig jobs = new JobsConfig();

    @Valid
    @NotNull
    private AuditConfig audit = new AuditConfig();

    @Valid
    @NotNull
    private GeocoderConfig geocoder = new GeocoderConfig();

    @Valid
    @NotNull
    private HealthConfig health = new HealthConfig();

    public RegiopoolConfiguration() {
        // Every error is problem+json; our own mappers replace Dropwizard's defaults.
        ((DefaultServerFactory) getServerFactory()).setRegisterDefaultExceptionMappers(false);
    }

    @JsonProperty
    public DatabaseConfig getDatabase() {
        return database;
    }

    @JsonProperty
    public void setDatabase(DatabaseConfig database) {
        this.database = database;
    }

    @JsonProperty
    public HttpLimits getHttp() {
        return http;
    }

    @JsonProperty
    public void setHttp(HttpLimits http) {
        this.http = http;
    }

    @JsonProperty
    public AuthConfig getAuth() {
        return auth;
    }

    @JsonProperty
    public void setAuth(AuthConfig auth) {
        this.auth = auth;
    }

    @JsonProperty
    public WebhooksConfig getWebhooks() {
        return webhooks;
    }

    @JsonProperty
    public void setWebhooks(WebhooksConfig webhooks) {
        this.webhooks = webhooks;
    }

    @JsonProperty
    public JobsConfig getJobs() {
        return jobs;
    }

    @JsonProperty
    public void setJobs(JobsConfig jobs) {
        this.jobs = jobs;
    }

    @JsonProperty
    public AuditConfig getAudit() {
        return audit;
    }

    @JsonProperty
    public void setAudit(AuditConfig audit) {
        this.audit = audit;
    }

    @JsonProperty
    public GeocoderConfig getGeocoder() {
        return geocoder;
    }

    @JsonProperty
    public void setGeocoder(GeocoderConfig geocoder) {
        this.geocoder = geocoder;
    }

    @JsonProperty
    public HealthConfig getHealth() {
        return health;
    }

    @JsonProperty
    public void setHealth(HealthConfig health) {
        this.health = health;
    }
}
