package nl.regiopool.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import nl.regiopool.auth.Caller;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * Labels a request with its spec operationId and, once authenticated, its cooperative: as request properties,
 * which are the servlet request's attributes, so the request metrics and the request log (its
 * {@code requestAttributes}) read them after the response. Neither is personal data or a secret.
 */
public final class RequestLabels {

    public static final String OPERATION_ID = "operationId";
    public static final String TENANT = "tenant";

    private RequestLabels() {
    }

    /** Before authentication, so a refused request carries its operation too. */
    @Priority(Priorities.AUTHENTICATION - 100)
    public static final class Operation implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            ResourceMethod method = ((ExtendedUriInfo) request.getUriInfo()).getMatchedResourceMethod();
            if (method != null) {
                request.setProperty(OPERATION_ID, method.getInvocable().getDefinitionMethod().getName());
            }
        }
    }

    /** After authorization: the caller is known. */
    @Priority(Priorities.AUTHORIZATION + 100)
    public static final class Tenant implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            if (request.getSecurityContext().getUserPrincipal() instanceof Caller caller && caller.tenantId() != null) {
                request.setProperty(TENANT, caller.tenantId().toString());
            }
        }
    }
}
