package nl.regiopool.auth;

import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.regiopool.problem.ProblemException;

/** Who is calling, as the verified token says. The tenant comes from here and nowhere else. */
public record Caller(String subject, UUID tenantId, Set<CallerRole> roles, UUID memberId, UUID workerClaim)
        implements Principal {

    public Caller(String subject, UUID tenantId, Set<CallerRole> roles, UUID memberId) {
        this(subject, tenantId, roles, memberId, null);
    }

    @Override
    public String getName() {
        return subject;
    }

    public boolean has(CallerRole role) {
        return roles.contains(role);
    }

    /**
     * The member whose rows the caller may read, or empty when it may read the whole cooperative's
     * (admins and auditors). A token holding both {@code member} and {@code auditor} reads as an auditor;
     * what it may change stays limited to its member by the resources' own acts-for checks.
     * A caller with neither (a worker token) has no member's view: it reads only itself, through
     * {@link #workerId()}, and is refused here rather than read as the whole cooperative.
     */
    public Optional<UUID> memberScope() {
        if (has(CallerRole.COOP_ADMIN) || has(CallerRole.AUDITOR)) {
            return Optional.empty();
        }
        if (has(CallerRole.WORKER) && memberId == null) {
            throw ProblemException.forbidden("A worker token reads only the worker's own data.");
        }
        return Optional.ofNullable(memberId);
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

    /** The worker the token names (role {@code worker}); checked to be a worker of the tenant before any operation. */
    public Optional<UUID> workerId() {
        return Optional.ofNullable(workerClaim);
    }

    /** The worker the token names, for operations that read or change only the caller itself; 403 without one. */
    public UUID requireWorker() {
        return workerId().orElseThrow(() -> ProblemException.forbidden("This operation is for a worker's own token."));
    }

    public List<String> roleClaims() {
        return roles.stream().map(CallerRole::claim).sorted().toList();
    }
}
