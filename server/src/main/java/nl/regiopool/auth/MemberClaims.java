package nl.regiopool.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.tenancy.Transactions;

/**
 * A token's {@code member} claim must name a member of the token's own cooperative: a token naming another
 * cooperative's member (or none) is refused with 403 before any operation runs. Members never change
 * cooperative and are never deleted, so a pair once found is remembered (up to {@link #REMEMBERED} pairs).
 */
@Priority(Priorities.AUTHENTICATION + 50)
public final class MemberClaims implements ContainerRequestFilter {

    static final int REMEMBERED = 100_000;

    private final Transactions transactions;
    private final Map<UUID, UUID> tenantOfMember = new ConcurrentHashMap<>();

    public MemberClaims(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        CurrentCaller.find().ifPresent(caller -> caller.member().ifPresent(member -> check(caller, member)));
    }

    private void check(Caller caller, UUID member) {
        if (caller.tenantId() == null) {
            throw refused();
        }
        if (caller.tenantId().equals(tenantOfMember.get(member))) {
            return;
        }
        boolean exists = transactions.read(caller.tenantId(), handle -> handle
                .createQuery("SELECT EXISTS (SELECT 1 FROM member WHERE id = :id)").bind("id", member)
                .mapTo(Boolean.class).one());
        if (!exists) {
            throw refused();
        }
        if (tenantOfMember.size() >= REMEMBERED) {
            tenantOfMember.clear();
        }
        tenantOfMember.put(member, caller.tenantId());
    }

    private static ProblemException refused() {
        return ProblemException.forbidden("The token's member claim names no member of its cooperative.");
    }
}
