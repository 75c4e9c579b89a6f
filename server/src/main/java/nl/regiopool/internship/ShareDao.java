package nl.regiopool.internship;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.api.model.InternshipShare;
import nl.regiopool.api.model.InternshipShareStatus;
import nl.regiopool.page.Where;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for shares of applicants with members. A member viewer sees only its own shares. */
final class ShareDao {

    private static final String COLUMNS = "id, applicant_id, member_id, offer_id, status, decided_at, version,"
            + " created_at, updated_at";

    private ShareDao() {
    }

    record Row(InternshipShare share, int version) {
    }

    static Row insert(Handle handle, UUID tenantId, UUID id, UUID applicantId, UUID memberId, UUID offerId) {
        return handle.createQuery("""
                        INSERT INTO internship_share (tenant_id, id, applicant_id, member_id, offer_id)
                        VALUES (:tenant, :id, :applicant, :member, :offer)
                        RETURNING\s""" + COLUMNS)
                .bind("tenant", tenantId).bind("id", id).bind("applicant", applicantId).bind("member", memberId)
                .bind("offer", offerId)
                .map(ShareDao::map).one();
    }

    static List<Row> list(Handle handle, UUID applicantId, UUID viewer) {
        Where where = new Where().and("applicant_id = :applicant").bind("applicant", applicantId)
                .and("viewer", viewer, "member_id = :viewer");
        return where.bindTo(handle.createQuery("SELECT " + COLUMNS + " FROM internship_share" + where.clause()
                        + "ORDER BY id"))
                .map(ShareDao::map).list();
    }

    static Optional<Row> findForUpdate(Handle handle, UUID applicantId, UUID id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM internship_share WHERE applicant_id = :applicant"
                        + " AND id = :id FOR UPDATE")
                .bind("applicant", applicantId).bind("id", id).map(ShareDao::map).findOne();
    }

    static Row move(Handle handle, UUID id, InternshipShareStatus status, boolean decided) {
        return handle.createQuery("UPDATE internship_share SET status = :status,"
                        + " decided_at = CASE WHEN :decided THEN now() END, version = version + 1, updated_at = now()"
                        + " WHERE id = :id RETURNING " + COLUMNS)
                .bind("id", id).bind("status", status.toString()).bind("decided", decided)
                .map(ShareDao::map).one();
    }

    private static Row map(ResultSet rs, StatementContext ctx) throws SQLException {
        InternshipShare share = new InternshipShare()
                .id(rs.getObject("id", UUID.class))
                .applicantId(rs.getObject("applicant_id", UUID.class))
                .memberId(rs.getObject("member_id", UUID.class))
                .offerId(rs.getObject("offer_id", UUID.class))
                .status(InternshipShareStatus.fromValue(rs.getString("status")))
                .decidedAt(rs.getObject("decided_at", OffsetDateTime.class))
                .createdAt(rs.getObject("created_at", OffsetDateTime.class))
                .updatedAt(rs.getObject("updated_at", OffsetDateTime.class));
        return new Row(share, rs.getInt("version"));
    }
}
