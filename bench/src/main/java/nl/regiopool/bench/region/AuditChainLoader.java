package nl.regiopool.bench.region;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.regiopool.audit.ChainHash;
import nl.regiopool.audit.Canonical;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Appends a number of events to one cooperative's audit chain, each hashed exactly as the server seals
 * them ({@link ChainHash}), so that {@code GET /v1/audit-events/verify} has a long intact chain to walk.
 * Runs as a superuser (row-level security does not apply) and moves the chain head in the same transaction.
 * <p>
 * Arguments: JDBC URL (with user), cooperative slug, number of events.
 */
public final class AuditChainLoader {

    private static final int BATCH = 20_000;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String slug = args[1];
        int count = Integer.parseInt(args[2]);
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            UUID tenant;
            long sequence;
            String previous;
            try (PreparedStatement head = connection.prepareStatement("""
                    SELECT c.id, h.last_sequence, h.last_hash FROM cooperative c
                    JOIN audit_chain_head h ON h.tenant_id = c.id WHERE c.slug = ? FOR UPDATE OF h""")) {
                head.setString(1, slug);
                try (ResultSet rs = head.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no cooperative with an audit chain has slug " + slug);
                    }
                    tenant = rs.getObject(1, UUID.class);
                    sequence = rs.getLong(2);
                    previous = rs.getString(3);
                }
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            Instant start = Instant.parse("2026-06-01T06:00:00Z");
            List<String> roles = List.of("coop_admin");
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < count; i++) {
                sequence++;
                UUID id = new UUID(0x0190000000007000L | ((long) i << 16), 0x8000000000000000L | sequence);
                UUID entity = new UUID(0x0191000000007000L | ((long) (i / 4) << 16), 0x8000000000000000L | i / 4);
                Instant at = start.plusMillis(250L * i);
                ObjectNode after = JsonNodeFactory.instance.objectNode();
                after.put("status", i % 4 == 0 ? "PLANNED" : "CONFIRMED");
                after.put("breakMinutes", 30);
                after.put("startsAt", at.plusSeconds(86_400).toString());
                String action = i % 4 == 0 ? "placement.created" : "placement.confirmed";
                String requestId = "bench-" + sequence;
                String digest = ChainHash.payloadDigest(null, after);
                String hash = ChainHash.of(previous, tenant, id, sequence, at, "bench-loader", roles, action,
                        "placement", entity, digest, requestId);
                rows.append(tenant).append('\t').append(id).append('\t').append(sequence).append('\t').append(at)
                        .append("\tbench-loader\t{coop_admin}\t").append(action).append("\tplacement\t").append(entity)
                        .append("\t\\N\t").append(Canonical.json(after).replace("\\", "\\\\")).append('\t')
                        .append(requestId).append('\t').append(previous).append('\t').append(hash).append('\t')
                        .append(digest).append('\n');
                previous = hash;
                if ((i + 1) % BATCH == 0 || i == count - 1) {
                    copy.copyIn("COPY audit_event (tenant_id, id, sequence, occurred_at, actor_subject, actor_roles,"
                            + " action, entity_type, entity_id, before, after, request_id, previous_hash, hash,"
                            + " payload_digest)"
                            + " FROM STDIN", new StringReader(rows.toString()));
                    rows.setLength(0);
                }
            }
            try (PreparedStatement move = connection.prepareStatement(
                    "UPDATE audit_chain_head SET last_sequence = ?, last_hash = ? WHERE tenant_id = ?")) {
                move.setLong(1, sequence);
                move.setString(2, previous);
                move.setObject(3, tenant);
                move.executeUpdate();
            }
            connection.commit();
            System.out.println("appended " + count + " audit events to " + slug + "; chain now ends at " + sequence);
        }
    }
}
