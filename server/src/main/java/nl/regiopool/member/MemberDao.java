package nl.regiopool.member;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.api.model.Member;
import nl.regiopool.api.model.MemberStatus;
import nl.regiopool.api.model.Sector;
import nl.regiopool.page.Where;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for members. Row-level security scopes every statement to the transaction's tenant. */
final class MemberDao {

    private static final String COLUMNS = "id, name, kvk_number, agb_code, sector, cao_rule_set_code, postcode, iban,"
            + " status, auto_release, joined_on, latitude, longitude, version, created_at, updated_at";

    private MemberDao() {
    }

    record Row(Member member, int version) {
    }

    static Row insert(Handle handle, UUID tenantId, UUID id, Member values) {
        return handle.createQuery("""
                        INSERT INTO member (tenant_id, id, name, kvk_number, agb_code, sector, cao_rule_set_code,
                            postcode, iban, status, joined_on, latitude, longitude)
                        VALUES (:tenant, :id, :name, :kvk, :agb, :sector, :cao, :postcode, :iban, :status, :joinedOn,
                            :latitude, :longitude)
                        RETURNING\s""" + COLUMNS)
                .bind("tenant", tenantId)
                .bind("id", id)
                .bind("name", values.getName())
                .bind("kvk", values.getKvkNumber())
                .bind("agb", values.getAgbCode())
                .bind("sector", values.getSector().toString())
                .bind("cao", values.getCaoRuleSetCode())
                .bind("postcode", values.getPostcode())
                .bind("iban", values.getIban())
                .bind("status", values.getStatus().toString())
                .bind("joinedOn", values.getJoinedOn())
                .bind("latitude", values.getLatitude())
                .bind("longitude", values.getLongitude())
                .map(MemberDao::map)
                .one();
    }

    static Optional<Row> find(Handle handle, UUID id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM member WHERE id = :id")
                .bind("id", id)
                .map(MemberDao::map)
                .findOne();
    }

    static Optional<Row> findForUpdate(Handle handle, UUID id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM member WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(MemberDao::map)
                .findOne();
    }

    static List<Row> list(Handle handle, MemberStatus status, Sector sector, UUID after, int limit) {
        Where where = new Where()
                .and("status", status == null ? null : status.toString(), "status = :status")
                .and("sector", sector == null ? null : sector.toString(), "sector = :sector")
                .and("after", after, "id > :after")
                .bind("limit", limit + 1);
        return where.bindTo(handle.createQuery("SELECT " + COLUMNS + " FROM member" + where.clause()
                        + "ORDER BY id LIMIT :limit"))
                .map(MemberDao::map)
                .list();
    }

    static Row update(Handle handle, UUID id, Member values) {
        return handle.createQuery("""
                        UPDATE member SET name = :name, agb_code = :agb, sector = :sector, cao_rule_set_code = :cao,
                            postcode = :postcode, iban = :iban, status = :status, auto_release = :autoRelease,
                            latitude = :latitude, longitude = :longitude,
                            version = version + 1, updated_at = now()
                        WHERE id = :id
                        RETURNING\s""" + COLUMNS)
                .bind("id", id)
                .bind("name", values.getName())
                .bind("agb", values.getAgbCode())
                .bind("sector", values.getSector().toString())
                .bind("cao", values.getCaoRuleSetCode())
                .bind("postcode", values.getPostcode())
                .bind("iban", values.getIban())
                .bind("status", values.getStatus().toString())
                .bind("autoRelease", Boolean.TRUE.equals(values.getAutoRelease()))
                .bind("latitude", values.getLatitude())
                .bind("longitude", values.getLongitude())
                .map(MemberDao::map)
                .one();
    }

    private static Row map(ResultSet rs, StatementContext ctx) throws SQLException {
        Member member = new Member(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("kvk_number"),
                Sector.fromValue(rs.getString("sector")),
                rs.getString("postcode"),
                rs.getString("iban"),
                MemberStatus.fromValue(rs.getString("status")),
                rs.getObject("joined_on", LocalDate.class),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class))
                .agbCode(rs.getString("agb_code"))
                .caoRuleSetCode(rs.getString("cao_rule_set_code"))
                .autoRelease(rs.getBoolean("auto_release"))
                .latitude((Double) rs.getObject("latitude"))
                .longitude((Double) rs.getObject("longitude"));
        return new Row(member, rs.getInt("version"));
    }
}
