package nl.regiopool.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.regiopool.api.model.FieldError;
import nl.regiopool.api.model.RuleViolation;

/** An error the API answers with as problem+json; thrown anywhere, mapped in one place. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> errors;
    private final List<RuleViolation> violations;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(int status, String code, String title, String detail,
                            List<FieldError> errors, List<RuleViolation> violations) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.violations = List.copyOf(violations);
    }

    public ProblemException(int status, String code, String title, String detail) {
        this(status, code, title, detail, List.of(), List.of());
    }

    /** 401 for a request without a bearer token: RFC 6750 asks only for the scheme. */
    public static ProblemException unauthenticated(String detail) {
        return new ProblemException(401, "UNAUTHENTICATED", "Unauthenticated", detail)
                .withHeader("WWW-Authenticate", "Bearer realm=\"regiopool\"");
    }

    /** 401 for a bearer token that was sent but refused (RFC 6750 {@code invalid_token}). */
    public static ProblemException invalidToken(String detail) {
        String description = detail.replaceAll("[^\\x20-\\x7E]|[\"\\\\]", "'");
        return new ProblemException(401, "UNAUTHENTICATED", "Unauthenticated", detail)
                .withHeader("WWW-Authenticate", "Bearer realm=\"regiopool\", error=\"invalid_token\", "
                        + "error_description=\"" + description + "\"");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "FORBIDDEN", "Forbidden", detail);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "NOT_FOUND", "Not found", what + " does not exist.");
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(409, code, "Conflict", detail);
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(422, "VALIDATION_FAILED", "Validation failed",
                "The request has " + errors.size() + " invalid field(s).", errors, List.of());
    }

    public static ProblemException invalid(String field, String code, String message) {
        return invalid(List.of(new FieldError(field, code, message)));
    }

    /** A response header the problem goes out with, e.g. the current ETag of a 412. */
    public ProblemException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public List<RuleViolation> violations() {
        return violations;
    }
}
