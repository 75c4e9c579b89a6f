package nl.regiopool.tenancy;

import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** Read transactions bound to a tenant. Writes go through {@link nl.regiopool.http.Writes}. */
public final class Transactions {

    private final Jdbi jdbi;

    public Transactions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public <T> T read(UUID tenantId, HandleCallback<T, RuntimeException> work) {
        return jdbi.inTransaction(handle -> {
            TenantScope.bind(handle, tenantId);
            return work.withHandle(handle);
        });
    }

    /**
     * A read of one query in one round trip, bound to the tenant: {@code work} makes its query with
     * {@link BoundQuery#create}, which puts the tenant binding ahead of it in the same statement text. The binding
     * and the query reach PostgreSQL together without BEGIN and COMMIT, and PostgreSQL runs the statements it
     * receives before the driver's Sync as one implicit transaction: the binding holds for this query and ends
     * with it, as in {@link #read}, which takes three round trips (BEGIN with the binding, the query, COMMIT).
     */
    public <T> T readInOneRoundTrip(UUID tenantId, Function<BoundQuery, T> work) {
        return jdbi.withHandle(handle -> {
            if (handle.isInTransaction()) {
                throw new IllegalStateException("a one-round-trip read needs a connection in autocommit mode");
            }
            return work.apply(sql -> TenantScope.boundQuery(handle, tenantId, sql));
        });
    }

    /** Makes the one query of a {@link #readInOneRoundTrip}, bound to its tenant. */
    @FunctionalInterface
    public interface BoundQuery {
        Query create(String sql);
    }

    /** Platform reads (the cooperative table is not tenant-scoped). */
    public <T> T readPlatform(HandleCallback<T, RuntimeException> work) {
        return read(TenantScope.PLATFORM, work);
    }
}
