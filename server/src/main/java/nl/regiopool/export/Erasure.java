package nl.regiopool.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.regiopool.api.model.ApplicantErasure;
import nl.regiopool.api.model.WorkerErasure;
import nl.regiopool.audit.AuditRedaction;
import nl.regiopool.internship.DocumentStore;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.settings.CooperativeTime;
import nl.regiopool.write.WriteContext;
import org.jdbi.v3.core.Handle;

/**
 * Erases a worker who has left, or an internship applicant, in the write's transaction: her row keeps a pseudonym, and every copy of her
 * name, email, phone and BIG numbers (audit payloads, published events, webhook delivery errors, stored idempotent
 * responses) becomes the tombstone. What the law makes us keep (agreements, placements, hours, money) stays and
 * points at the pseudonym.
 */
final class Erasure {

    /** The personal fields of the worker's views in audit payloads. */
    private static final Set<String> WORKER_FIELDS = Set.of("givenName", "familyName", "email", "phone", "postcode",
            "latitude", "longitude", "bigNumber");

    /** The personal fields of the applicant's views in audit payloads. */
    private static final Set<String> APPLICANT_FIELDS = Set.of("givenName", "familyName", "email", "phone", "school",
            "programme", "studyYear", "wishes", "studentName");

    private final ObjectMapper mapper;
    private final AuditRedaction audit;
    private final DocumentStore documents;

    Erasure(ObjectMapper mapper, DocumentStore documents) {
        this.mapper = mapper;
        this.audit = new AuditRedaction(mapper);
        this.documents = documents;
    }

    WorkerErasure eraseWorker(WriteContext write, UUID workerId) {
        var handle = write.handle();
        ErasureDao.Person person = ErasureDao.lockWorker(handle, workerId)
                .orElseThrow(() -> ProblemException.notFound("Worker " + workerId));
        if (!"LEFT".equals(person.status())) {
            throw ProblemException.conflict("WORKER_NOT_LEFT",
                    "Only a worker who has left can be erased; this one is " + person.status() + ".");
        }
        Instant now = CooperativeTime.now(handle);
        if (ErasureDao.hasPlacementsToCome(handle, workerId, now)) {
            throw ProblemException.conflict("WORKER_HAS_FUTURE_PLACEMENTS",
                    "This worker still has planned or confirmed placements that have not ended; cancel them first.");
        }
        List<String> values = personalTexts(person);
        values.addAll(ErasureDao.bigNumbers(handle, workerId));

        ErasureDao.pseudonymise(handle, workerId, "Erased", "worker-" + workerId.toString().substring(0, 8));
        int redacted = eraseCopies(handle, "worker", workerId, WORKER_FIELDS, values);

        OffsetDateTime erasedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        write.audit("worker.erased", "worker", workerId, null, Map.of("erasedAt", erasedAt.toString(),
                "redactedAuditEvents", redacted));
        return new WorkerErasure(workerId, erasedAt, redacted);
    }

    ApplicantErasure eraseApplicant(WriteContext write, UUID applicantId) {
        var handle = write.handle();
        ErasureDao.Person person = ErasureDao.lockApplicant(handle, applicantId)
                .orElseThrow(() -> ProblemException.notFound("Internship applicant " + applicantId));
        if (ErasureDao.hasOpenShares(handle, applicantId)) {
            throw ProblemException.conflict("APPLICANT_HAS_OPEN_SHARES",
                    "The applicant is still shared with a member that has not decided; withdraw the shares first.");
        }
        if (ErasureDao.hasInternshipNotEnded(handle, applicantId, CooperativeTime.today(handle))) {
            throw ProblemException.conflict("APPLICANT_IN_INTERNSHIP",
                    "The applicant has an internship that has not ended yet.");
        }
        List<String> values = personalTexts(person);
        List<UUID> documentIds = ErasureDao.documents(handle, applicantId);
        for (UUID document : documentIds) {
            documents.delete(handle, document);
            ErasureDao.deleteDocument(handle, document);
        }
        ErasureDao.eraseApplicant(handle, applicantId, "applicant-" + applicantId.toString().substring(0, 8));
        int redacted = eraseCopies(handle, "internship_applicant", applicantId, APPLICANT_FIELDS, values);

        OffsetDateTime erasedAt = OffsetDateTime.ofInstant(CooperativeTime.now(handle), ZoneOffset.UTC);
        write.audit("internship_applicant.erased", "internship_applicant", applicantId, null, Map.of(
                "erasedAt", erasedAt.toString(), "documentsErased", documentIds.size(), "redactedAuditEvents", redacted));
        return new ApplicantErasure(applicantId, erasedAt, documentIds.size(), redacted);
    }

    private static List<String> personalTexts(ErasureDao.Person person) {
        List<String> values = new ArrayList<>();
        if (person.givenName() != null && person.familyName() != null) {
            values.add(person.givenName() + " " + person.familyName());
        }
        values.add(person.givenName());
        values.add(person.familyName());
        values.add(person.email());
        values.add(person.phone());
        values.removeIf(value -> value == null || value.isBlank());
        return values;
    }

    /**
     * Tombstones every copy of the person's texts: the audit payloads (the person's own fields, and the texts
     * wherever they appear), published events, stored idempotent responses and webhook delivery errors. Returns
     * how many audit events were redacted.
     */
    private int eraseCopies(Handle handle, String entityType, UUID entityId, Set<String> fields, List<String> values) {
        int redacted = audit.redact(handle, entityType, entityId, fields, values);
        List<String> jsonPatterns = AuditRedaction.jsonPatterns(values);
        for (ErasureDao.Copy event : ErasureDao.eventsNaming(handle, jsonPatterns)) {
            ErasureDao.replaceEventData(handle, scrubbed(event, values));
        }
        for (ErasureDao.Copy response : ErasureDao.storedResponsesNaming(handle, jsonPatterns)) {
            ErasureDao.replaceStoredResponse(handle, scrubbed(response, values));
        }
        ErasureDao.eraseDeliveryErrors(handle, values.stream().map(Erasure::containing).toList(),
                AuditRedaction.TOMBSTONE);
        return redacted;
    }

    private ErasureDao.Copy scrubbed(ErasureDao.Copy copy, List<String> values) {
        try {
            JsonNode json = mapper.readTree(copy.json());
            return new ErasureDao.Copy(copy.key(), copy.subject(), AuditRedaction.scrub(json, values).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String containing(String value) {
        return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
