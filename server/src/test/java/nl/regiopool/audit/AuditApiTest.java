package nl.regiopool.audit;

import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.api.AuditApi;
import nl.regiopool.client.api.MembersApi;
import nl.regiopool.client.model.AuditCheckpoint;
import nl.regiopool.client.model.AuditEvent;
import nl.regiopool.client.model.AuditEventList;
import nl.regiopool.client.model.AuditVerification;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.MemberPatch;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditApiTest extends ApiTest {

    private UUID tenant;
    private AuditApi asAdmin;

    @BeforeEach
    void cooperative() throws ApiException {
        tenant = newCooperative();
        asAdmin = new AuditApi(TestApp.client(TestApp.adminToken(tenant)));
    }

    @Test
    void everyWriteIsAnEventInAnIntactChain() throws ApiException {
        String adminToken = TestApp.adminToken(tenant);
        MembersApi members = new MembersApi(TestApp.client(adminToken));
        Member member = members.createMember(memberCreate("Praktijk"), null);
        members.updateMember(member.getId(), "\"1\"", new MemberPatch().name("Praktijk Zuid"));

        List<AuditEvent> events = asAdmin.listAuditEvents(null, null, null, null, null, null, null).getData();
        assertThat(events).extracting(AuditEvent::getAction)
                .containsExactly("cooperative.created", "member.created", "member.updated");
        assertThat(events).extracting(AuditEvent::getSequence).containsExactly(1L, 2L, 3L);
        AuditEvent update = events.get(2);
        assertThat(update.getBefore()).containsEntry("name", "Praktijk");
        assertThat(update.getAfter()).containsEntry("name", "Praktijk Zuid");
        assertThat(update.getActorRoles()).containsExactly("coop_admin");
        assertThat(update.getRequestId()).isNotBlank();
        assertThat(update.getPreviousHash()).isEqualTo(events.get(1).getHash());
        assertThat(events.get(0).getPreviousHash()).isEqualTo("0".repeat(64));

        AuditVerification verification = new AuditApi(TestApp.client(TestApp.auditorToken(tenant))).verifyAuditChain();
        assertThat(verification.getIntact()).isTrue();
        assertThat(verification.getCheckedEvents()).isEqualTo(3);
        assertThat(verification.getFirstBrokenEventId()).isNull();
    }

    @Test
    void theRequestIdOfTheWriteIsStored() throws ApiException {
        MembersApi members = new MembersApi(TestApp.client(TestApp.adminToken(tenant)));
        String requestId = "trace-" + UUID.randomUUID();
        Member member = members.createMember(memberCreate("Traced"), null, java.util.Map.of("X-Request-Id", requestId));
        AuditEventList events = asAdmin.listAuditEvents("member", member.getId(), null, null, null, null, null);
        assertThat(events.getData()).singleElement().satisfies(event -> assertThat(event.getRequestId()).isEqualTo(requestId));
    }

    @Test
    void theAuditLogListIsFilterableWithPagesInChainOrder() throws ApiException {
        MembersApi members = new MembersApi(TestApp.client(TestApp.adminToken(tenant)));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(members.createMember(memberCreate("M" + i), null).getId());
        }
        assertThat(asAdmin.listAuditEvents("member", ids.get(3), null, null, null, null, null).getData())
                .extracting(AuditEvent::getEntityId).containsExactly(ids.get(3));
        assertThat(asAdmin.listAuditEvents("cooperative", null, null, null, null, null, null).getData()).hasSize(1);

        List<Long> sequences = new ArrayList<>();
        String cursor = null;
        do {
            AuditEventList page = asAdmin.listAuditEvents(null, null, null, null, null, 2, cursor);
            page.getData().forEach(event -> sequences.add(event.getSequence()));
            cursor = page.getNextCursor();
        } while (cursor != null);
        assertThat(sequences).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);

        AuditEvent third = asAdmin.listAuditEvents(null, null, null, null, null, null, null).getData().get(2);
        assertThat(asAdmin.listAuditEvents(null, null, null, third.getOccurredAt(), null, null, null).getData())
                .extracting(AuditEvent::getSequence).startsWith(3L);
        assertThat(asAdmin.listAuditEvents(null, null, "nobody", null, null, null, null).getData()).isEmpty();
    }

    @Test
    void membersCannotReadTheAuditLog() throws ApiException {
        Member member = newMember(tenant, "Lid");
        AuditApi asMember = new AuditApi(TestApp.client(TestApp.memberToken(tenant, member.getId())));
        expectProblem(403, "FORBIDDEN", () -> asMember.listAuditEvents(null, null, null, null, null, null, null));
        expectProblem(403, "FORBIDDEN", asMember::verifyAuditChain);
    }

    @Test
    void anotherCooperativesEventsAreInvisible() throws ApiException {
        Member member = newMember(tenant, "Lid");
        AuditApi otherAdmin = new AuditApi(TestApp.client(TestApp.adminToken(newCooperative())));
        assertThat(otherAdmin.listAuditEvents("member", member.getId(), null, null, null, null, null).getData()).isEmpty();
    }

    @Test
    void verifyFindsTheFirstTamperedEvent() throws Exception {
        MembersApi members = new MembersApi(TestApp.client(TestApp.adminToken(tenant)));
        members.createMember(memberCreate("Een"), null);
        members.createMember(memberCreate("Twee"), null);
        members.createMember(memberCreate("Drie"), null);
        AuditEvent second = asAdmin.listAuditEvents(null, null, null, null, null, null, null).getData().get(2);

        // only a superuser can do this, with the append-only trigger switched off
        tamperWithName(second.getId());

        AuditVerification verification = asAdmin.verifyAuditChain();
        assertThat(verification.getIntact()).isFalse();
        assertThat(verification.getFirstBrokenEventId()).isEqualTo(second.getId());
        assertThat(verification.getCheckedEvents()).isEqualTo(3);
    }

    @Test
    void anEventWhoseTransactionCommitsLateIsChainedAfterItsPredecessorsNotSkipped() throws Exception {
        MembersApi members = new MembersApi(TestApp.client(TestApp.adminToken(tenant)));
        try (Connection late = TestApp.superuserConnection()) {
            late.setAutoCommit(false);
            try (PreparedStatement insert = late.prepareStatement("""
                    INSERT INTO audit_event (tenant_id, id, occurred_at, actor_subject, actor_roles, action, entity_type,
                        entity_id, request_id)
                    VALUES (?, ?, now(), 'late-writer', '{}', 'member.late', 'member', ?, 'late')""")) {
                insert.setObject(1, tenant);
                insert.setObject(2, UUID.randomUUID());
                insert.setObject(3, UUID.randomUUID());
                insert.executeUpdate();
            }
            members.createMember(memberCreate("Na de late"), null);

            AuditVerification whileOpen = asAdmin.verifyAuditChain();
            assertThat(whileOpen.getIntact()).isTrue();
            assertThat(whileOpen.getHeadSequence()).as("only what came before the open transaction").isEqualTo(1);
            assertThat(whileOpen.getUnsealedEvents()).as("the member, held back by the older open transaction")
                    .isEqualTo(1);
            assertThat(whileOpen.getOldestUnsealedAt()).isNotNull();
            late.commit();
        }

        assertThat(asAdmin.listAuditEvents(null, null, null, null, null, null, null).getData())
                .extracting(AuditEvent::getAction)
                .containsExactly("cooperative.created", "member.late", "member.created");
        AuditVerification after = asAdmin.verifyAuditChain();
        assertThat(after.getIntact()).isTrue();
        assertThat(after.getHeadSequence()).isEqualTo(3);
        assertThat(after.getUnsealedEvents()).isZero();
        assertThat(after.getOldestUnsealedAt()).isNull();
    }

    @Test
    void verifyReportsATailThatWasCutOff() throws Exception {
        MembersApi members = new MembersApi(TestApp.client(TestApp.adminToken(tenant)));
        members.createMember(memberCreate("Een"), null);
        members.createMember(memberCreate("Twee"), null);
        assertThat(asAdmin.verifyAuditChain().getIntact()).isTrue();

        assertThat(withAppendOnlyOff("DELETE FROM audit_event WHERE tenant_id = ? AND sequence = 3", tenant)).isEqualTo(1);

        AuditVerification verification = asAdmin.verifyAuditChain();
        assertThat(verification.getIntact()).isFalse();
        assertThat(verification.getFirstBrokenEventId()).isNull();
        assertThat(verification.getCheckedEvents()).isEqualTo(2);
        assertThat(verification.getHeadSequence()).isEqualTo(3);
        assertThat(verification.getMissingAfterSequence()).isEqualTo(2);
    }

    @Test
    void signedCheckpointsLetAVerifyStartLateAndCatchATailCutWithItsHead() throws Exception {
        MembersApi members = new MembersApi(TestApp.client(TestApp.adminToken(tenant)));
        for (int i = 0; i < 7; i++) {
            members.createMember(memberCreate("Lid " + i), null);
            asAdmin.verifyAuditChain(); // seals now, one event at a time
        }
        AuditVerification whole = asAdmin.verifyAuditChain();
        assertThat(whole.getIntact()).isTrue();
        assertThat(whole.getHeadSequence()).isEqualTo(8);
        List<AuditCheckpoint> checkpoints = new AuditApi(TestApp.client(TestApp.auditorToken(tenant)))
                .listAuditCheckpoints(null, null).getData();
        List<Long> sequences = checkpoints.stream().map(AuditCheckpoint::getSequence).toList();
        assertThat(sequences).as("newest first").isSortedAccordingTo(Comparator.reverseOrder()).hasSizeGreaterThan(1);
        for (int i = 1; i < sequences.size(); i++) {
            assertThat(sequences.get(i - 1) - sequences.get(i)).as("every 3 events").isEqualTo(3);
        }
        assertThat(whole.getCheckpointsChecked()).isEqualTo(checkpoints.size());
        AuditCheckpoint latest = checkpoints.get(0);
        assertThat(latest.getKeyId()).matches("[0-9a-f]{16}");
        assertThat(latest.getHash()).isEqualTo(asAdmin.listAuditEvents(null, null, null, null, null, null, null)
                .getData().get((int) (latest.getSequence() - 1)).getHash());
        assertThat(verifiesWithThePublicKey(latest)).as("an auditor checks it without our code").isTrue();

        AuditVerification fromLatest = asAdmin.verifyAuditChainFromCheckpoint(latest.getSequence());
        assertThat(fromLatest.getIntact()).isTrue();
        assertThat(fromLatest.getFromCheckpoint()).isEqualTo(latest.getSequence());
        assertThat(fromLatest.getCheckedEvents()).isEqualTo(8 - latest.getSequence());
        expectProblem(404, "NOT_FOUND", () -> asAdmin.verifyAuditChainFromCheckpoint(5_000L));

        // someone with the owner's rights cuts the last events off and moves the head back to cover it
        long keep = checkpoints.get(1).getSequence() + 1;
        try (Connection superuser = TestApp.superuserConnection()) {
            superuser.setAutoCommit(false);
            try (Statement statement = superuser.createStatement()) {
                statement.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
            }
            try (PreparedStatement cut = superuser.prepareStatement(
                    "DELETE FROM audit_event WHERE tenant_id = ? AND sequence > ?");
                 PreparedStatement head = superuser.prepareStatement("""
                         UPDATE audit_chain_head SET last_sequence = ?,
                                last_hash = (SELECT hash FROM audit_event WHERE tenant_id = ? AND sequence = ?)
                          WHERE tenant_id = ?""")) {
                cut.setObject(1, tenant);
                cut.setLong(2, keep);
                cut.executeUpdate();
                head.setLong(1, keep);
                head.setObject(2, tenant);
                head.setLong(3, keep);
                head.setObject(4, tenant);
                assertThat(head.executeUpdate()).isEqualTo(1);
            }
            try (Statement statement = superuser.createStatement()) {
                statement.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
            }
            superuser.commit();
        }
        AuditVerification cut = asAdmin.verifyAuditChain();
        assertThat(cut.getIntact()).as("the latest checkpoint names an event that is gone").isFalse();
        assertThat(cut.getFirstBrokenEventId()).isNull();
        assertThat(cut.getHeadSequence()).isEqualTo(keep);
        assertThat(cut.getMissingAfterSequence()).isEqualTo(keep);
    }

    @Test
    void aCheckpointWhoseSignatureDoesNotHoldIsReported() throws Exception {
        asAdmin.verifyAuditChain(); // seals the cooperative's first event now, and with it the first checkpoint
        new MembersApi(TestApp.client(TestApp.adminToken(tenant))).createMember(memberCreate("Een"), null);
        try (Connection superuser = TestApp.superuserConnection()) {
            superuser.setAutoCommit(false);
            try (Statement statement = superuser.createStatement()) {
                statement.execute("ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_append_only");
            }
            try (PreparedStatement forge = superuser.prepareStatement(
                    "UPDATE audit_checkpoint SET signed_at = signed_at + interval '1 second' WHERE tenant_id = ?")) {
                forge.setObject(1, tenant);
                assertThat(forge.executeUpdate()).isPositive();
            }
            try (Statement statement = superuser.createStatement()) {
                statement.execute("ALTER TABLE audit_checkpoint ENABLE TRIGGER audit_checkpoint_append_only");
            }
            superuser.commit();
        }
        AuditVerification verification = asAdmin.verifyAuditChain();
        assertThat(verification.getIntact()).isFalse();
        assertThat(verification.getBrokenCheckpointSequence()).isEqualTo(1);
    }

    private boolean verifiesWithThePublicKey(AuditCheckpoint checkpoint) throws Exception {
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(checkpoint.getPublicKey())));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(key);
        signature.update(("regiopool-audit-checkpoint/v1\n" + tenant + "\n" + checkpoint.getSequence() + "\n"
                + checkpoint.getHash() + "\n" + checkpoint.getSignedAt().toInstant()).getBytes(StandardCharsets.UTF_8));
        return signature.verify(Base64.getDecoder().decode(checkpoint.getSignature()));
    }

    @Test
    void aWalkSplitInTwoHalvesFindsWhatOneWalkFinds() throws Exception {
        long splitFrom = ChainVerification.splitFrom;
        ChainVerification.splitFrom = 2;
        try {
            MembersApi members = new MembersApi(TestApp.client(TestApp.adminToken(tenant)));
            for (int i = 0; i < 8; i++) {
                members.createMember(memberCreate("Praktijk " + i), null);
            }
            // events 1 to 9: the first half walks 1-4, the second 5-9 from the hash stored at 4
            List<AuditEvent> events = asAdmin.listAuditEvents(null, null, null, null, null, 20, null).getData();
            assertThat(events).hasSize(9);
            AuditVerification intact = asAdmin.verifyAuditChain();
            assertThat(intact.getIntact()).isTrue();
            assertThat(intact.getCheckedEvents()).isEqualTo(9);

            tamperWithName(events.get(6).getId());
            AuditVerification secondHalf = asAdmin.verifyAuditChain();
            assertThat(secondHalf.getIntact()).isFalse();
            assertThat(secondHalf.getFirstBrokenEventId()).isEqualTo(events.get(6).getId());
            assertThat(secondHalf.getCheckedEvents()).isEqualTo(7);

            tamperWithName(events.get(2).getId());
            AuditVerification firstHalf = asAdmin.verifyAuditChain();
            assertThat(firstHalf.getIntact()).isFalse();
            assertThat(firstHalf.getFirstBrokenEventId()).isEqualTo(events.get(2).getId());
            assertThat(firstHalf.getCheckedEvents()).isEqualTo(3);
        } finally {
            ChainVerification.splitFrom = splitFrom;
        }
    }

    @Test
    void aWalkSplitInTwoHalvesReportsATailThatWasCutOff() throws Exception {
        long splitFrom = ChainVerification.splitFrom;
        ChainVerification.splitFrom = 2;
        try {
            MembersApi members = new MembersApi(TestApp.client(TestApp.adminToken(tenant)));
            for (int i = 0; i < 5; i++) {
                members.createMember(memberCreate("Praktijk " + i), null);
            }
            assertThat(asAdmin.verifyAuditChain().getIntact()).isTrue();
            assertThat(withAppendOnlyOff("DELETE FROM audit_event WHERE tenant_id = ? AND sequence = 6", tenant))
                    .isEqualTo(1);

            AuditVerification verification = asAdmin.verifyAuditChain();
            assertThat(verification.getIntact()).isFalse();
            assertThat(verification.getFirstBrokenEventId()).isNull();
            assertThat(verification.getCheckedEvents()).isEqualTo(5);
            assertThat(verification.getHeadSequence()).isEqualTo(6);
            assertThat(verification.getMissingAfterSequence()).isEqualTo(5);
        } finally {
            ChainVerification.splitFrom = splitFrom;
        }
    }

    private void tamperWithName(UUID eventId) throws Exception {
        assertThat(withAppendOnlyOff(
                "UPDATE audit_event SET after = jsonb_set(after, '{name}', '\"Vals\"') WHERE tenant_id = ? AND id = ?",
                tenant, eventId)).isEqualTo(1);
    }

    /** Runs one statement as a superuser with audit_event's append-only trigger off; its count of rows. */
    private static int withAppendOnlyOff(String sql, Object... parameters) throws Exception {
        try (Connection superuser = TestApp.superuserConnection()) {
            superuser.setAutoCommit(false);
            try (Statement statement = superuser.createStatement()) {
                statement.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
            }
            int rows;
            try (PreparedStatement change = superuser.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    change.setObject(i + 1, parameters[i]);
                }
                rows = change.executeUpdate();
            }
            try (Statement statement = superuser.createStatement()) {
                statement.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
            }
            superuser.commit();
            return rows;
        }
    }
}
