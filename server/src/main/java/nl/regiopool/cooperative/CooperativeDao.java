package nl.regiopool.cooperative;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.api.model.Cooperative;
import nl.regiopool.api.model.CooperativeStatus;
import nl.regiopool.page.Where;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

final class CooperativeDao {

    private static final String COLUMNS = "id, name, slug, region, status, version, created_at";

    private CooperativeDao() {
    }

    record Row(Cooperative cooperative, int version) {
    }

    static Row insert(Handle handle, UUID id, String name, String slug, String region) {
        return handle.createQuery("INSERT INTO cooperative (id, name, slug, region) VALUES (:id, :name, :slug, :region)"
                        + " RETURNING " + COLUMNS)
                .bind("id", id).bind("name", name).bind("slug", slug).bind("region", region)
                .map(CooperativeDao::map)
                .one();
    }

    static Optional<Row> find(Handle handle, UUID id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM cooperative WHERE id = :id")
                .bind("id", id)
                .map(CooperativeDao::map)
                .findOne();
    }

    static List<Row> list(Handle handle, UUID after, int limit) {
        Where where = new Where().and("after", after, "id > :after").bind("limit", limit + 1);
        return where.bindTo(handle.createQuery("SELECT " + COLUMNS + " FROM cooperative" + where.clause()
                        + "ORDER BY id LIMIT :limit"))
                .map(CooperativeDao::map)
                .list();
    }

    private static Row map(ResultSet rs, StatementContext ctx) throws SQLException {
        Cooperative cooperative = new Cooperative(rs.getObject("id", UUID.class), rs.getString("name"),
                rs.getString("slug"), CooperativeStatus.fromValue(rs.getString("status")),
                rs.getObject("created_at", OffsetDateTime.class))
                .region(rs.getString("region"));
        return new Row(cooperative, rs.getInt("version"));
    }
}
