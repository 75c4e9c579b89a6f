package nl.regiopool.http;

import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import nl.regiopool.auth.Caller;
import nl.regiopool.tenancy.TenantScope;
import nl.regiopool.write.WriteContext;
import nl.regiopool.write.WriteCore;

/**
 * HTTP writes: the {@link WriteCore} transaction with the request's idempotency on top. Inside it, the
 * idempotency key is claimed (or its stored response replayed) before the work, and the response is
 * stored for the key after it, so a retry and its first attempt can never both write.
 */
public final class Writes {

    private final WriteCore core;
    private final Idempotency idempotency;

    public Writes(WriteCore core, Idempotency idempotency) {
        this.core = core;
        this.idempotency = idempotency;
    }

    /** A write inside the caller's cooperative. */
    public Response inTenant(Caller caller, String operation, String idempotencyKey, Object body,
                             Function<WriteContext, Response> work) {
        return run(caller, caller.tenant(), operation, idempotencyKey, body, work);
    }

    /** A platform write (operators), scoped to no tenant. */
    public Response onPlatform(Caller caller, String operation, String idempotencyKey, Object body,
                               Function<WriteContext, Response> work) {
        return run(caller, TenantScope.PLATFORM, operation, idempotencyKey, body, work);
    }

    private Response run(Caller caller, UUID scope, String operation, String idempotencyKey, Object body,
                         Function<WriteContext, Response> work) {
        String requestHash = idempotencyKey == null ? null : idempotency.requestHash(operation, body);
        String requestId = Optional.ofNullable(RequestIds.current()).orElse("internal");
        return core.run(caller, scope, requestId, write -> {
            if (idempotencyKey != null) {
                Optional<Response> replay = idempotency.claimOrReplay(write.handle(), scope, caller.subject(),
                        idempotencyKey, requestHash);
                if (replay.isPresent()) {
                    return replay.get();
                }
            }
            Response response = work.apply(write);
            if (idempotencyKey != null) {
                TenantScope.ensureBound(write.handle(), scope);
                idempotency.store(write.handle(), scope, caller.subject(), idempotencyKey, response);
            }
            return response;
        });
    }
}
