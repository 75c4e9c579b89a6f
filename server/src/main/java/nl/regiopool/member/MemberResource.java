package nl.regiopool.member;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.regiopool.api.MembersApi;
import nl.regiopool.api.model.FieldError;
import nl.regiopool.api.model.Member;
import nl.regiopool.api.model.MemberCreate;
import nl.regiopool.api.model.MemberList;
import nl.regiopool.api.model.MemberPatch;
import nl.regiopool.api.model.MemberStatus;
import nl.regiopool.api.model.Sector;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CallerRole;
import nl.regiopool.auth.CurrentCaller;
import nl.regiopool.geo.Coordinates;
import nl.regiopool.ruleset.CaoRuleSetDao;
import nl.regiopool.page.Cursors;
import nl.regiopool.http.ETags;
import nl.regiopool.page.Page;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.http.Writes;
import nl.regiopool.settings.CooperativeTime;
import nl.regiopool.tenancy.Ids;
import nl.regiopool.tenancy.Transactions;

/** Members: the care employers of a cooperative. Admins write; members and auditors read. */
public final class MemberResource implements MembersApi {


    private final Transactions transactions;
    private final Writes writes;

    public MemberResource(Transactions transactions, Writes writes) {
        this.transactions = transactions;
        this.writes = writes;
    }

    @Override
    public Response createMember(MemberCreate body, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        List<FieldError> errors = new ArrayList<>(MemberFields.errors(body.getIban()));
        errors.addAll(Coordinates.pairErrors(body.getLatitude(), body.getLongitude()));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Member values = new Member()
                .name(body.getName().strip())
                .kvkNumber(body.getKvkNumber())
                .agbCode(body.getAgbCode())
                .sector(body.getSector())
                .caoRuleSetCode(body.getCaoRuleSetCode())
                .postcode(MemberFields.normalizePostcode(body.getPostcode()))
                .iban(MemberFields.normalizeIban(body.getIban()))
                .status(MemberStatus.ACTIVE)
                .joinedOn(body.getJoinedOn())
                .latitude(body.getLatitude())
                .longitude(body.getLongitude());
        return writes.inTenant(caller, "createMember", idempotencyKey, body, write -> {
            UUID id = Ids.next();
            if (values.getJoinedOn() == null) {
                values.setJoinedOn(CooperativeTime.today(write.handle()));
            }
            CaoRuleSetDao.requireKnown(write.handle(), "caoRuleSetCode", values.getCaoRuleSetCode());
            MemberDao.Row row = MemberDao.insert(write.handle(), write.tenantId(), id, values);
            write.audit("member.created", "member", id, null, row.member());
            return Response.created(URI.create("/v1/members/" + id))
                    .tag(ETags.of(row.version())).entity(row.member()).build();
        });
    }

    @Override
    public Response getMember(UUID memberId) {
        Caller caller = CurrentCaller.get();
        MemberDao.Row row = transactions.read(caller.tenant(), handle -> MemberDao.find(handle, memberId))
                .orElseThrow(() -> notFound(memberId));
        return Response.ok(row.member()).tag(ETags.of(row.version())).build();
    }

    @Override
    public Response listMembers(MemberStatus status, Sector sector, Integer limit, String cursor) {
        Caller caller = CurrentCaller.get();
        UUID after = Cursors.decodeUuid(cursor);
        Page<MemberDao.Row> page = Page.of(
                transactions.read(caller.tenant(), handle -> MemberDao.list(handle, status, sector, after, limit)),
                limit, row -> row.member().getId().toString());
        return Response.ok(new MemberList(page.data().stream().map(MemberDao.Row::member).toList())
                .nextCursor(page.nextCursor())).build();
    }

    @Override
    public Response updateMember(UUID memberId, String ifMatch, MemberPatch patch) {
        Caller caller = CurrentCaller.get();
        ETags.IfMatch expected = ETags.ifMatch(ifMatch);
        if (!caller.has(CallerRole.COOP_ADMIN)) {
            requireOwnAutoRelease(caller, memberId, patch);
        }
        List<FieldError> errors = MemberFields.errors(patch.getIban());
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return writes.inTenant(caller, "updateMember", null, patch, write -> {
            MemberDao.Row current = MemberDao.findForUpdate(write.handle(), memberId)
                    .orElseThrow(() -> notFound(memberId));
            expected.require(current.version());
            Member before = current.member();
            if (before.getStatus() == MemberStatus.LEFT) {
                throw ProblemException.conflict("MEMBER_LEFT",
                        "This member has left the cooperative; a member that left cannot change.");
            }
            CaoRuleSetDao.requireKnown(write.handle(), "caoRuleSetCode", patch.getCaoRuleSetCode());
            Member changed = apply(before, patch);
            List<FieldError> pair = Coordinates.pairErrors(changed.getLatitude(), changed.getLongitude());
            if (!pair.isEmpty()) {
                throw ProblemException.invalid(pair);
            }
            MemberDao.Row row = MemberDao.update(write.handle(), memberId, changed);
            String action = changed.getStatus() == MemberStatus.LEFT ? "member.left" : "member.updated";
            write.audit(action, "member", memberId, before, row.member());
            return Response.ok(row.member()).tag(ETags.of(row.version())).build();
        });
    }

    private static Member apply(Member current, MemberPatch patch) {
        return new Member(current.getId(),
                patch.getName() != null ? patch.getName().strip() : current.getName(),
                current.getKvkNumber(),
                patch.getSector() != null ? patch.getSector() : current.getSector(),
                patch.getPostcode() != null ? MemberFields.normalizePostcode(patch.getPostcode()) : current.getPostcode(),
                patch.getIban() != null ? MemberFields.normalizeIban(patch.getIban()) : current.getIban(),
                patch.getStatus() != null ? patch.getStatus() : current.getStatus(),
                current.getJoinedOn(), current.getCreatedAt(), current.getUpdatedAt())
                .agbCode(patch.getAgbCode() != null ? patch.getAgbCode() : current.getAgbCode())
                .caoRuleSetCode(patch.getCaoRuleSetCode() != null ? patch.getCaoRuleSetCode() : current.getCaoRuleSetCode())
                .autoRelease(patch.getAutoRelease() != null ? patch.getAutoRelease() : current.getAutoRelease())
                .latitude(patch.getLatitude() != null ? patch.getLatitude() : current.getLatitude())
                .longitude(patch.getLongitude() != null ? patch.getLongitude() : current.getLongitude());
    }

    /** A member changes only its own {@code autoRelease}; every other field is the cooperative admin's. */
    private static void requireOwnAutoRelease(Caller caller, UUID memberId, MemberPatch patch) {
        if (!memberId.equals(caller.memberId())) {
            throw ProblemException.forbidden("A member may change only its own settings.");
        }
        boolean otherFields = patch.getName() != null || patch.getAgbCode() != null || patch.getSector() != null
                || patch.getCaoRuleSetCode() != null || patch.getPostcode() != null || patch.getIban() != null
                || patch.getStatus() != null || patch.getLatitude() != null || patch.getLongitude() != null;
        if (otherFields) {
            throw ProblemException.forbidden("A member may change only its own autoRelease; ask a coop_admin for"
                    + " the other fields.");
        }
    }

    private static ProblemException notFound(UUID memberId) {
        return ProblemException.notFound("Member " + memberId);
    }
}
