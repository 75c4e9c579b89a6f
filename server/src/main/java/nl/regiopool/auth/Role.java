package nl.regiopool.auth;

import java.util.Optional;

public enum Role {
    /** Platform staff: creates cooperatives, sees no tenant data. */
    OPERATOR("operator"),
    /** Everything inside its cooperative. */
    COOP_ADMIN("coop_admin"),
    /** Acts for the one member named in the token. */
    MEMBER("member"),
    /** Read-only. */
    AUDITOR("auditor");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    public String claim() {
        return claim;
    }

    public static Optional<Role> fromClaim(String claim) {
        for (Role role : values()) {
            if (role.claim.equals(claim)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
