package nl.regiopool.internship;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.api.model.Internship;
import nl.regiopool.page.Where;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for recorded internships. */
final class InternshipDao {

    private static final String COLUMNS = "id, applicant_id, share_id, offer_id, member_id, student_name, school,"
            + " start_date, end_date, supervisor_name, created_at";

    private InternshipDao() {
    }

    static Internship insert(Handle handle, UUID tenantId, Internship i) {
        return handle.createQuery("""
                        INSERT INTO internship (tenant_id, id, applicant_id, share_id, offer_id, member_id, student_name,
                            school, start_date, end_date, supervisor_name)
                        VALUES (:tenant, :id, :applicant, :share, :offer, :member, :student, :school, :start, :end,
                            :supervisor)
                        RETURNING\s""" + COLUMNS)
                .bind("tenant", tenantId).bind("id", i.getId()).bind("applicant", i.getApplicantId())
                .bind("share", i.getShareId()).bind("offer", i.getOfferId()).bind("member", i.getMemberId())
                .bind("student", i.getStudentName()).bind("school", i.getSchool()).bind("start", i.getStartDate())
                .bind("end", i.getEndDate()).bind("supervisor", i.getSupervisorName())
                .map(InternshipDao::map).one();
    }

    static List<Internship> list(Handle handle, UUID viewer, UUID after, int limit) {
        Where where = new Where().and("viewer", viewer, "member_id = :viewer").and("after", after, "id > :after")
                .bind("limit", limit + 1);
        return where.bindTo(handle.createQuery("SELECT " + COLUMNS + " FROM internship" + where.clause()
                        + "ORDER BY id LIMIT :limit"))
                .map(InternshipDao::map).list();
    }

    static List<Internship> ofApplicant(Handle handle, UUID applicantId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM internship WHERE applicant_id = :applicant ORDER BY id")
                .bind("applicant", applicantId).map(InternshipDao::map).list();
    }

    static Optional<Internship> ofShare(Handle handle, UUID shareId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM internship WHERE share_id = :share")
                .bind("share", shareId).map(InternshipDao::map).findOne();
    }

    private static Internship map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Internship()
                .id(rs.getObject("id", UUID.class))
                .applicantId(rs.getObject("applicant_id", UUID.class))
                .shareId(rs.getObject("share_id", UUID.class))
                .offerId(rs.getObject("offer_id", UUID.class))
                .memberId(rs.getObject("member_id", UUID.class))
                .studentName(rs.getString("student_name"))
                .school(rs.getString("school"))
                .startDate(rs.getObject("start_date", LocalDate.class))
                .endDate(rs.getObject("end_date", LocalDate.class))
                .supervisorName(rs.getString("supervisor_name"))
                .createdAt(rs.getObject("created_at", OffsetDateTime.class));
    }
}
