package nl.regiopool.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Before an error answer leaves, the part of the request body nobody read (a 422 on a query parameter, a 405, a
 * refusal before the body arrived) is read and dropped, or the answer says {@code Connection: close}.
 */
@Priority(1)
public final class UnreadBodyFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 400 || !hasUnreadEntity(request)) {
            return;
        }
        if (!UnreadBodies.discard(request.getEntityStream())) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }

    private static boolean hasUnreadEntity(ContainerRequestContext request) {
        try {
            return request.hasEntity();
        } catch (IllegalStateException closed) {
            return false; // read to its end by the resource's body reader, which then closed it
        }
    }
}
