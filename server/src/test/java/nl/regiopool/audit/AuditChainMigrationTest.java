package nl.regiopool.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.regiopool.RegiopoolConfiguration;
import nl.regiopool.client.api.AuditApi;
import nl.regiopool.client.api.WorkersApi;
import nl.regiopool.client.model.AuditVerification;
import nl.regiopool.client.model.Member;
import nl.regiopool.client.model.Worker;
import nl.regiopool.client.model.WorkerPatch;
import nl.regiopool.db.JdbiSettings;
import nl.regiopool.tenancy.TenantScope;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A chain sealed under hash version 1 (payload inside the hash), as the sealer stored it before payload digests,
 * moves to version 2 on the next seal: verified under the old rule, re-chained, its old checkpoints still
 * checking; then a person named in its old events is erased and it still verifies.
 */
class AuditChainMigrationTest extends ApiTest {

    private static final String GIVEN = "Zwaantje";
    private static final String FAMILY = "Oosterhuis-Pelgrim";

    private final ObjectMapper mapper = new ObjectMapper();
    private UUID tenant;
    private AuditApi audit;
    private Worker worker;

    @BeforeEach
    void aChainSealedUnderTheOldRule() throws Exception {
        tenant = newCooperative();
        Member employer = newMember(tenant, "Praktijk Oost");
        WorkersApi workers = new WorkersApi(TestApp.client(TestApp.adminToken(tenant)));
        worker = workers.createWorker(workerCreate(employer.getId(), GIVEN, FAMILY), null);
        worker = workers.updateWorker(worker.getId(), "\"1\"", new WorkerPatch().contractHoursPerWeek(28));
        newMember(tenant, "Praktijk West");
        audit = new AuditApi(TestApp.client(TestApp.auditorToken(tenant)));
        assertThat(audit.verifyAuditChain().getUnsealedEvents()).isZero();
    }

    @Test
    void theOldChainIsRechainedAndItsCheckpointsStillCheck() throws Exception {
        LegacyHead legacy = rewriteUnderTheOldRule(false);
        long legacyHead = legacy.sequence();

        AuditVerification migrated = audit.verifyAuditChain();
        assertThat(migrated.getIntact()).isTrue();
        assertThat(migrated.getCheckedEvents()).isEqualTo(legacyHead);
        assertThat(migrated.getRedactedEvents()).isZero();
        assertThat(migrated.getBrokenCheckpointSequence()).isNull();
        assertThat(migrated.getCheckpointsChecked()).as("the old checkpoint and the migration record").isEqualTo(2);
        assertThat(scalar("SELECT count(*) FROM audit_event WHERE tenant_id = ? AND hash_version = 1")).isZero();
        assertThat(scalar("SELECT count(*) FROM audit_event WHERE tenant_id = ? AND legacy_hash IS NOT NULL"))
                .isEqualTo(legacyHead);
        assertThat(text("SELECT legacy_hash || ' ' || legacy_sequence FROM audit_chain_migration WHERE tenant_id = ?"))
                .isEqualTo(legacy.hash() + " " + legacyHead);

        assertThat(audit.verifyAuditChainFromCheckpoint(legacyHead).getIntact())
                .as("the checkpoint signed over the old hash").isTrue();

        newMember(tenant, "Praktijk Noord");
        AuditVerification later = audit.verifyAuditChain();
        assertThat(later.getIntact()).isTrue();
        assertThat(later.getCheckedEvents()).isEqualTo(legacyHead + 1);
    }

    @Test
    void aPersonNamedInOldEventsIsErasedAndTheChainStillVerifies() throws Exception {
        rewriteUnderTheOldRule(false);
        assertThat(audit.verifyAuditChain().getIntact()).isTrue();
        assertThat(payloadsNaming(FAMILY)).isPositive();

        int redacted = erase();

        assertThat(redacted).as("worker.created and worker.updated at least").isGreaterThanOrEqualTo(2);
        assertThat(payloadsNaming(FAMILY)).isZero();
        assertThat(payloadsNaming(GIVEN)).isZero();
        AuditVerification verification = audit.verifyAuditChain();
        assertThat(verification.getIntact()).isTrue();
        assertThat(verification.getRedactedEvents()).isEqualTo(redacted);
        assertThat(verification.getBrokenCheckpointSequence()).isNull();
    }

