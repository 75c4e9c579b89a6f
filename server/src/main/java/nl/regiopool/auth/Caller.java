package nl.regiopool.auth;

import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.regiopool.http.ProblemException;

/** Who is calling, as the verified token says. The tenant comes from here and nowhere else. */
public record Caller(String subject, UUID tenantId, Set<Role> roles, UUID memberId) implements Principal {

    @Override
    public String getName() {
        return subject;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** 403 unless the caller has one of the roles; tenant roles also need a tenant. */
    public void requireAny(Role... allowed) {
        if (Arrays.stream(allowed).noneMatch(roles::contains)) {
            throw ProblemException.forbidden("This operation needs one of the roles "
                    + Arrays.stream(allowed).map(Role::claim).toList() + ".");
        }
    }

    public UUID tenant() {
        if (tenantId == null) {
            throw ProblemException.forbidden("This operation needs a token of a cooperative.");
        }
        return tenantId;
    }

    public Optional<UUID> member() {
        return Optional.ofNullable(memberId);
    }

    public List<String> roleClaims() {
        return roles.stream().map(Role::claim).sorted().toList();
    }
}
