package nl.regiopool.auth;

import java.util.Optional;

public enum CallerRole {
    /** Platform staff: creates cooperatives, sees no tenant data. */
    OPERATOR("operator"),
    /** Everything inside its cooperative. */
    COOP_ADMIN("coop_admin"),
    /** Acts for the one member named in the token. */
    MEMBER("member"),
    /** Read-only. */
    AUDITOR("auditor"),
    /** A lent worker reading its own data: the one worker named in the token. */
    WORKER("worker");

    private final String claim;

    CallerRole(String claim) {
        this.claim = claim;
    }

    public String claim() {
        return claim;
    }

    public static Optional<CallerRole> fromClaim(String claim) {
        for (CallerRole role : values()) {
            if (role.claim.equals(claim)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
