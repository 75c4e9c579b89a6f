package nl.regiopool.internship;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.api.model.InternshipApplicant;
import nl.regiopool.api.model.InternshipRole;
import nl.regiopool.api.model.InternshipWishes;
import nl.regiopool.api.model.SharingConsent;
import nl.regiopool.api.model.SharingConsentMethod;
import nl.regiopool.page.Where;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * SQL for internship applicants. Erased applicants are never returned. A member (viewer) sees only the applicants
 * shared with it.
 */
final class ApplicantDao {

    private static final String COLUMNS = "a.id, a.given_name, a.family_name, a.email, a.phone, a.school, a.programme,"
            + " a.study_year, a.wish_roles, a.wish_start_date, a.wish_end_date, a.wish_region, a.consent_given_on,"
            + " a.consent_method, a.version, a.created_at, a.updated_at";
    private static final String SHARED_WITH_VIEWER =
            "EXISTS (SELECT 1 FROM internship_share s WHERE s.applicant_id = a.id AND s.member_id = :viewer)";

    private ApplicantDao() {
    }

    record Row(InternshipApplicant applicant, int version) {
        boolean hasConsent() {
            return applicant.getSharingConsent() != null;
        }
    }

    static Row insert(Handle handle, UUID tenantId, InternshipApplicant a) {
        return bindValues(handle.createQuery("""
                        INSERT INTO internship_applicant AS a (tenant_id, id, given_name, family_name, email, phone, school,
                            programme, study_year, wish_roles, wish_start_date, wish_end_date, wish_region,
                            consent_given_on, consent_method)
                        VALUES (:tenant, :id, :givenName, :familyName, :email, :phone, :school, :programme, :studyYear,
                            :wishRoles, :wishStart, :wishEnd, :wishRegion, :consentOn, :consentMethod)
                        RETURNING\s""" + COLUMNS), a)
                .bind("tenant", tenantId)
                .bind("givenName", a.getGivenName())
                .bind("familyName", a.getFamilyName())
                .bind("school", a.getSchool())
                .bind("programme", a.getProgramme())
                .map(ApplicantDao::map).one();
    }

    static Row update(Handle handle, InternshipApplicant a) {
        return bindValues(handle.createQuery("""
                        UPDATE internship_applicant AS a SET email = :email, phone = :phone, study_year = :studyYear,
                            wish_roles = :wishRoles, wish_start_date = :wishStart, wish_end_date = :wishEnd,
                            wish_region = :wishRegion, consent_given_on = :consentOn, consent_method = :consentMethod,
                            version = version + 1, updated_at = now()
                        WHERE id = :id AND erased_at IS NULL
                        RETURNING\s""" + COLUMNS), a)
                .map(ApplicantDao::map).one();
    }

    private static org.jdbi.v3.core.statement.Query bindValues(org.jdbi.v3.core.statement.Query query, InternshipApplicant a) {
        InternshipWishes wishes = a.getWishes();
        SharingConsent consent = a.getSharingConsent();
        return query
                .bind("id", a.getId())
                .bind("email", a.getEmail())
                .bind("phone", a.getPhone())
                .bind("studyYear", a.getStudyYear())
                .bind("wishRoles", wishes == null || wishes.getRoles() == null ? new String[0]
                        : wishes.getRoles().stream().map(InternshipRole::toString).sorted().toArray(String[]::new))
                .bind("wishStart", wishes == null ? null : wishes.getStartDate())
                .bind("wishEnd", wishes == null ? null : wishes.getEndDate())
                .bind("wishRegion", wishes == null ? null : wishes.getRegion())
                .bind("consentOn", consent == null ? null : consent.getGivenOn())
                .bind("consentMethod", consent == null ? null : consent.getMethod().toString());
    }

    /** The applicant if not erased and, for a member viewer, shared with it. */
    static Optional<Row> find(Handle handle, UUID id, UUID viewer) {
        Where where = new Where().and("a.id = :id").bind("id", id).and("a.erased_at IS NULL")
                .and("viewer", viewer, SHARED_WITH_VIEWER);
        return where.bindTo(handle.createQuery("SELECT " + COLUMNS + " FROM internship_applicant a" + where.clause()))
                .map(ApplicantDao::map).findOne();
    }

