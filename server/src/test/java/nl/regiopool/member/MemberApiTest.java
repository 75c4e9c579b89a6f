package nl.regiopool.member;

import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.ApiResponse;
import nl.regiopool.client.api.MembersApi;
import nl.regiopool.client.model.FieldError;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.MemberList;
import nl.regiopool.client.model.MemberPatch;
import nl.regiopool.client.model.MemberStatus;
import nl.regiopool.client.model.Problem;
import nl.regiopool.client.model.Sector;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemberApiTest extends ApiTest {

    private UUID tenant;
    private MembersApi admin;

    @BeforeEach
    void cooperative() throws ApiException {
        tenant = newCooperative();
        admin = new MembersApi(TestApp.client(TestApp.adminToken(tenant)));
    }

    @Test
    void anUnknownCaoRuleSetCodeIsRefusedOnCreateNamingTheKnownCodesWithoutWriting() throws ApiException {
        long members = rowCount("member");
        Problem problem = expectProblem(422, "VALIDATION_FAILED", () -> admin.createMember(
                memberCreate("Thuiszorg De Berkel").caoRuleSetCode("CAO_VVT"), null));
        assertThat(problem.getErrors()).extracting(FieldError::getField, FieldError::getCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("caoRuleSetCode", "NOT_FOUND"));
        assertThat(problem.getErrors().get(0).getMessage()).contains("CAO_VVT", "ATW", "CAO_HUISARTSENZORG");
        assertThat(rowCount("member")).isEqualTo(members);
    }

    @Test
    void anUnknownCaoRuleSetCodeIsRefusedOnUpdate() throws ApiException {
        ApiResponse<Member> created = admin.createMemberWithHttpInfo(memberCreate("Praktijk Zonder CAO"), null);
        expectProblem(422, "VALIDATION_FAILED", () -> admin.updateMember(created.getData().getId(),
                etag(created), new MemberPatch().caoRuleSetCode("CAO_TYPO")));
        assertThat(admin.updateMember(created.getData().getId(), etag(created), new MemberPatch().caoRuleSetCode("ATW"))
                .getCaoRuleSetCode()).isEqualTo("ATW");
    }

    @Test
    void theDatabaseRefusesAnUnknownCaoRuleSetCodeToo() throws Exception {
        Member member = newMember(tenant, "Praktijk Direct");
        try (java.sql.Connection db = TestApp.applicationConnection();
             java.sql.Statement sql = db.createStatement()) {
            db.setAutoCommit(false);
            sql.execute("SELECT set_config('regiopool.tenant_id', '" + tenant + "', true)");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> sql.executeUpdate(
                    "UPDATE member SET cao_rule_set_code = 'CAO_DOES_NOT_EXIST' WHERE id = '" + member.getId() + "'")))
                    .hasMessageContaining("member_cao_rule_set_fk");
            db.rollback();
        }
    }

    @Test
    void adminRegistersAMemberWithNormalisedFields() throws ApiException {
        ApiResponse<Member> created = admin.createMemberWithHttpInfo(memberCreate("Huisartsenpraktijk De Linde")
                .postcode("7001ab").iban("nl91 abna 0417 1643 00").agbCode("01234567")
                .caoRuleSetCode("CAO_HUISARTSENZORG"), null);

        assertThat(created.getStatusCode()).isEqualTo(201);
        Member member = created.getData();
        assertThat(member.getPostcode()).isEqualTo("7001 AB");
        assertThat(member.getIban()).isEqualTo(VALID_IBAN);
        assertThat(member.getStatus()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(member.getJoinedOn()).isNotNull();
        assertThat(created.getHeaders().get("etag")).containsExactly("\"1\"");
        assertThat(created.getHeaders().get("location").get(0)).endsWith("/v1/members/" + member.getId());

        ApiResponse<Member> read = admin.getMemberWithHttpInfo(member.getId());
        assertThat(read.getData()).isEqualTo(member);
        assertThat(read.getHeaders().get("etag")).containsExactly("\"1\"");
    }

    @Test
    void onlyAnAdminWritesMembersThatMembersOrAuditorsRead() throws ApiException {
        Member own = newMember(tenant, "Praktijk Oost");
        MembersApi asMember = new MembersApi(TestApp.client(TestApp.memberToken(tenant, own.getId())));
        MembersApi asAuditor = new MembersApi(TestApp.client(TestApp.auditorToken(tenant)));
        MembersApi asOperator = new MembersApi(TestApp.client(TestApp.operatorToken()));

        assertThat(asMember.getMember(own.getId()).getName()).isEqualTo("Praktijk Oost");
        assertThat(asAuditor.listMembers(null, null, null, null).getData()).extracting(Member::getId).contains(own.getId());

        long before = rowCount("member");
        expectProblem(403, "FORBIDDEN", () -> asMember.createMember(memberCreate("Nope"), null));
        expectProblem(403, "FORBIDDEN", () -> asAuditor.createMember(memberCreate("Nope"), null));
        expectProblem(403, "FORBIDDEN", () -> asOperator.createMember(memberCreate("Nope"), null));
        expectProblem(403, "FORBIDDEN", () -> asOperator.listMembers(null, null, null, null));
        expectProblem(403, "FORBIDDEN", () -> asMember.updateMember(own.getId(), "\"1\"", new MemberPatch().name("x")));
        expectProblem(403, "FORBIDDEN", () -> asAuditor.updateMember(own.getId(), "\"1\"", new MemberPatch().name("x")));
        assertThat(rowCount("member")).isEqualTo(before);
    }

    @Test
    void anotherCooperativesMemberIsNotFound() throws ApiException {
        Member theirs = newMember(newCooperative(), "Elders");

        expectProblem(404, "NOT_FOUND", () -> admin.getMember(theirs.getId()));
        expectProblem(404, "NOT_FOUND", () -> admin.updateMember(theirs.getId(), "\"1\"", new MemberPatch().name("Taken")));
        assertThat(admin.listMembers(null, null, 200, null).getData()).extracting(Member::getId).doesNotContain(theirs.getId());
        expectProblem(404, "NOT_FOUND", () -> admin.getMember(UUID.randomUUID()));
    }

    @Test
    void invalidFieldsAreNamedWithoutWriting() {
        long before = rowCount("member");
        Problem problem = expectProblem(422, "VALIDATION_FAILED", () -> admin.createMember(memberCreate("X")
                .kvkNumber("1234").agbCode("12").postcode("0123 AB"), null));
        assertThat(problem.getErrors()).extracting(FieldError::getField)
                .containsExactlyInAnyOrder("kvkNumber", "agbCode", "postcode");
        assertThat(problem.getErrors()).extracting(FieldError::getCode).containsOnly("INVALID_FORMAT");

        Problem iban = expectProblem(422, "VALIDATION_FAILED",
                () -> admin.createMember(memberCreate("X").iban("NL91ABNA0417164301"), null));
        assertThat(iban.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getField()).isEqualTo("iban");
            assertThat(error.getCode()).isEqualTo("INVALID_CHECKSUM");
        });
        assertThat(rowCount("member")).isEqualTo(before);
    }

    @Test
    void kvkNumberIsUniqueWithinACooperative() throws ApiException {
        Member first = newMember(tenant, "Eerste");
        expectProblem(409, "MEMBER_KVK_TAKEN",
                () -> admin.createMember(memberCreate("Tweede").kvkNumber(first.getKvkNumber()), null));
        // another cooperative may register the same employer
        UUID other = newCooperative();
        new MembersApi(TestApp.client(TestApp.adminToken(other)))
                .createMember(memberCreate("Zelfde").kvkNumber(first.getKvkNumber()), null);
    }

    @Test
    void patchNeedsTheCurrentETag() throws ApiException {
        Member member = newMember(tenant, "Praktijk");

        expectProblem(412, "PRECONDITION_FAILED", () -> admin.updateMember(member.getId(), "\"7\"", new MemberPatch().name("A")));
        expectProblem(412, "PRECONDITION_FAILED", () -> admin.updateMember(member.getId(), "W/\"1\"", new MemberPatch().name("A")));

        ApiResponse<Member> changed = admin.updateMemberWithHttpInfo(member.getId(),
                "\"1\"", new MemberPatch().name("Praktijk Noord").sector(Sector.GP_ORGANISATION).postcode("7002cd"));
        assertThat(changed.getHeaders().get("etag")).containsExactly("\"2\"");
        assertThat(changed.getData().getName()).isEqualTo("Praktijk Noord");
        assertThat(changed.getData().getSector()).isEqualTo(Sector.GP_ORGANISATION);
        assertThat(changed.getData().getPostcode()).isEqualTo("7002 CD");
        assertThat(changed.getData().getKvkNumber()).isEqualTo(member.getKvkNumber());
        expectProblem(412, "PRECONDITION_FAILED", () -> admin.updateMember(member.getId(), "\"1\"", new MemberPatch().name("B")));
    }

    @Test
    void concurrentPatchesWithTheSameETagLetExactlyOneWin() throws Exception {
        Member member = newMember(tenant, "Gedeeld");
        List<Integer> statuses = concurrentStatuses(8,
                i -> admin.updateMember(member.getId(), "\"1\"", new MemberPatch().name("Naam " + i)));
        assertThat(statuses).containsOnly(200, 412);
        assertThat(statuses.stream().filter(status -> status == 200)).hasSize(1);
        assertThat(admin.getMemberWithHttpInfo(member.getId()).getHeaders().get("etag")).containsExactly("\"2\"");
    }

    @Test
    void leavingIsFinalForAMember() throws ApiException {
        Member member = newMember(tenant, "Vertrekker");
        Member left = admin.updateMember(member.getId(), "\"1\"", new MemberPatch().status(MemberStatus.LEFT));
        assertThat(left.getStatus()).isEqualTo(MemberStatus.LEFT);
        assertThat(admin.getMember(member.getId()).getStatus()).isEqualTo(MemberStatus.LEFT);
        expectProblem(409, "MEMBER_LEFT",
                () -> admin.updateMember(member.getId(), "\"2\"", new MemberPatch().status(MemberStatus.ACTIVE)));
    }

    @Test
    void listPagesThroughEveryMemberExactlyOnce() throws ApiException {
        sevenPracticesPlusANursingHome();

        Set<UUID> seen = new HashSet<>();
        List<UUID> order = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            MemberList page = admin.listMembers(null, null, 3, cursor);
            assertThat(page.getData()).hasSizeLessThanOrEqualTo(3);
            page.getData().forEach(member -> {
                assertThat(seen.add(member.getId())).as("seen once: %s", member.getId()).isTrue();
                order.add(member.getId());
            });
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(8);
        assertThat(pages).isEqualTo(3);
        assertThat(order).isSorted();
    }

    private void sevenPracticesPlusANursingHome() throws ApiException {
        for (int i = 0; i < 7; i++) {
            newMember(tenant, "Praktijk " + i);
        }
        admin.createMember(memberCreate("Verpleeghuis").sector(Sector.ELDERLY_CARE), null);
    }

    @Test
    void listFiltersBySectorOrStatus() throws ApiException {
        sevenPracticesPlusANursingHome();
        assertThat(admin.listMembers(null, Sector.ELDERLY_CARE, null, null).getData())
                .extracting(Member::getName).containsExactly("Verpleeghuis");
        assertThat(admin.listMembers(MemberStatus.LEFT, null, null, null).getData()).isEmpty();
    }

    @Test
    void listRefusesAnOutOfRangeLimitOrAForeignCursor() {
        expectProblem(422, "VALIDATION_FAILED", () -> admin.listMembers(null, null, 201, null));
        expectProblem(422, "VALIDATION_FAILED", () -> admin.listMembers(null, null, 0, null));
        expectProblem(422, "VALIDATION_FAILED", () -> admin.listMembers(null, null, null, "not-a-cursor"));
    }

    @Test
    void anIdempotentCreateReplaysTheFirstResponseWritingOnce() throws ApiException {
        var body = memberCreate("Eenmalig");
        long before = rowCount("member");
        long events = rowCount("audit_event");

        ApiResponse<Member> first = admin.createMemberWithHttpInfo(body, "member-key-1");
        ApiResponse<Member> again = admin.createMemberWithHttpInfo(body, "member-key-1");

        assertThat(again.getStatusCode()).isEqualTo(201);
        assertThat(again.getData()).isEqualTo(first.getData());
        assertThat(again.getHeaders().get("idempotent-replayed")).containsExactly("true");
        assertThat(again.getHeaders().get("etag")).isEqualTo(first.getHeaders().get("etag"));
        assertThat(rowCount("member")).isEqualTo(before + 1);
        assertThat(rowCount("audit_event")).isEqualTo(events + 1);
    }

    @Test
    void anIdempotencyKeyReusedForAnotherBodyIsRefusedWithoutWriting() throws ApiException {
        admin.createMemberWithHttpInfo(memberCreate("Eenmalig"), "member-key-2");
        long afterTheFirst = rowCount("member");
        expectProblem(422, "IDEMPOTENCY_KEY_REUSED",
                () -> admin.createMember(memberCreate("Anders"), "member-key-2"));
        assertThat(rowCount("member")).isEqualTo(afterTheFirst);
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneMember() throws Exception {
        var body = memberCreate("Gelijktijdig");
        long before = rowCount("member");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<UUID>> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(pool.submit(() -> admin.createMember(body, "concurrent-key").getId()));
            }
            Set<UUID> distinct = new HashSet<>();
            for (Future<UUID> id : ids) {
                distinct.add(id.get());
            }
            assertThat(distinct).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(rowCount("member")).isEqualTo(before + 1);
    }
}
