package nl.regiopool.placement;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import nl.regiopool.api.model.CostLine;
import nl.regiopool.api.model.PlacementDispute;
import nl.regiopool.api.model.PlacementList;
import nl.regiopool.api.model.RuleOverride;
import nl.regiopool.api.model.RuleViolation;
import nl.regiopool.db.RowJson;
import nl.regiopool.page.Cursors;

/**
 * A page of placements as JSON, written from the result set of {@link PlacementDao}'s page query with Jackson's
 * generator: the bytes the application's mapper makes of {@link PlacementList} with {@link PlacementViews#view}'s
 * models (properties in the order it writes them, absent when null), without building a row or a model per
 * placement. The rare nested parts (cost lines, an override, a dispute) are still written from their models.
 */
final class PlacementPageJson {

    private static final TypeReference<List<CostLine>> COST_LINES = new TypeReference<>() {
    };
    private static final TypeReference<List<RuleViolation>> VIOLATIONS = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final boolean writesNullCursor;

    PlacementPageJson(ObjectMapper mapper) {
        this.mapper = mapper;
        try {
            this.writesNullCursor = mapper.writeValueAsString(new PlacementList(List.of())).contains("nextCursor");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page of at most {@code limit} rows; a row after them only makes the next cursor. */
    byte[] write(ResultSet pooled, int limit) throws SQLException {
        // the pool's proxy calls each getter through reflection, about 40 calls a row
        ResultSet rows = pooled.isWrapperFor(ResultSet.class) ? pooled.unwrap(ResultSet.class) : pooled;
        ByteArrayBuilder bytes = new ByteArrayBuilder(32 * 1024);
        try (JsonGenerator json = mapper.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeFieldName("data");
            json.writeStartArray();
            Columns columns = null;
            RowJson row = null;
            String lastId = null;
            String nextCursor = null;
            int written = 0;
            while (rows.next()) {
                if (written == limit) {
                    nextCursor = Cursors.encode(lastId);
                    break;
                }
                if (columns == null) {
                    columns = new Columns(rows);
                    row = new RowJson(rows);
                }
                lastId = writePlacement(json, rows, row, columns);
                written++;
            }
            json.writeEndArray();
            if (nextCursor != null) {
                json.writeStringField("nextCursor", nextCursor);
            } else if (writesNullCursor) {
                json.writeNullField("nextCursor");
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes one placement; returns its id. */
    private String writePlacement(JsonGenerator json, ResultSet rows, RowJson row, Columns c)
            throws SQLException, IOException {
        String id = row.uuid(c.id);
        json.writeStartObject();
        json.writeStringField("id", id);
        row.text(json, "kind", c.kind);
        row.uuid(json, "workerId", c.workerId);
        row.uuid(json, "borrowerMemberId", c.borrowerMemberId);
        row.uuid(json, "employerMemberId", c.employerMemberId);
        row.instant(json, "startsAt", c.startsAt);
        row.instant(json, "endsAt", c.endsAt);
        row.integer(json, "breakMinutes", c.breakMinutes);
        row.text(json, "status", c.status);
        costLines(json, rows.getString(c.costLines));
        row.instant(json, "createdAt", c.createdAt);
        row.instant(json, "updatedAt", c.updatedAt);
        row.uuid(json, "agreementId", c.agreementId);
        row.text(json, "role", c.role);
        row.text(json, "locationPostcode", c.locationPostcode);
        row.text(json, "externalId", c.externalId);
        row.instant(json, "confirmedAt", c.confirmedAt);
        row.instant(json, "actualStartsAt", c.actualStartsAt);
        row.instant(json, "actualEndsAt", c.actualEndsAt);
        row.integer(json, "actualBreakMinutes", c.actualBreakMinutes);
        row.instant(json, "completedAt", c.completedAt);
        row.text(json, "completedBy", c.completedBy);
        row.instant(json, "cancelledAt", c.cancelledAt);
        row.text(json, "cancelledBy", c.cancelledBy);
        row.text(json, "cancellationReason", c.cancellationReason);
        row.bool(json, "lateCancellation", c.lateCancellation);
        row.instant(json, "noShowAt", c.noShowAt);
        String overrideReason = rows.getString(c.overrideReason);
        if (overrideReason != null) {
            json.writeObjectField("ruleOverride", new RuleOverride(overrideReason, rows.getString(c.overriddenBy),
                    rows.getObject(c.overriddenAt, OffsetDateTime.class),
                    mapper.readValue(rows.getString(c.overriddenViolations), VIOLATIONS)));
        }
        String disputeReason = rows.getString(c.disputeReason);
        if (disputeReason != null) {
            json.writeObjectField("dispute", new PlacementDispute(disputeReason,
                    rows.getObject(c.disputedAt, OffsetDateTime.class), rows.getString(c.disputedBy))
                    .resolvedAt(rows.getObject(c.disputeResolvedAt, OffsetDateTime.class))
                    .resolvedBy(rows.getString(c.disputeResolvedBy))
                    .resolutionNote(rows.getString(c.disputeResolutionNote)));
        }
        json.writeEndObject();
        return id;
    }

    private void costLines(JsonGenerator json, String stored) throws IOException {
        json.writeFieldName("costLines");
        if (stored == null || stored.equals("[]")) {
            json.writeStartArray();
            json.writeEndArray();
        } else {
            json.writeObject(mapper.readValue(stored, COST_LINES));
        }
    }

    /** The page query's column positions, looked up once per page. */
    private static final class Columns {
        final int id;
        final int kind;
        final int agreementId;
        final int workerId;
        final int borrowerMemberId;
        final int employerMemberId;
        final int role;
        final int startsAt;
        final int endsAt;
        final int breakMinutes;
        final int locationPostcode;
        final int externalId;
        final int status;
        final int confirmedAt;
        final int actualStartsAt;
        final int actualEndsAt;
        final int actualBreakMinutes;
        final int completedAt;
        final int completedBy;
        final int cancelledAt;
        final int cancelledBy;
        final int cancellationReason;
        final int lateCancellation;
        final int noShowAt;
        final int overrideReason;
        final int overriddenBy;
        final int overriddenAt;
        final int overriddenViolations;
        final int costLines;
        final int createdAt;
        final int updatedAt;
        final int disputedAt;
        final int disputedBy;
        final int disputeReason;
        final int disputeResolvedAt;
        final int disputeResolvedBy;
        final int disputeResolutionNote;

        Columns(ResultSet rows) throws SQLException {
            id = rows.findColumn("id");
            kind = rows.findColumn("kind");
            agreementId = rows.findColumn("agreement_id");
            workerId = rows.findColumn("worker_id");
            borrowerMemberId = rows.findColumn("borrower_member_id");
            employerMemberId = rows.findColumn("employer_member_id");
            role = rows.findColumn("role");
            startsAt = rows.findColumn("starts_at");
            endsAt = rows.findColumn("ends_at");
            breakMinutes = rows.findColumn("break_minutes");
            locationPostcode = rows.findColumn("location_postcode");
            externalId = rows.findColumn("external_id");
            status = rows.findColumn("status");
            confirmedAt = rows.findColumn("confirmed_at");
            actualStartsAt = rows.findColumn("actual_starts_at");
            actualEndsAt = rows.findColumn("actual_ends_at");
            actualBreakMinutes = rows.findColumn("actual_break_minutes");
            completedAt = rows.findColumn("completed_at");
            completedBy = rows.findColumn("completed_by");
            cancelledAt = rows.findColumn("cancelled_at");
            cancelledBy = rows.findColumn("cancelled_by");
            cancellationReason = rows.findColumn("cancellation_reason");
            lateCancellation = rows.findColumn("late_cancellation");
            noShowAt = rows.findColumn("no_show_at");
            overrideReason = rows.findColumn("override_reason");
            overriddenBy = rows.findColumn("overridden_by");
            overriddenAt = rows.findColumn("overridden_at");
            overriddenViolations = rows.findColumn("overridden_violations");
            costLines = rows.findColumn("cost_lines");
            createdAt = rows.findColumn("created_at");
            updatedAt = rows.findColumn("updated_at");
            disputedAt = rows.findColumn("disputed_at");
            disputedBy = rows.findColumn("disputed_by");
            disputeReason = rows.findColumn("dispute_reason");
            disputeResolvedAt = rows.findColumn("dispute_resolved_at");
            disputeResolvedBy = rows.findColumn("dispute_resolved_by");
            disputeResolutionNote = rows.findColumn("dispute_resolution_note");
        }
    }
}
