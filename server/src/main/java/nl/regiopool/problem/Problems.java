package nl.regiopool.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import nl.regiopool.api.model.FieldError;
import nl.regiopool.api.model.Problem;
import nl.regiopool.api.model.RuleViolation;
import org.slf4j.MDC;

/** Builds RFC 9457 problem responses; the {@code type} URI is derived from the stable code. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);
    private static final String TYPE_BASE = "https://regiopool.nl/problems/";
    /** Where the request filter keeps the request's id for logging; every problem names it. */
    public static final String REQUEST_ID_KEY = "requestId";

    private Problems() {
    }

    public static Response response(ProblemException problem) {
        Response response = response(problem.status(), problem.code(), problem.title(), problem.getMessage(),
                problem.errors(), problem.violations());
        if (problem.headers().isEmpty()) {
            return response;
        }
        Response.ResponseBuilder withHeaders = Response.fromResponse(response);
        problem.headers().forEach(withHeaders::header);
        return withHeaders.build();
    }

    public static Response response(int status, String code, String title, String detail) {
        return response(status, code, title, detail, List.of(), List.of());
    }

    public static Response response(int status, String code, String title, String detail,
                                    List<FieldError> errors, List<RuleViolation> violations) {
        Problem problem = of(status, code, title, detail, MDC.get(REQUEST_ID_KEY))
                .errors(errors)
                .violations(violations);
        return Response.status(status).type(PROBLEM_JSON).entity(problem).build();
    }

    /** A problem without field errors or violations, e.g. for answers given outside Jersey. */
    public static Problem of(int status, String code, String title, String detail, String requestId) {
        return new Problem(TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-'), title, status, code)
                .detail(detail)
                .requestId(requestId)
                .errors(List.of())
                .violations(List.of());
    }
}
