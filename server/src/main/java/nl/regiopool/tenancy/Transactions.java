package nl.regiopool.tenancy;

import java.util.UUID;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

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

    /** Platform reads (the cooperative table is not tenant-scoped). */
    public <T> T readPlatform(HandleCallback<T, RuntimeException> work) {
        return read(TenantScope.PLATFORM, work);
    }
}
