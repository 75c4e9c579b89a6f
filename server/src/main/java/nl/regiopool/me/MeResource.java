package nl.regiopool.me;

import jakarta.ws.rs.core.Response;
import nl.regiopool.api.MeApi;
import nl.regiopool.api.model.Me;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CurrentCaller;

public final class MeResource implements MeApi {

    @Override
    public Response getMe() {
        Caller caller = CurrentCaller.get();
        Me me = new Me(caller.subject(), caller.roleClaims().stream().map(nl.regiopool.api.model.Role::fromValue).toList())
                .tenantId(caller.tenantId())
                .memberId(caller.memberId())
                .workerId(caller.workerId().orElse(null));
        return Response.ok(me).build();
    }
}
