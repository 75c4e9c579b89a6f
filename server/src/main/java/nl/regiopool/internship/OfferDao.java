package nl.regiopool.internship;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.api.model.InternshipOffer;
import nl.regiopool.api.model.InternshipOfferStatus;
import nl.regiopool.api.model.InternshipRole;
import nl.regiopool.api.model.InternshipTrack;
import nl.regiopool.page.Where;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for internship offers. Row-level security scopes every statement to the transaction's tenant. */
final class OfferDao {

    private static final String COLUMNS = "id, member_id, role, track, start_date, end_date, hours_per_week, places,"
            + " places_filled, supervisor_name, status, version, created_at, updated_at";

    private OfferDao() {
    }

    record Row(InternshipOffer offer, int version) {
    }

    static Row insert(Handle handle, UUID tenantId, InternshipOffer offer) {
        return handle.createQuery("""
                        INSERT INTO internship_offer (tenant_id, id, member_id, role, track, start_date, end_date,
                            hours_per_week, places, supervisor_name)
                        VALUES (:tenant, :id, :member, :role, :track, :start, :end, :hours, :places, :supervisor)
                        RETURNING\s""" + COLUMNS)
                .bind("tenant", tenantId)
                .bind("id", offer.getId())
                .bind("member", offer.getMemberId())
                .bind("role", offer.getRole().toString())
                .bind("track", offer.getTrack().toString())
                .bind("start", offer.getStartDate())
                .bind("end", offer.getEndDate())
                .bind("hours", offer.getHoursPerWeek())
                .bind("places", offer.getPlaces())
                .bind("supervisor", offer.getSupervisorName())
                .map(OfferDao::map)
                .one();
    }

    static Optional<Row> find(Handle handle, UUID id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM internship_offer WHERE id = :id")
                .bind("id", id).map(OfferDao::map).findOne();
    }

    static Optional<Row> findForUpdate(Handle handle, UUID id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM internship_offer WHERE id = :id FOR UPDATE")
                .bind("id", id).map(OfferDao::map).findOne();
    }

    static List<Row> list(Handle handle, InternshipOfferStatus status, UUID after, int limit) {
        Where where = new Where()
                .and("status", status == null ? null : status.toString(), "status = :status")
                .and("after", after, "id > :after")
                .bind("limit", limit + 1);
        return where.bindTo(handle.createQuery("SELECT " + COLUMNS + " FROM internship_offer" + where.clause()
                        + "ORDER BY id LIMIT :limit"))
                .map(OfferDao::map).list();
    }

    static Row update(Handle handle, UUID id, LocalDate start, LocalDate end, int hours, int places, String supervisor) {
        return handle.createQuery("""
                        UPDATE internship_offer SET start_date = :start, end_date = :end, hours_per_week = :hours,
                            places = :places, supervisor_name = :supervisor,
                            status = CASE WHEN places_filled = :places THEN 'FILLED' ELSE 'OPEN' END,
                            version = version + 1, updated_at = now()
                        WHERE id = :id
                        RETURNING\s""" + COLUMNS)
                .bind("id", id).bind("start", start).bind("end", end).bind("hours", hours).bind("places", places)
                .bind("supervisor", supervisor)
                .map(OfferDao::map).one();
    }

    static Row close(Handle handle, UUID id) {
        return handle.createQuery("UPDATE internship_offer SET status = 'CLOSED', version = version + 1,"
                        + " updated_at = now() WHERE id = :id RETURNING " + COLUMNS)
                .bind("id", id).map(OfferDao::map).one();
    }

    /**
     * Takes one place of an OPEN offer; empty when none is left. A concurrent accept waits for this row and then
     * sees the new count; the CHECK {@code places_filled <= places} holds whatever the statement.
     */
    static Optional<Row> takePlace(Handle handle, UUID id) {
        return handle.createQuery("""
                        UPDATE internship_offer SET places_filled = places_filled + 1,
                            status = CASE WHEN places_filled + 1 = places THEN 'FILLED' ELSE status END,
                            version = version + 1, updated_at = now()
                        WHERE id = :id AND status = 'OPEN' AND places_filled < places
                        RETURNING\s""" + COLUMNS)
                .bind("id", id).map(OfferDao::map).findOne();
    }

    /** The status of a member of the transaction's cooperative; empty when there is none with this id. */
    static Optional<String> memberStatus(Handle handle, UUID memberId) {
        return handle.createQuery("SELECT status FROM member WHERE id = :id")
                .bind("id", memberId).mapTo(String.class).findOne();
    }

    private static Row map(ResultSet rs, StatementContext ctx) throws SQLException {
        InternshipOffer offer = new InternshipOffer(
                rs.getObject("id", UUID.class),
                rs.getObject("member_id", UUID.class),
                InternshipRole.fromValue(rs.getString("role")),
                InternshipTrack.fromValue(rs.getString("track")),
                rs.getObject("start_date", LocalDate.class),
                rs.getObject("end_date", LocalDate.class),
                rs.getInt("hours_per_week"),
                rs.getInt("places"),
                rs.getInt("places_filled"),
                rs.getString("supervisor_name"),
                InternshipOfferStatus.fromValue(rs.getString("status")),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
        return new Row(offer, rs.getInt("version"));
    }
}
