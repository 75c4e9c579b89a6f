package nl.regiopool.export;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** The personal data of a worker or an internship applicant and its copies, for erasure. */
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

    /** An applicant not erased yet: her name, email and phone. */
    static Optional<Person> lockApplicant(Handle handle, UUID id) {
        return handle.createQuery("""
                        SELECT given_name, family_name, email, phone FROM internship_applicant
                         WHERE id = :id AND erased_at IS NULL FOR UPDATE""")
                .bind("id", id)
                .map((rs, ctx) -> new Person(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        null))
                .findOne();
    }

    static boolean hasOpenShares(Handle handle, UUID applicant) {
        return handle.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM internship_share WHERE applicant_id = :applicant
                                                                        AND decided_at IS NULL)""")
                .bind("applicant", applicant)
                .mapTo(Boolean.class)
                .one();
    }

    /** An internship of the applicant that has not ended by {@code today}. */
    static boolean hasInternshipNotEnded(Handle handle, UUID applicant, LocalDate today) {
        return handle.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM internship WHERE applicant_id = :applicant AND end_date >= :today)""")
                .bind("applicant", applicant)
                .bind("today", today)
                .mapTo(Boolean.class)
                .one();
    }

    static List<UUID> documents(Handle handle, UUID applicant) {
        return handle.createQuery("SELECT id FROM internship_document WHERE applicant_id = :applicant ORDER BY id")
                .bind("applicant", applicant)
                .mapTo(UUID.class)
                .list();
    }

    static void deleteDocument(Handle handle, UUID document) {
        handle.createUpdate("DELETE FROM internship_document WHERE id = :id").bind("id", document).execute();
    }

    static void eraseApplicant(Handle handle, UUID applicant, String pseudonym) {
        handle.createUpdate("""
                        UPDATE internship_applicant
                           SET given_name = NULL, family_name = NULL, email = NULL, phone = NULL, school = NULL,
                               programme = NULL, study_year = NULL, wish_roles = '{}', wish_start_date = NULL,
                               wish_end_date = NULL, wish_region = NULL, erased_at = now(), version = version + 1,
                               updated_at = now()
                         WHERE id = :applicant""")
                .bind("applicant", applicant)
                .execute();
        handle.createUpdate("UPDATE internship SET student_name = :pseudonym WHERE applicant_id = :applicant")
                .bind("applicant", applicant)
                .bind("pseudonym", pseudonym)
                .execute();
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
