package nl.regiopool.member;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
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
import nl.regiopool.auth.CurrentCaller;
import nl.regiopool.auth.Role;
import nl.regiopool.cao.CaoRuleSetDao;
import nl.regiopool.http.Cursors;
import nl.regiopool.http.DatabaseErrors;
import nl.regiopool.http.ETags;
import nl.regiopool.http.Page;
import nl.regiopool.http.ProblemException;
import nl.regiopool.http.Writes;
import nl.regiopool.tenancy.Ids;
import nl.regiopool.tenancy.Transactions;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Members: the care employers of a cooperative. Admins write; members and auditors read. */
public final class MemberResource implements MembersApi {

    private static final ZoneId COOPERATIVE_ZONE = ZoneId.of("Europe/Amsterdam");

    private final Transactions transactions;
    private final Writes writes;

    public MemberResource(Transactions transactions, Writes writes) {
        this.transactions = transactions;
        this.writes = writes;
    }

    @Override
    public Response createMember(MemberCreate body, String idempotencyKey) {
        Caller caller = caller(Role.COOP_ADMIN);
        List<FieldError> errors = MemberFields.errors(body.getIban());
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
                .joinedOn(body.getJoinedOn() != null ? body.getJoinedOn() : LocalDate.now(COOPERATIVE_ZONE));
        return writes.inTenant(caller, "createMember", idempotencyKey, body, write -> {
            UUID id = Ids.next();
            CaoRuleSetDao.requireKnown(write.handle(), "caoRuleSetCode", values.getCaoRuleSetCode());
            MemberDao.Row row;
            try {
                row = MemberDao.insert(write.handle(), write.tenantId(), id, values);
            } catch (UnableToExecuteStatementException e) {
                if (DatabaseErrors.constraint(e, DatabaseErrors.UNIQUE_VIOLATION)
                        .filter("member_kvk_number_unique"::equals).isPresent()) {
                    throw ProblemException.conflict("MEMBER_KVK_TAKEN",
                            "A member with KvK number " + values.getKvkNumber() + " is registered already.");
                }
                throw e;
            }
            write.audit("member.created", "member", id, null, row.member());
            return Response.created(URI.create("/v1/members/" + id))
                    .tag(ETags.of(row.version())).entity(row.member()).build();
        });
    }

    @Override
    public Response getMember(UUID memberId) {
        Caller caller = caller(Role.COOP_ADMIN, Role.MEMBER, Role.AUDITOR);
        MemberDao.Row row = transactions.read(caller.tenant(), handle -> MemberDao.find(handle, memberId))
                .orElseThrow(() -> notFound(memberId));
        return Response.ok(row.member()).tag(ETags.of(row.version())).build();
    }

    @Override
    public Response listMembers(MemberStatus status, Sector sector, Integer limit, String cursor) {
        Caller caller = caller(Role.COOP_ADMIN, Role.MEMBER, Role.AUDITOR);
        UUID after = Cursors.decodeUuid(cursor);
        Page<MemberDao.Row> page = Page.of(
                transactions.read(caller.tenant(), handle -> MemberDao.list(handle, status, sector, after, limit)),
                limit, row -> row.member().getId().toString());
        return Response.ok(new MemberList(page.data().stream().map(MemberDao.Row::member).toList())
                .nextCursor(page.nextCursor())).build();
    }

    @Override
    public Response updateMember(UUID memberId, MemberPatch patch, String ifMatch) {
        Caller caller = caller(Role.COOP_ADMIN);
        int expectedVersion = ETags.expectedVersion(ifMatch);
        List<FieldError> errors = MemberFields.errors(patch.getIban());
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return writes.inTenant(caller, "updateMember", null, patch, write -> {
            MemberDao.Row current = MemberDao.findForUpdate(write.handle(), memberId)
                    .orElseThrow(() -> notFound(memberId));
            if (current.version() != expectedVersion) {
                throw ETags.stale();
            }
            Member before = current.member();
            if (before.getStatus() == MemberStatus.LEFT) {
                throw ProblemException.conflict("MEMBER_LEFT",
                        "This member has left the cooperative; a member that left cannot change.");
            }
            CaoRuleSetDao.requireKnown(write.handle(), "caoRuleSetCode", patch.getCaoRuleSetCode());
            Member changed = apply(before, patch);
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
                .caoRuleSetCode(patch.getCaoRuleSetCode() != null ? patch.getCaoRuleSetCode() : current.getCaoRuleSetCode());
    }

    private static ProblemException notFound(UUID memberId) {
        return ProblemException.notFound("Member " + memberId);
    }

    private Caller caller(Role... allowed) {
        Caller caller = CurrentCaller.get();
        caller.requireAny(allowed);
        caller.tenant();
        return caller;
    }
}
