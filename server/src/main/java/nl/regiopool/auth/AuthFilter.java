package nl.regiopool.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.Set;
import nl.regiopool.problem.ProblemException;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * Every matched request needs a valid bearer token (401 otherwise; a {@code worker} claim must name a worker of
 * the token's cooperative, see {@link WorkerClaims}) whose roles the operation's
 * {@code x-roles} in the spec allow (403 otherwise); the caller becomes the request's principal.
 * Runs after matching, so an unknown route is a 404 whatever the token.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AuthFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String BEARER = "bearer ";
    /** Larger bodies are left to Jetty, which closes the connection. */
    private static final long MAX_DISCARDED_BODY = 64 * 1024;

    private final TokenVerifier verifier;
    private final OperationRoles operationRoles;
    private final WorkerClaims workerClaims;

    public AuthFilter(TokenVerifier verifier, OperationRoles operationRoles, WorkerClaims workerClaims) {
        this.verifier = verifier;
        this.operationRoles = operationRoles;
        this.workerClaims = workerClaims;
    }

    /** 403 unless the operation's x-roles in the spec include one of the caller's roles. */
    private void authorize(ContainerRequestContext request, Caller caller) {
        ResourceMethod method = ((ExtendedUriInfo) request.getUriInfo()).getMatchedResourceMethod();
        String operationId = method.getInvocable().getDefinitionMethod().getName();
        Set<CallerRole> allowed = operationRoles.allowed(operationId)
                .orElseThrow(() -> new IllegalStateException("Operation " + operationId + " is not in the spec"));
        if (caller.roles().stream().noneMatch(allowed::contains)) {
            throw ProblemException.forbidden("This operation needs one of the roles "
                    + allowed.stream().map(CallerRole::claim).sorted().toList() + ".");
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        CurrentCaller.clear();
        try {
            authenticate(request);
        } catch (ProblemException e) {
            discardBody(request);
            throw e;
        }
    }

    /**
     * Reads and drops a small unread request body before a 401/403 goes out. Left unread, Jetty closes the
     * connection after the response without saying so, and a client that reuses the kept-alive connection for
     * its next request fails with "header parser received no bytes" (seen in about 2% of refused writes).
     * The body is never parsed: a caller without the right gets 401/403 whatever it sent.
     */
    private static void discardBody(ContainerRequestContext request) {
        if (!request.hasEntity()) {
            return;
        }
        try {
            InputStream body = request.getEntityStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            int read;
            while (total < MAX_DISCARDED_BODY && (read = body.read(buffer)) != -1) {
                total += read;
            }
        } catch (IOException e) {
            // Jetty closes the connection instead; the 401/403 still goes out
        }
    }

    private void authenticate(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ProblemException.unauthenticated("A bearer token is required.");
        }
        Caller caller;
        try {
            caller = verifier.verify(header.substring(BEARER.length()).trim());
        } catch (TokenVerifier.InvalidTokenException e) {
            throw ProblemException.invalidToken(e.getMessage());
        }
        workerClaims.check(caller);
        authorize(request, caller);
        CurrentCaller.set(caller);
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String role) {
                return CallerRole.fromClaim(role).map(caller::has).orElse(false);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        CurrentCaller.clear();
    }
}
