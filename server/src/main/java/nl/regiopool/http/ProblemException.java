package nl.regiopool.http;

import java.util.List;
import nl.regiopool.api.model.FieldError;
import nl.regiopool.api.model.RuleViolation;

/** An error the API answers with as problem+json; thrown anywhere, mapped in one place. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> errors;
    private final List<RuleViolation> violations;

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

    public static ProblemException unauthenticated(String detail) {
        return new ProblemException(401, "UNAUTHENTICATED", "Unauthenticated", detail);
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
