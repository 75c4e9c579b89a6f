package nl.regiopool.pool;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.regiopool.api.PoolsApi;
import nl.regiopool.api.model.Pool;
import nl.regiopool.api.model.PoolCreate;
import nl.regiopool.api.model.PoolList;
import nl.regiopool.api.model.PoolMembership;
import nl.regiopool.api.model.PoolMembershipCreate;
import nl.regiopool.api.model.PoolMembershipList;
import nl.regiopool.api.model.PoolMembershipPatch;
import nl.regiopool.api.model.PoolPatch;
import nl.regiopool.api.model.QualificationRole;
import nl.regiopool.api.model.WorkerStatus;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CurrentCaller;
import nl.regiopool.page.Cursors;
import nl.regiopool.http.ETags;
import nl.regiopool.page.Page;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.http.Writes;
import nl.regiopool.tenancy.Ids;
import nl.regiopool.tenancy.Transactions;

/** Pools and their memberships. Admins write; members and auditors read. */
public final class PoolResource implements PoolsApi {

    private final Transactions transactions;
    private final Writes writes;

    public PoolResource(Transactions transactions, Writes writes) {
        this.transactions = transactions;
        this.writes = writes;
    }

    @Override
    public Response createPool(PoolCreate body, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        String name = body.getName().strip();
        Set<QualificationRole> roles = body.getAllowedRoles() == null ? Set.of() : body.getAllowedRoles();
        return writes.inTenant(caller, "createPool", idempotencyKey, body, write -> {
            UUID id = Ids.next();
            PoolDao.Row row = PoolDao.insert(write.handle(), write.tenantId(), id, name, body.getDescription(), roles);
            write.audit("pool.created", "pool", id, null, row.pool());
            return Response.created(URI.create("/v1/pools/" + id))
                    .tag(ETags.of(row.version())).entity(row.pool()).build();
        });
    }

    @Override
    public Response getPool(UUID poolId) {
        Caller caller = CurrentCaller.get();
        PoolDao.Row row = transactions.read(caller.tenant(), handle -> PoolDao.find(handle, poolId))
                .orElseThrow(() -> poolNotFound(poolId));
        return Response.ok(row.pool()).tag(ETags.of(row.version())).build();
    }

    @Override
    public Response listPools(Integer limit, String cursor) {
        Caller caller = CurrentCaller.get();
        UUID after = Cursors.decodeUuid(cursor);
        Page<PoolDao.Row> page = Page.of(
                transactions.read(caller.tenant(), handle -> PoolDao.list(handle, after, limit)),
                limit, row -> row.pool().getId().toString());
        return Response.ok(new PoolList(page.data().stream().map(PoolDao.Row::pool).toList())
                .nextCursor(page.nextCursor())).build();
    }

    @Override
    public Response updatePool(UUID poolId, String ifMatch, PoolPatch patch) {
        Caller caller = CurrentCaller.get();
        ETags.IfMatch expected = ETags.ifMatch(ifMatch);
        return writes.inTenant(caller, "updatePool", null, patch, write -> {
            PoolDao.Row current = PoolDao.findForUpdate(write.handle(), poolId).orElseThrow(() -> poolNotFound(poolId));
            expected.require(current.version());
            Pool before = current.pool();
            String name = patch.getName() != null ? patch.getName().strip() : before.getName();
            String description = patch.getDescription() != null ? patch.getDescription() : before.getDescription();
            List<QualificationRole> roles = patch.getAllowedRoles() != null
                    ? List.copyOf(patch.getAllowedRoles()) : before.getAllowedRoles();
            PoolDao.Row row = PoolDao.update(write.handle(), poolId, name, description, roles);
            write.audit("pool.updated", "pool", poolId, before, row.pool());
            return Response.ok(row.pool()).tag(ETags.of(row.version())).build();
        });
    }

