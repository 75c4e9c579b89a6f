package nl.regiopool.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.regiopool.problem.Problems;
import org.slf4j.MDC;

/**
 * {@code X-Request-Id}: taken from the request when it is sane, generated otherwise; kept in the
 * logging context (so every log line of the request carries it) and echoed on the response.
 */
@PreMatching
@Priority(1)
public final class RequestIds implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = Problems.REQUEST_ID_KEY;
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    public static String current() {
        return MDC.get(MDC_KEY);
    }

    /** The client's request id when it is sane, a new one otherwise. */
    public static String acceptOrGenerate(String given) {
        return given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String requestId = acceptOrGenerate(request.getHeaderString(HEADER));
        MDC.put(MDC_KEY, requestId);
        request.setProperty(MDC_KEY, requestId);
        Negotiation.set(request.getAcceptableMediaTypes());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object requestId = request.getProperty(MDC_KEY);
        if (requestId != null) {
            response.getHeaders().putSingle(HEADER, requestId);
        }
        MDC.remove(MDC_KEY);
        Negotiation.clear();
    }
}