    @Test
    void aTamperedOldEventIsStillFound() throws Exception {
        rewriteUnderTheOldRule(false);
        assertThat(audit.verifyAuditChain().getIntact()).isTrue();
        erase();
        UUID redactedEvent = uuid("SELECT id FROM audit_event WHERE tenant_id = ? AND action = 'worker.created'");
        tamper("UPDATE audit_event SET actor_subject = 'someone-else' WHERE tenant_id = ? AND id = ?", redactedEvent);

        AuditVerification verification = audit.verifyAuditChain();
        assertThat(verification.getIntact()).isFalse();
        assertThat(verification.getFirstBrokenEventId()).isEqualTo(redactedEvent);
    }

    @Test
    void aTamperedOldPayloadIsFoundByItsDigest() throws Exception {
        rewriteUnderTheOldRule(false);
        assertThat(audit.verifyAuditChain().getIntact()).isTrue();
        UUID member = uuid("SELECT id FROM audit_event WHERE tenant_id = ? AND action = 'member.created'"
                + " AND after->>'name' = 'Praktijk West'");
        tamper("UPDATE audit_event SET after = jsonb_set(after, '{name}', '\"Vals\"') WHERE tenant_id = ? AND id = ?",
                member);

        AuditVerification verification = audit.verifyAuditChain();
        assertThat(verification.getIntact()).isFalse();
        assertThat(verification.getFirstBrokenEventId()).isEqualTo(member);
    }

    @Test
    void anOldChainThatDoesNotVerifyIsNotRechained() throws Exception {
        UUID member = uuid("SELECT id FROM audit_event WHERE tenant_id = ? AND action = 'member.created'"
                + " AND after->>'name' = 'Praktijk West'");
        rewriteUnderTheOldRule(true);

        AuditVerification verification = audit.verifyAuditChain();
        assertThat(verification.getIntact()).isFalse();
        assertThat(verification.getFirstBrokenEventId()).isEqualTo(member);
        assertThat(scalar("SELECT count(*) FROM audit_event WHERE tenant_id = ? AND hash_version = 1")).isPositive();
        assertThat(scalar("SELECT count(*) FROM audit_chain_migration WHERE tenant_id = ?")).isZero();
    }

    private int erase() {
        RegiopoolConfiguration config = TestApp.APP.getConfiguration();
        Jdbi jdbi = JdbiSettings.apply(
                Jdbi.create(TestApp.jdbcUrl(), config.getDatabase().getUser(), config.getDatabase().getPassword()));
        return jdbi.inTransaction(handle -> {
            TenantScope.bind(handle, tenant);
            return new AuditRedaction(mapper).redact(handle, "worker", worker.getId(),
                    Set.of("givenName", "familyName", "email", "phone", "postcode", "latitude", "longitude"),
                    List.of(GIVEN + " " + FAMILY, GIVEN, FAMILY, worker.getEmail(), worker.getPhone()));
        });
    }

