package nl.regiopool.pool;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.api.model.Pool;
import nl.regiopool.api.model.QualificationRole;
import nl.regiopool.page.Where;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for pools. Row-level security scopes every statement to the transaction's tenant. */
final class PoolDao {

    private static final String COLUMNS = "id, name, description, allowed_roles, version, created_at, updated_at";

    private PoolDao() {
    }

    record Row(Pool pool, int version) {
    }

    static Row insert(Handle handle, UUID tenantId, UUID id, String name, String description,
                      Collection<QualificationRole> allowedRoles) {
        return handle.createQuery("""
                        INSERT INTO pool (tenant_id, id, name, description, allowed_roles)
                        VALUES (:tenant, :id, :name, :description, :roles)
                        RETURNING\s""" + COLUMNS)
                .bind("tenant", tenantId)
                .bind("id", id)
                .bind("name", name)
                .bind("description", description)
                .bind("roles", roles(allowedRoles))
                .map(PoolDao::map)
                .one();
    }

    static Optional<Row> find(Handle handle, UUID id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM pool WHERE id = :id")
                .bind("id", id)
                .map(PoolDao::map)
                .findOne();
    }

    static Optional<Row> findForUpdate(Handle handle, UUID id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM pool WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(PoolDao::map)
                .findOne();
    }

    static List<Row> list(Handle handle, UUID after, int limit) {
        Where where = new Where().and("after", after, "id > :after").bind("limit", limit + 1);
        return where.bindTo(handle.createQuery("SELECT " + COLUMNS + " FROM pool" + where.clause()
                        + "ORDER BY id LIMIT :limit"))
                .map(PoolDao::map)
                .list();
    }

    static Row update(Handle handle, UUID id, String name, String description, Collection<QualificationRole> allowedRoles) {
        return handle.createQuery("""
                        UPDATE pool SET name = :name, description = :description, allowed_roles = :roles,
                            version = version + 1, updated_at = now()
                        WHERE id = :id
                        RETURNING\s""" + COLUMNS)
                .bind("id", id)
                .bind("name", name)
                .bind("description", description)
                .bind("roles", roles(allowedRoles))
                .map(PoolDao::map)
                .one();
    }

    private static String[] roles(Collection<QualificationRole> roles) {
        return roles.stream().map(QualificationRole::toString).sorted().distinct().toArray(String[]::new);
    }

    private static Row map(ResultSet rs, StatementContext ctx) throws SQLException {
        List<QualificationRole> roles = Arrays.stream((String[]) rs.getArray("allowed_roles").getArray())
                .map(QualificationRole::fromValue).toList();
        Pool pool = new Pool(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                roles,
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class))
                .description(rs.getString("description"));
        return new Row(pool, rs.getInt("version"));
    }
}
