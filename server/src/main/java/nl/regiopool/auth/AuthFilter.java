package nl.regiopool.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import nl.regiopool.http.ProblemException;

/**
 * Every matched request needs a valid bearer token; the caller becomes the request's principal.
 * Runs after matching, so an unknown route is a 404 whatever the token.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AuthFilter implements ContainerRequestFilter {

    private static final String BEARER = "bearer ";

    private final TokenVerifier verifier;

    public AuthFilter(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ProblemException.unauthenticated("A bearer token is required.");
        }
        Caller caller;
        try {
            caller = verifier.verify(header.substring(BEARER.length()).trim());
        } catch (TokenVerifier.InvalidTokenException e) {
            throw ProblemException.unauthenticated(e.getMessage());
        }
        CurrentCaller.set(caller);
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String role) {
                return Role.fromClaim(role).map(caller::has).orElse(false);
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
}