    /**
     * What the sealer stored before payload digests: every sealed event hashed under version 1 with no digest, the
     * head on version 1, and a checkpoint signed over the old head hash. Done as the superuser with the head row
     * locked, so the running sealer leaves this tenant alone meanwhile. {@code tampered}: and then, before the
     * sealer sees it, the name in the payload of member Praktijk West's creation is changed. Returns the old head:
     * once this commits, the sealer may re-chain at any moment, so reading the head afterwards could see the new one.
     */
    private LegacyHead rewriteUnderTheOldRule(boolean tampered) throws Exception {
        try (Connection db = TestApp.superuserConnection()) {
            db.setAutoCommit(false);
            try (PreparedStatement lock = db.prepareStatement(
                    "SELECT 1 FROM audit_chain_head WHERE tenant_id = ? FOR UPDATE")) {
                lock.setObject(1, tenant);
                lock.executeQuery().close();
            }
            try (Statement statement = db.createStatement()) {
                statement.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
                statement.execute("ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_append_only");
            }
            List<Object[]> links = new ArrayList<>();
            String previous = ChainHash.GENESIS;
            long sequence = 0;
            try (PreparedStatement events = db.prepareStatement("""
                    SELECT id, sequence, occurred_at, actor_subject, actor_roles, action, entity_type, entity_id,
                           before::text, after::text, request_id
                      FROM audit_event WHERE tenant_id = ? ORDER BY sequence""")) {
                events.setObject(1, tenant);
                try (ResultSet rs = events.executeQuery()) {
                    while (rs.next()) {
                        sequence = rs.getLong(2);
                        String hash = ChainHash.legacy(previous, tenant, rs.getObject(1, UUID.class), sequence,
                                rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4),
                                Arrays.asList((String[]) rs.getArray(5).getArray()), rs.getString(6), rs.getString(7),
                                rs.getObject(8, UUID.class), json(rs.getString(9)), json(rs.getString(10)),
                                rs.getString(11));
                        links.add(new Object[] {rs.getObject(1, UUID.class), previous, hash});
                        previous = hash;
                    }
                }
            }
            try (PreparedStatement update = db.prepareStatement("""
                    UPDATE audit_event SET previous_hash = ?, hash = ?, hash_version = 1, payload_digest = NULL
                     WHERE tenant_id = ? AND id = ?""")) {
                for (Object[] link : links) {
                    update.setString(1, (String) link[1]);
                    update.setString(2, (String) link[2]);
                    update.setObject(3, tenant);
                    update.setObject(4, link[0]);
                    update.addBatch();
                }
                update.executeBatch();
            }
            try (PreparedStatement head = db.prepareStatement(
                    "UPDATE audit_chain_head SET last_hash = ?, hash_version = 1 WHERE tenant_id = ?");
                 PreparedStatement checkpoints = db.prepareStatement("DELETE FROM audit_checkpoint WHERE tenant_id = ?");
                 PreparedStatement checkpoint = db.prepareStatement("""
                         INSERT INTO audit_checkpoint (tenant_id, sequence, hash, signed_at, key_id, signature)
                         VALUES (?, ?, ?, ?, ?, ?)""")) {
                head.setString(1, previous);
                head.setObject(2, tenant);
                head.executeUpdate();
                checkpoints.setObject(1, tenant);
                checkpoints.executeUpdate();
                AuditConfig keys = TestApp.APP.getConfiguration().getAudit();
                CheckpointSigner signer = CheckpointSigner.of(keys.getCheckpointPrivateKey(),
                        keys.getCheckpointPublicKey(), List.of());
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                checkpoint.setObject(1, tenant);
                checkpoint.setLong(2, sequence);
                checkpoint.setString(3, previous);
                checkpoint.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                checkpoint.setString(5, signer.keyId());
                checkpoint.setString(6, signer.sign(tenant, sequence, previous, now));
                checkpoint.executeUpdate();
            }
            try (Statement statement = db.createStatement()) {
                if (tampered) {
                    statement.execute("UPDATE audit_event SET after = jsonb_set(after, '{name}', '\"Vals\"')"
                            + " WHERE tenant_id = '" + tenant + "' AND after->>'name' = 'Praktijk West'");
                }
                statement.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
                statement.execute("ALTER TABLE audit_checkpoint ENABLE TRIGGER audit_checkpoint_append_only");
            }
            db.commit();
            return new LegacyHead(sequence, previous);
        }
    }

    private record LegacyHead(long sequence, String hash) {
    }

    private void tamper(String sql, UUID id) throws Exception {
        try (Connection db = TestApp.superuserConnection()) {
            db.setAutoCommit(false);
            try (Statement statement = db.createStatement()) {
                statement.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
            }
            try (PreparedStatement tamper = db.prepareStatement(sql)) {
                tamper.setObject(1, tenant);
                tamper.setObject(2, id);
                assertThat(tamper.executeUpdate()).isEqualTo(1);
            }
            try (Statement statement = db.createStatement()) {
                statement.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
            }
            db.commit();
        }
    }

    private long payloadsNaming(String text) throws Exception {
        try (Connection db = TestApp.superuserConnection();
             PreparedStatement query = db.prepareStatement("""
                     SELECT count(*) FROM audit_event
                      WHERE tenant_id = ? AND (coalesce(before::text, '') || coalesce(after::text, '')) ILIKE ?""")) {
            query.setObject(1, tenant);
            query.setString(2, "%" + text + "%");
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long scalar(String sql) throws Exception {
        return Long.parseLong(text(sql));
    }

    private UUID uuid(String sql) throws Exception {
        return UUID.fromString(text(sql));
    }

    private String text(String sql) throws Exception {
        try (Connection db = TestApp.superuserConnection(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, tenant);
            try (ResultSet rs = query.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getString(1);
            }
        }
    }

    private JsonNode json(String text) throws Exception {
        return text == null ? null : mapper.readTree(text);
    }
}
