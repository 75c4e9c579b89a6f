package nl.regiopool.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import nl.regiopool.problem.Problems;

/**
 * Methods the API serves no operation with, answered before Jersey and before authentication. {@code OPTIONS}
 * is 204 with {@code Allow} for every path of the spec, without a token. There is deliberately no CORS: the API
 * serves member systems, not browsers, so a preflight gets no {@code Access-Control-Allow-*} and browsers stop.
 * Any other method (TRACE, QUERY, ...) is 405 with {@code Allow}, as problem+json with a request id; unknown
 * paths are 404 whatever the method.
 */
public final class MethodGate implements Filter {

    private static final Set<String> SERVED = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

    private final SpecRoutes routes;
    private final ObjectMapper mapper;

    public MethodGate(SpecRoutes routes, ObjectMapper mapper) {
        this.routes = routes;
        this.mapper = mapper;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        if (SERVED.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String requestId = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
        response.setHeader(RequestIds.HEADER, requestId);
        request.setAttribute(RequestIds.MDC_KEY, requestId);
        if (!UnreadBodies.discard(request.getInputStream())) {
            response.setHeader("Connection", "close");
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<String> allow = routes.allow(path);
        if (allow.isEmpty()) {
            problem(response, Problems.of(404, "NOT_FOUND", "Not found", "There is no such resource.", requestId));
        } else if (request.getMethod().equals("OPTIONS")) {
            response.setHeader("Allow", allow.get());
            response.setStatus(204);
        } else {
            response.setHeader("Allow", allow.get());
            problem(response, Problems.of(405, "METHOD_NOT_ALLOWED", "Method not allowed",
                    "This resource does not support that method.", requestId));
        }
    }

    private void problem(HttpServletResponse response, nl.regiopool.api.model.Problem problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(Problems.MEDIA_TYPE);
        response.getOutputStream().write(mapper.writeValueAsBytes(problem));
    }
}
