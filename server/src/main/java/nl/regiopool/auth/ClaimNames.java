package nl.regiopool.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;

/**
 * Where a token carries the Regiopool claims, for identity providers that name them otherwise. A name is a
 * top-level claim, or a dotted path into nested objects when no claim has the whole name (Keycloak's realm
 * roles: {@code realm_access.roles}). The defaults are the names the dev tokens use.
 */
public class ClaimNames {

    @NotBlank
    private String tenant = "tenant";

    @NotBlank
    private String roles = "roles";

    @NotBlank
    private String member = "member";

    @NotBlank
    private String worker = "worker";

    /** Identity providers add roles of their own (Keycloak's offline_access): skip those instead of refusing. */
    private boolean ignoreUnknownRoles;

    @JsonProperty
    public String getTenant() {
        return tenant;
    }

    @JsonProperty
    public void setTenant(String tenant) {
        this.tenant = tenant;
    }

    @JsonProperty
    public String getRoles() {
        return roles;
    }

    @JsonProperty
    public void setRoles(String roles) {
        this.roles = roles;
    }

    @JsonProperty
    public String getMember() {
        return member;
    }

    @JsonProperty
    public void setMember(String member) {
        this.member = member;
    }

    @JsonProperty
    public String getWorker() {
        return worker;
    }

    @JsonProperty
    public void setWorker(String worker) {
        this.worker = worker;
    }

    @JsonProperty
    public boolean isIgnoreUnknownRoles() {
        return ignoreUnknownRoles;
    }

    @JsonProperty
    public void setIgnoreUnknownRoles(boolean ignoreUnknownRoles) {
        this.ignoreUnknownRoles = ignoreUnknownRoles;
    }
}