    static Optional<Row> findForUpdate(Handle handle, UUID id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM internship_applicant a WHERE a.id = :id"
                        + " AND a.erased_at IS NULL FOR UPDATE")
                .bind("id", id).map(ApplicantDao::map).findOne();
    }

    static List<Row> list(Handle handle, UUID viewer, UUID after, int limit) {
        Where where = new Where().and("a.erased_at IS NULL").and("viewer", viewer, SHARED_WITH_VIEWER)
                .and("after", after, "a.id > :after").bind("limit", limit + 1);
        return where.bindTo(handle.createQuery("SELECT " + COLUMNS + " FROM internship_applicant a" + where.clause()
                        + "ORDER BY a.id LIMIT :limit"))
                .map(ApplicantDao::map).list();
    }

    /**
     * Claims applicants due for erasure: not erased, no share still open, and the last decision (or, never
     * shared, the registration) at least their retention before now. Locked rows are skipped: another node has them.
     */
    static List<UUID> claimDue(Handle handle, OffsetDateTime now, int retentionDays, int batch) {
        return handle.createQuery("""
                        SELECT a.id FROM internship_applicant a
                        WHERE a.erased_at IS NULL
                          AND NOT EXISTS (SELECT 1 FROM internship_share s WHERE s.applicant_id = a.id
                                          AND s.decided_at IS NULL)
                          AND coalesce((SELECT max(s.decided_at) FROM internship_share s WHERE s.applicant_id = a.id),
                                       a.created_at)
                              + make_interval(days => CASE WHEN a.consent_given_on IS NULL
                                                           THEN least(:days, :defaultDays) ELSE :days END) <= :now
                        ORDER BY a.id
                        LIMIT :batch
                        FOR UPDATE SKIP LOCKED""")
                .bind("now", now)
                .bind("days", retentionDays)
                .bind("defaultDays", nl.regiopool.settings.SettingsDao.DEFAULT_APPLICANT_RETENTION_DAYS)
                .bind("batch", batch)
                .mapTo(UUID.class).list();
    }

    static void erase(Handle handle, UUID id) {
        handle.createUpdate("""
                        UPDATE internship_applicant SET given_name = NULL, family_name = NULL, email = NULL, phone = NULL,
                            school = NULL, programme = NULL, study_year = NULL, wish_roles = '{}', wish_start_date = NULL,
                            wish_end_date = NULL, wish_region = NULL, erased_at = now(), version = version + 1,
                            updated_at = now()
                        WHERE id = :id""")
                .bind("id", id).execute();
    }

    static List<UUID> cooperatives(Handle handle) {
        return handle.createQuery("SELECT id FROM cooperative ORDER BY id").mapTo(UUID.class).list();
    }

    private static Row map(ResultSet rs, StatementContext ctx) throws SQLException {
        InternshipApplicant a = new InternshipApplicant()
                .id(rs.getObject("id", UUID.class))
                .givenName(rs.getString("given_name"))
                .familyName(rs.getString("family_name"))
                .email(rs.getString("email"))
                .phone(rs.getString("phone"))
                .school(rs.getString("school"))
                .programme(rs.getString("programme"))
                .studyYear((Integer) rs.getObject("study_year"))
                .createdAt(rs.getObject("created_at", OffsetDateTime.class))
                .updatedAt(rs.getObject("updated_at", OffsetDateTime.class));
        String[] roles = (String[]) rs.getArray("wish_roles").getArray();
        LocalDate wishStart = rs.getObject("wish_start_date", LocalDate.class);
        LocalDate wishEnd = rs.getObject("wish_end_date", LocalDate.class);
        String region = rs.getString("wish_region");
        if (roles.length > 0 || wishStart != null || wishEnd != null || region != null) {
            a.wishes(new InternshipWishes()
                    .roles(new LinkedHashSet<>(Arrays.stream(roles).map(InternshipRole::fromValue).toList()))
                    .startDate(wishStart).endDate(wishEnd).region(region));
        }
        LocalDate consentOn = rs.getObject("consent_given_on", LocalDate.class);
        if (consentOn != null) {
            a.sharingConsent(new SharingConsent(consentOn, SharingConsentMethod.fromValue(rs.getString("consent_method"))));
        }
        return new Row(a, rs.getInt("version"));
    }
}
