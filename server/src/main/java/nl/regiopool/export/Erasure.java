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
import nl.regiopool.api.model.WorkerErasure;
import nl.regiopool.audit.AuditRedaction;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.settings.CooperativeTime;
import nl.regiopool.write.WriteContext;

/**
 * Erases a worker who has left, in the write's transaction: her row keeps a pseudonym, and every copy of her
 * name, email, phone and BIG numbers (audit payloads, published events, webhook delivery errors, stored idempotent
 * responses) becomes the tombstone. What the law makes us keep (agreements, placements, hours, money) stays and
 * points at the pseudonym.
 */
final class Erasure {

    /** The personal fields of the worker's views in audit payloads. */
    private static final Set<String> FIELDS = Set.of("givenName", "familyName", "email", "phone", "postcode",
            "latitude", "longitude", "bigNumber");

    private final ObjectMapper mapper;
    private final AuditRedaction audit;

    Erasure(ObjectMapper mapper) {
        this.mapper = mapper;
        this.audit = new AuditRedaction(mapper);
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
        List<String> values = new ArrayList<>(ErasureDao.bigNumbers(handle, workerId));
        values.add(person.givenName() + " " + person.familyName());
        values.add(person.givenName());
        values.add(person.familyName());
        values.add(person.email());
        values.add(person.phone());
        values.removeIf(value -> value == null || value.isBlank());

        ErasureDao.pseudonymise(handle, workerId, "Erased", "worker-" + workerId.toString().substring(0, 8));
        int redacted = audit.redact(handle, "worker", workerId, FIELDS, values);
        List<String> jsonPatterns = AuditRedaction.jsonPatterns(values);
        for (ErasureDao.Copy event : ErasureDao.eventsNaming(handle, jsonPatterns)) {
            ErasureDao.replaceEventData(handle, scrubbed(event, values));
        }
        for (ErasureDao.Copy response : ErasureDao.storedResponsesNaming(handle, jsonPatterns)) {
            ErasureDao.replaceStoredResponse(handle, scrubbed(response, values));
        }
        ErasureDao.eraseDeliveryErrors(handle, values.stream().map(Erasure::containing).toList(),
                AuditRedaction.TOMBSTONE);

        OffsetDateTime erasedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        write.audit("worker.erased", "worker", workerId, null, Map.of("erasedAt", erasedAt.toString(),
                "redactedAuditEvents", redacted));
        return new WorkerErasure(workerId, erasedAt, redacted);
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
