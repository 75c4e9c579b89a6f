package nl.regiopool.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Erases a person from the stored audit payloads of the bound tenant, keeping every event's payload digest, so the
 * chain still verifies (the event counts as redacted). In events about the person's own entity the personal fields
 * become the tombstone; in every event, any text that contains one of the person's values (name, email, phone...)
 * does. Runs in the erasing transaction.
 */
public final class AuditRedaction {

    public static final String TOMBSTONE = "[erased]";

    private final AuditDao dao;

    public AuditRedaction(ObjectMapper mapper) {
        this.dao = new AuditDao(mapper);
    }

    /**
     * The person is the entity {@code entityType}/{@code entityId}; {@code fields} are the personal fields of its
     * views, {@code values} the personal texts that may be copied elsewhere (blank ones are ignored). Returns how
     * many events were redacted.
     */
    public int redact(Handle handle, String entityType, UUID entityId, Set<String> fields,
                      Collection<String> values) {
        List<String> needles = needles(values);
        List<String> patterns = jsonPatterns(values);
        OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        int redacted = 0;
        for (AuditDao.StoredEvent event : dao.naming(handle, entityType, entityId, patterns)) {
            boolean own = entityType.equals(event.entityType()) && entityId.equals(event.entityId());
            JsonNode before = scrub(event.before(), own ? fields : Set.of(), needles);
            JsonNode after = scrub(event.after(), own ? fields : Set.of(), needles);
            if (!same(before, event.before()) || !same(after, event.after())) {
                dao.redact(handle, event.id(), text(before), text(after), now);
                redacted++;
            }
        }
        return redacted;
    }

    /** A LIKE pattern for the value as it appears inside jsonb's text form (JSON-escaped, any case). */
    private static String pattern(String value) {
        String escaped = JsonNodeFactory.instance.textNode(value).toString();
        escaped = escaped.substring(1, escaped.length() - 1);
        return "%" + escaped.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** The JSON with every text that contains one of the values (any case) replaced by the tombstone. */
    public static JsonNode scrub(JsonNode node, Collection<String> values) {
        return scrub(node, Set.of(), needles(values));
    }

    private static List<String> needles(Collection<String> values) {
        return values.stream().filter(value -> value != null && !value.isBlank())
                .map(value -> value.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    /** LIKE patterns that find the values in jsonb's text form (JSON-escaped; match with ILIKE). */
    public static List<String> jsonPatterns(Collection<String> values) {
        return needles(values).stream().map(AuditRedaction::pattern).toList();
    }

    private static JsonNode scrub(JsonNode node, Set<String> fields, List<String> needles) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String text = node.textValue().toLowerCase(Locale.ROOT);
            return needles.stream().anyMatch(text::contains) ? TextNode.valueOf(TOMBSTONE) : node;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey(),
                    fields.contains(field.getKey()) && !field.getValue().isNull() ? TextNode.valueOf(TOMBSTONE)
                            : scrub(field.getValue(), Set.of(), needles)));
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(scrub(item, Set.of(), needles)));
            return copy;
        }
        return node;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        return a == null ? b == null : a.equals(b);
    }

    private String text(JsonNode node) {
        return node == null ? null : node.toString();
    }
}
