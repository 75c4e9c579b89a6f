package nl.regiopool.tenancy;

import java.util.UUID;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * Binds a transaction to one tenant for PostgreSQL's row-level security. It must be the first
 * statement of every request's transaction; {@code is_local = true} makes the setting end with
 * the transaction, so a pooled connection never carries a tenant into the next request.
 */
public final class TenantScope {

    /** The scope of platform (operator) requests, which touch no tenant's rows. */
    public static final UUID PLATFORM = new UUID(0L, 0L);

    private TenantScope() {
    }

    /** The handle's attribute that remembers the tenant its transaction is bound to. */
    private static final String BOUND = "regiopool.boundTenant";

    public static void bind(Handle handle, UUID tenantId) {
        handle.createQuery("SELECT set_config('regiopool.tenant_id', :tenant, true)")
                .bind("tenant", tenantId.toString())
                .mapTo(String.class)
                .one();
        handle.define(BOUND, tenantId);
    }

    /**
     * A query that binds its own transaction to the tenant: the binding goes ahead of {@code sql} in the same
     * statement text, which the driver sends with it in one round trip and answers with two results, of which
     * the query gets the second. Run it only through {@link Transactions#readInOneRoundTrip}.
     */
    static Query boundQuery(Handle handle, UUID tenantId, String sql) {
        return handle.createQuery("SELECT set_config('regiopool.tenant_id', :regiopoolTenant, true);\n" + sql)
                .bind("regiopoolTenant", tenantId.toString())
                .addCustomizer(new StatementCustomizer() {
                    @Override
                    public void afterExecution(PreparedStatement statement, StatementContext context)
                            throws SQLException {
                        if (!statement.getMoreResults()) {
                            throw new IllegalStateException("the query after the tenant binding returned no rows");
                        }
                    }
                });
    }

    /**
     * Binds the transaction to the tenant unless {@link #bind} bound it to that tenant already. A handle serves one
     * transaction and the setting lasts as long as the transaction (no savepoint is rolled back in between), so
     * what the handle remembers is what the database has.
     */
    public static void ensureBound(Handle handle, UUID tenantId) {
        if (!tenantId.equals(handle.getConfig(SqlStatements.class).getAttribute(BOUND))) {
            bind(handle, tenantId);
        }
    }
}
