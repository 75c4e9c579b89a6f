package nl.regiopool.export;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** The worker's personal data and its copies, for erasure. */
final class ErasureDao {

    record Person(String givenName, String familyName, String email, String phone, String status) {
    }

    /** A stored JSON document that names the person: its key and its text. */
    record Copy(String key, String subject, String json) {
    }

    private ErasureDao() {
    }

    static Optional<Person> lockWorker(Handle handle, UUID id) {
        return handle.createQuery("""
                        SELECT given_name, family_name, email, phone, status FROM worker WHERE id = :id FOR UPDATE""")
                .bind("id", id)
                .map((rs, ctx) -> new Person(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .findOne();
    }

    /** Placements not completed, cancelled or missed that have not ended yet. */
    static boolean hasPlacementsToCome(Handle handle, UUID worker, Instant now) {
        return handle.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM placement
                                        WHERE worker_id = :worker AND status IN ('PLANNED', 'CONFIRMED')
                                          AND ends_at > :now)""")
                .bind("worker", worker)
                .bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .mapTo(Boolean.class)
                .one();
    }

    static List<String> bigNumbers(Handle handle, UUID worker) {
        return handle.createQuery("""
                        SELECT big_number FROM worker_qualification
                         WHERE worker_id = :worker AND big_number IS NOT NULL""")
                .bind("worker", worker)
                .mapTo(String.class)
                .list();
    }

    static void pseudonymise(Handle handle, UUID worker, String givenName, String familyName) {
        handle.createUpdate("""
                        UPDATE worker
                           SET given_name = :givenName, family_name = :familyName, email = NULL, phone = NULL,
                               postcode = NULL, latitude = NULL, longitude = NULL, version = version + 1,
                               updated_at = now()
                         WHERE id = :worker""")
                .bind("worker", worker)
                .bind("givenName", givenName)
                .bind("familyName", familyName)
                .execute();
        handle.createUpdate("UPDATE worker_qualification SET big_number = NULL WHERE worker_id = :worker")
                .bind("worker", worker)
                .execute();
        handle.createUpdate("DELETE FROM worker_availability_exception WHERE worker_id = :worker")
                .bind("worker", worker)
                .execute();
        handle.createUpdate("DELETE FROM worker_availability_window WHERE worker_id = :worker")
                .bind("worker", worker)
                .execute();
    }

    static List<Copy> eventsNaming(Handle handle, List<String> jsonPatterns) {
        return handle.createQuery("SELECT id::text, '', data::text FROM event WHERE data::text ILIKE ANY (:patterns)")
                .bind("patterns", jsonPatterns.toArray(String[]::new))
                .map((rs, ctx) -> new Copy(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    static void replaceEventData(Handle handle, Copy copy) {
        handle.createUpdate("UPDATE event SET data = CAST(:data AS jsonb) WHERE id = CAST(:id AS uuid)")
                .bind("id", copy.key())
                .bind("data", copy.json())
                .execute();
    }

    static List<Copy> storedResponsesNaming(Handle handle, List<String> jsonPatterns) {
        return handle.createQuery("""
                        SELECT key, caller_subject, response_body::text FROM idempotency_key
                         WHERE response_body::text ILIKE ANY (:patterns)""")
                .bind("patterns", jsonPatterns.toArray(String[]::new))
                .map((rs, ctx) -> new Copy(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    static void replaceStoredResponse(Handle handle, Copy copy) {
        handle.createUpdate("""
                        UPDATE idempotency_key SET response_body = CAST(:body AS jsonb)
                         WHERE caller_subject = :subject AND key = :key""")
                .bind("subject", copy.subject())
                .bind("key", copy.key())
                .bind("body", copy.json())
                .execute();
    }

    /** Webhook delivery errors may quote a receiver's answer, which may quote the event. */
    static void eraseDeliveryErrors(Handle handle, List<String> textPatterns, String tombstone) {
        handle.createUpdate("UPDATE webhook_delivery SET error = :tombstone WHERE error ILIKE ANY (:patterns)")
                .bind("patterns", textPatterns.toArray(String[]::new))
                .bind("tombstone", tombstone)
                .execute();
    }
}