    @Override
    public Response createPoolMembership(UUID poolId, PoolMembershipCreate body, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        requireValidPeriod(body.getFrom(), body.getTo());
        return writes.inTenant(caller, "createPoolMembership:" + poolId, idempotencyKey, body, write -> {
            PoolDao.Row pool = PoolDao.find(write.handle(), poolId).orElseThrow(() -> poolNotFound(poolId));
            MembershipDao.WorkerFacts worker = MembershipDao.worker(write.handle(), body.getWorkerId())
                    .orElseThrow(() -> ProblemException.invalid("workerId", "NOT_FOUND",
                            "There is no such worker in the cooperative."));
            if (worker.status() != WorkerStatus.ACTIVE) {
                throw ProblemException.invalid("workerId", "NOT_ACTIVE",
                        "The worker is " + worker.status() + "; only ACTIVE workers can join a pool.");
            }
            List<QualificationRole> allowed = pool.pool().getAllowedRoles();
            if (!allowed.isEmpty() && allowed.stream().map(QualificationRole::toString).noneMatch(worker.roles()::contains)) {
                throw ProblemException.invalid("workerId", "NOT_QUALIFIED",
                        "This pool takes workers qualified as one of " + allowed + ".");
            }
            UUID id = Ids.next();
            PoolMembership values = new PoolMembership(id, poolId, body.getWorkerId(), body.getKind(), body.getFrom(),
                    null, null)
                    .to(body.getTo())
                    .maxHoursPerWeek(body.getMaxHoursPerWeek());
            MembershipDao.Row row = MembershipDao.insert(write.handle(), write.tenantId(), id, values);
            write.audit("pool_membership.created", "pool_membership", id, null, row.membership());
            return Response.created(URI.create("/v1/pools/" + poolId + "/memberships/" + id))
                    .tag(ETags.of(row.version())).entity(row.membership()).build();
        });
    }

    @Override
    public Response getPoolMembership(UUID poolId, UUID membershipId) {
        Caller caller = CurrentCaller.get();
        UUID viewerMember = caller.memberScope().orElse(null);
        MembershipDao.Row row = transactions.read(caller.tenant(),
                        handle -> MembershipDao.find(handle, poolId, membershipId, viewerMember))
                .orElseThrow(() -> membershipNotFound(membershipId));
        return Response.ok(row.membership()).tag(ETags.of(row.version())).build();
    }

    @Override
    public Response listPoolMemberships(UUID poolId, Integer limit, String cursor) {
        Caller caller = CurrentCaller.get();
        UUID viewerMember = caller.memberScope().orElse(null);
        UUID after = Cursors.decodeUuid(cursor);
        List<MembershipDao.Row> rows = transactions.read(caller.tenant(), handle -> {
            PoolDao.find(handle, poolId).orElseThrow(() -> poolNotFound(poolId));
            return MembershipDao.list(handle, poolId, viewerMember, after, limit);
        });
        Page<MembershipDao.Row> page = Page.of(rows, limit, row -> row.membership().getId().toString());
        return Response.ok(new PoolMembershipList(page.data().stream().map(MembershipDao.Row::membership).toList())
                .nextCursor(page.nextCursor())).build();
    }

    @Override
    public Response updatePoolMembership(UUID poolId, UUID membershipId, String ifMatch, PoolMembershipPatch patch) {
        Caller caller = CurrentCaller.get();
        ETags.IfMatch expected = ETags.ifMatch(ifMatch);
        return writes.inTenant(caller, "updatePoolMembership", null, patch, write -> {
            MembershipDao.Row current = MembershipDao.findForUpdate(write.handle(), poolId, membershipId)
                    .orElseThrow(() -> membershipNotFound(membershipId));
            expected.require(current.version());
            PoolMembership before = current.membership();
            LocalDate to = patch.getTo() != null ? patch.getTo() : before.getTo();
            Integer maxHours = patch.getMaxHoursPerWeek() != null ? patch.getMaxHoursPerWeek() : before.getMaxHoursPerWeek();
            requireValidPeriod(before.getFrom(), to);
            MembershipDao.Row row = MembershipDao.update(write.handle(), membershipId, to, maxHours);
            String action = patch.getTo() != null ? "pool_membership.ended" : "pool_membership.updated";
            write.audit(action, "pool_membership", membershipId, before, row.membership());
            return Response.ok(row.membership()).tag(ETags.of(row.version())).build();
        });
    }

    /** The member whose view of memberships applies; null for admins and auditors, who see all. */
    private static void requireValidPeriod(LocalDate from, LocalDate to) {
        if (to != null && to.isBefore(from)) {
            throw ProblemException.invalid("to", "INVALID_PERIOD", "The last day (" + to + ") is before the first (" + from + ").");
        }
    }

    private static ProblemException poolNotFound(UUID poolId) {
        return ProblemException.notFound("Pool " + poolId);
    }

    private static ProblemException membershipNotFound(UUID membershipId) {
        return ProblemException.notFound("Membership " + membershipId);
    }
}
