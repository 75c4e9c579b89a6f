package nl.regiopool.tenancy;

import java.util.UUID;
import org.jdbi.v3.core.Handle;

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

    public static void bind(Handle handle, UUID tenantId) {
        handle.createQuery("SELECT set_config('regiopool.tenant_id', :tenant, true)")
                .bind("tenant", tenantId.toString())
                .mapTo(String.class)
                .one();
    }
}
