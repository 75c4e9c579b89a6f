package nl.regiopool.placement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import nl.regiopool.api.model.PlacementStatus;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps {@link PlacementDao}'s columns to a {@link PlacementRow} by name. Written out rather than a ConstructorMapper,
 * which matches the record's parameters to the result's columns by reflection again for every result set: on the
 * create path that matching cost more than reading the row.
 */
final class PlacementRowMapper implements RowMapper<PlacementRow> {

    static final PlacementRowMapper INSTANCE = new PlacementRowMapper();

    private PlacementRowMapper() {
    }

    @Override
    public PlacementRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        Progress progress = new Progress(time(rs, "confirmed_at"), time(rs, "actual_starts_at"),
                time(rs, "actual_ends_at"), rs.getObject("actual_break_minutes", Integer.class), time(rs, "completed_at"),
                rs.getString("completed_by"), time(rs, "cancelled_at"), rs.getString("cancelled_by"),
                rs.getString("cancellation_reason"), rs.getObject("late_cancellation", Boolean.class),
                time(rs, "no_show_at"), rs.getString("cost_lines"));
        Overridden override = new Overridden(rs.getString("override_reason"), rs.getString("overridden_by"),
                time(rs, "overridden_at"), rs.getString("overridden_violations"));
        String disputeReason = rs.getString("dispute_reason");
        PlacementRow.Dispute dispute = disputeReason == null ? null : new PlacementRow.Dispute(disputeReason,
                time(rs, "disputed_at"), rs.getString("disputed_by"), time(rs, "dispute_resolved_at"),
                rs.getString("dispute_resolved_by"), rs.getString("dispute_resolution_note"));
        return new PlacementRow(uuid(rs, "id"), rs.getString("kind"), uuid(rs, "agreement_id"), uuid(rs, "worker_id"),
                uuid(rs, "borrower_member_id"), uuid(rs, "employer_member_id"), rs.getString("role"),
                time(rs, "starts_at"), time(rs, "ends_at"), rs.getInt("break_minutes"), rs.getString("location_postcode"),
                rs.getString("external_id"), PlacementStatus.fromValue(rs.getString("status")), progress, override,
                rs.getInt("version"), time(rs, "created_at"), time(rs, "updated_at"), dispute);
    }

    private static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class);
    }
}
