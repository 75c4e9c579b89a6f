package nl.regiopool.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.regiopool.api.model.FieldError;
import nl.regiopool.problem.ConstraintProblems;
import nl.regiopool.problem.DatabaseErrors;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.problem.Problems;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.ParamException;
import org.glassfish.jersey.server.model.Invocable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every error becomes problem+json: no HTML page, no stack trace, a stable code. */
public final class ProblemMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMappers.class);

    private ProblemMappers() {
    }

    /** The size limit's complaint, which reaches us wrapped in whatever was reading the body. */
    static RequestSizeLimit.TooLargeException bodyTooLarge(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestSizeLimit.TooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    public static List<Object> all() {
        return List.of(new OfProblem(), new OfWebApplication(), new OfJson(), new OfViolations(), new OfAnything());
    }

    public static final class OfProblem implements ExceptionMapper<ProblemException> {
        @Override
        public Response toResponse(ProblemException exception) {
            return Problems.response(exception);
        }
    }

    public static final class OfWebApplication implements ExceptionMapper<WebApplicationException> {
        private static final Pattern CONVERSION_FAILURE = Pattern.compile("(query|header|path) param (\\S+)");

        @Context
        private ExtendedUriInfo uriInfo;

        @Override
        public Response toResponse(WebApplicationException exception) {
            if (bodyTooLarge(exception) != null) {
                return Problems.response(RequestSizeLimit.tooLarge(bodyTooLarge(exception).maxBytes()));
            }
            if (exception instanceof ParamException param) {
                String source = param instanceof ParamException.QueryParamException ? "query."
                        : param instanceof ParamException.HeaderParamException ? "header." : "";
                if (param instanceof ParamException.PathParamException) {
                    return Problems.response(404, "NOT_FOUND", "Not found", "No such object: the id is not valid.");
                }
                return Problems.response(invalidParameter(source, param.getParameterName()));
            }
            if (exception instanceof NotFoundException) {
                return Problems.response(404, "NOT_FOUND", "Not found", "There is no such resource.");
            }
            if (exception instanceof NotAllowedException) {
                Response problem = Problems.response(405, "METHOD_NOT_ALLOWED", "Method not allowed",
                        "This resource does not support that method.");
                return Response.fromResponse(problem)
                        .header(HttpHeaders.ALLOW, exception.getResponse().getHeaderString(HttpHeaders.ALLOW)).build();
            }
            if (exception instanceof NotSupportedException) {
                return Problems.response(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type",
                        "Send the body as application/json.");
            }
            if (exception instanceof NotAcceptableException) {
                return Problems.response(406, "NOT_ACCEPTABLE", "Not acceptable",
                        "This resource answers application/json (errors application/problem+json).");
            }
            int status = exception.getResponse().getStatus();
            if (status == 400 && exception.getMessage() != null) {
                // Parameter conversion failures, e.g. "Failed to convert query param status to MemberStatus"
                Matcher parameter = CONVERSION_FAILURE.matcher(exception.getMessage());
                if (parameter.find()) {
                    return Problems.response(invalidParameter(parameter.group(1) + ".", parameter.group(2)));
                }
            }
            if (status >= 500) {
                LOG.error("Request failed", exception);
                return Problems.response(status, "INTERNAL_ERROR", "Internal error", "The request failed on our side.");
            }
            Response.StatusType type = exception.getResponse().getStatusInfo();
            return Problems.response(status, type.getReasonPhrase().toUpperCase().replaceAll("[^A-Z]+", "_"),
                    type.getReasonPhrase(), "The request was refused.");
        }

        /** A query or header parameter that could not be converted, with what its type expects. */
        private ProblemException invalidParameter(String source, String name) {
            Class<?> type = parameterType(source, name);
            String value = source.equals("query.") && uriInfo != null
                    ? uriInfo.getQueryParameters().getFirst(name) : null;
            String message = type == null ? "The value is not valid for this parameter." : Expected.queryMessage(type, value);
            String code = type != null && (type.isEnum() || Expected.describe(type) == null) ? "INVALID_VALUE"
                    : "INVALID_FORMAT";
            return ProblemException.invalid(source + name, code, message);
        }

        /** The Java type of the matched operation's query or header parameter, from its generated interface. */
        private Class<?> parameterType(String source, String name) {
            if (uriInfo == null || uriInfo.getMatchedResourceMethod() == null) {
                return null;
            }
            Method method = uriInfo.getMatchedResourceMethod().getInvocable().getDefinitionMethod();
            Annotation[][] annotations = method.getParameterAnnotations();
            for (int i = 0; i < annotations.length; i++) {
                for (Annotation annotation : annotations[i]) {
                    if ((annotation instanceof QueryParam query && source.equals("query.") && query.value().equals(name))
                            || (annotation instanceof HeaderParam header && source.equals("header.")
                            && header.value().equals(name))) {
                        return method.getParameterTypes()[i];
                    }
                }
            }
            return null;
        }
    }

    public static final class OfJson implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException exception) {
            if (bodyTooLarge(exception) != null) {
                return Problems.response(RequestSizeLimit.tooLarge(bodyTooLarge(exception).maxBytes()));
            }
            JsonProcessingException unreadable = unreadable(exception);
            if (unreadable != null) {
                return Problems.response(400, "MALFORMED_JSON", "Malformed JSON",
                        "The body is not well-formed JSON: " + unreadable.getOriginalMessage());
            }
            if (exception instanceof JsonMappingException mapping) {
                String field = mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[");
                if (mapping instanceof UnrecognizedPropertyException unknown) {
                    return Problems.response(ProblemException.invalid(field.isEmpty() ? unknown.getPropertyName() : field,
                            "UNKNOWN_FIELD", "This field is not part of the request schema."));
                }
                if (mapping instanceof ValueInstantiationException || mapping instanceof InvalidFormatException) {
                    Class<?> type = mapping instanceof InvalidFormatException format ? format.getTargetType() : null;
                    return Problems.response(ProblemException.invalid(field, BodyFields.formatCode(type),
                            type == null ? "The value is not allowed here." : Expected.message(type)));
                }
                if (mapping instanceof MismatchedInputException mismatched) {
                    String message = String.valueOf(mismatched.getOriginalMessage());
                    if (message.startsWith("Missing required creator property")) {
                        return Problems.response(ProblemException.invalid(field, "REQUIRED", "This field is required."));
                    }
                    Class<?> type = mismatched.getTargetType();
                    return Problems.response(ProblemException.invalid(field.isEmpty() ? "body" : field, "INVALID_TYPE",
                            type == null || Expected.describe(type) == null && !type.isEnum()
                                    ? "The value has the wrong JSON type." : Expected.message(type)));
                }
                return Problems.response(ProblemException.invalid(field.isEmpty() ? "body" : field, "INVALID_VALUE",
                        "The value cannot be read."));
            }
            return Problems.response(400, "MALFORMED_JSON", "Malformed JSON", "The body could not be read.");
        }

        /**
         * The parser's own complaint (bad syntax, invalid UTF-8, a duplicate key, nesting too deep),
         * also when data binding wrapped it: a parse error met while binding a creator's properties
         * reaches us inside a JsonMappingException, which would otherwise read as a field error.
         */
        static JsonProcessingException unreadable(JsonProcessingException exception) {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof StreamReadException || cause instanceof StreamConstraintsException) {
                    return (JsonProcessingException) cause;
                }
            }
            return null;
        }
    }

    public static final class OfViolations implements ExceptionMapper<JerseyViolationException> {
        @Override
        public Response toResponse(JerseyViolationException exception) {
            List<FieldError> errors = exception.getConstraintViolations().stream()
                    .map(violation -> fieldError(violation, exception.getInvocable()))
                    .sorted(Comparator.comparing(FieldError::getField))
                    .toList();
            // the spec marks If-Match required; its absence is a missing precondition (428), not a field error
            if (errors.stream().anyMatch(error -> error.getField().equals("header." + HttpHeaders.IF_MATCH)
                    && error.getCode().equals("REQUIRED"))) {
                return Problems.response(ETags.missing());
            }
            return Problems.response(ProblemException.invalid(errors));
        }

        static FieldError fieldError(ConstraintViolation<?> violation, Invocable invocable) {
            StringBuilder field = new StringBuilder();
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.PARAMETER) {
                    int index = node.as(Path.ParameterNode.class).getParameterIndex();
                    field.append(parameterName(invocable, index));
                } else if (node.getKind() == ElementKind.PROPERTY) {
                    // A node's index names its place in the container before it: qualifications[0].bigNumber
                    if (node.isInIterable() && node.getIndex() != null) {
                        field.append('[').append(node.getIndex()).append(']');
                    }
                    if (!field.isEmpty() && !field.toString().equals("body")) {
                        field.append('.');
                    } else {
                        field.setLength(0);
                    }
                    field.append(node.getName());
                }
            }
            String annotation = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
            String code = switch (annotation) {
                case "NotNull", "NotBlank", "NotEmpty" -> "REQUIRED";
                case "Pattern", "Email" -> "INVALID_FORMAT";
                case "Min", "Max", "DecimalMin", "DecimalMax", "Positive", "PositiveOrZero" -> "OUT_OF_RANGE";
                case "Size" -> "INVALID_LENGTH";
                default -> "INVALID_VALUE";
            };
            return new FieldError(field.isEmpty() ? "body" : field.toString(), code, violation.getMessage());
        }

        private static String parameterName(Invocable invocable, int index) {
            Method method = invocable.getDefinitionMethod();
            Annotation[] annotations = method.getParameterAnnotations()[index];
            for (Annotation annotation : annotations) {
                if (annotation instanceof QueryParam query) {
                    return "query." + query.value();
                }
                if (annotation instanceof HeaderParam header) {
                    return "header." + header.value();
                }
                if (annotation instanceof PathParam path) {
                    return "path." + path.value();
                }
            }
            return "body";
        }
    }

    public static final class OfAnything implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable exception) {
            if (bodyTooLarge(exception) != null) {
                return Problems.response(RequestSizeLimit.tooLarge(bodyTooLarge(exception).maxBytes()));
            }
            Optional<ProblemException> refusedByConstraint = ConstraintProblems.of(exception);
            if (refusedByConstraint.isPresent()) {
                return Problems.response(refusedByConstraint.get());
            }
            SQLException sql = DatabaseErrors.sqlCause(exception);
            if (DatabaseErrors.isUnavailable(exception)) {
                LOG.warn("Database unavailable: {}", exception.toString());
                return Response.fromResponse(Problems.response(503, "SERVICE_UNAVAILABLE", "Service unavailable",
                        "The database is not reachable right now; retry shortly.")).header("Retry-After", "2").build();
            }
            if (sql != null && DatabaseErrors.isSerializationFailure(sql)) {
                return Problems.response(409, "CONCURRENT_UPDATE", "Conflict",
                        "The change collided with a concurrent one; retry it.");
            }
            LOG.error("Unhandled error", exception);
            return Problems.response(500, "INTERNAL_ERROR", "Internal error",
                    "The request failed on our side; quote the requestId when you report it.");
        }
    }
}
