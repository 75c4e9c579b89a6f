package nl.regiopool.http;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.regiopool.api.model.FieldError;

/**
 * Every field error of a request body, not only the first one data binding stops at: the body as a JSON tree
 * checked against the generated model's properties (unknown fields, missing required ones, JSON types, enum
 * values, date, instant and UUID formats), and each well-formed value against the model's bean-validation
 * constraints. Used once binding has failed, so what binding accepts stays the single authority.
 */
public final class BodyFields {

    private static final String MODEL_PACKAGE = "nl.regiopool.api.model";
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ObjectMapper mapper;
    private final Validator validator;

    public BodyFields(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /** Whether a body type is one of the generated request models this checker understands. */
    public static boolean isModel(Class<?> type) {
        return type.getPackageName().equals(MODEL_PACKAGE) && !type.isEnum();
    }

    /** The code for a value of the right JSON type but not an allowed one. */
    static String formatCode(Class<?> type) {
        return type != null && (type == LocalDate.class || type == OffsetDateTime.class || type == UUID.class)
                ? "INVALID_FORMAT" : "INVALID_VALUE";
    }

    /** All field errors of the body, sorted by field; empty when this check finds nothing wrong. */
    public List<FieldError> errors(JsonNode body, Class<?> model) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("body", "INVALID_TYPE", "Expected a JSON object."));
            return errors;
        }
        object(body, mapper.constructType(model), "", errors);
        errors.sort(Comparator.comparing(FieldError::getField));
        return errors;
    }

    private void object(JsonNode node, JavaType type, String prefix, List<FieldError> errors) {
        BeanDescription description = mapper.getDeserializationConfig().introspect(type);
        Map<String, BeanPropertyDefinition> properties = new LinkedHashMap<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            properties.put(property.getName(), property);
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!properties.containsKey(name)) {
                errors.add(new FieldError(prefix + name, "UNKNOWN_FIELD", unknownFieldMessage(name, properties.keySet())));
            }
        }
        for (BeanPropertyDefinition property : properties.values()) {
            String field = prefix + property.getName();
            JsonNode value = node.get(property.getName());
            if (value == null || value.isNull()) {
                if (property.isRequired()) {
                    errors.add(new FieldError(field, "REQUIRED", "This field is required."));
                }
                continue;
            }
            int before = errors.size();
            JavaType propertyType = property.getPrimaryType();
            value(value, propertyType, field, errors);
            if (errors.size() == before) {
                constraints(type.getRawClass(), property.getInternalName(), value, propertyType, field, errors);
            }
        }
    }

    private static String unknownFieldMessage(String name, Collection<String> known) {
        String message = "This field is not part of the request schema.";
        for (String candidate : known) {
            if (looksLike(name, candidate)) {
                return message + " Did you mean '" + candidate + "'?";
            }
        }
        return message;
    }

    /** A likely misspelling: one is a prefix of the other, or they differ only in case. */
    private static boolean looksLike(String name, String candidate) {
        String a = name.toLowerCase();
        String b = candidate.toLowerCase();
        return a.length() >= 3 && (a.equals(b) || b.startsWith(a) || a.startsWith(b));
    }

    private void value(JsonNode value, JavaType type, String field, List<FieldError> errors) {
        Class<?> raw = type.getRawClass();
        if (type.isCollectionLikeType()) {
            if (!value.isArray()) {
                errors.add(new FieldError(field, "INVALID_TYPE", "Expected an array."));
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                if (!value.get(i).isNull()) {
                    value(value.get(i), type.getContentType(), field + "[" + i + "]", errors);
                }
            }
        } else if (raw.isEnum()) {
            if (!value.isTextual() || !allowed(raw, value.textValue())) {
                errors.add(new FieldError(field, value.isTextual() ? "INVALID_VALUE" : "INVALID_TYPE", Expected.message(raw)));
            }
        } else if (raw == String.class) {
            requireType(value.isTextual(), raw, field, errors);
        } else if (raw == Integer.class || raw == int.class) {
            requireType(value.isIntegralNumber() && value.canConvertToInt(), raw, field, errors);
        } else if (raw == Long.class || raw == long.class) {
            requireType(value.isIntegralNumber() && value.canConvertToLong(), raw, field, errors);
        } else if (raw == BigDecimal.class || raw == Double.class || raw == Float.class) {
            requireType(value.isNumber(), raw, field, errors);
        } else if (raw == Boolean.class || raw == boolean.class) {
            requireType(value.isBoolean(), raw, field, errors);
        } else if (raw == LocalDate.class || raw == OffsetDateTime.class || raw == UUID.class) {
            if (!value.isTextual()) {
                errors.add(new FieldError(field, "INVALID_TYPE", Expected.message(raw)));
            } else if (!wellFormed(raw, value.textValue())) {
                errors.add(new FieldError(field, "INVALID_FORMAT", Expected.message(raw)));
            }
        } else if (isModel(raw)) {
            if (!value.isObject()) {
                errors.add(new FieldError(field, "INVALID_TYPE", "Expected a JSON object."));
            } else {
                object(value, type, field + ".", errors);
            }
        }
    }

    private static void requireType(boolean ok, Class<?> type, String field, List<FieldError> errors) {
        if (!ok) {
            errors.add(new FieldError(field, "INVALID_TYPE", Expected.message(type)));
        }
    }

    private static boolean allowed(Class<?> enumType, String text) {
        for (Object constant : enumType.getEnumConstants()) {
            if (constant.toString().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static boolean wellFormed(Class<?> type, String text) {
        try {
            if (type == LocalDate.class) {
                LocalDate.parse(text);
            } else if (type == OffsetDateTime.class) {
                OffsetDateTime.parse(text.trim());
            } else {
                return UUID_TEXT.matcher(text).matches();
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The model's constraints on one property (size, pattern, range), checked on its bound value. */
    private void constraints(Class<?> model, String property, JsonNode value, JavaType type, String field,
                             List<FieldError> errors) {
        Object bound;
        try {
            bound = mapper.convertValue(value, type);
        } catch (IllegalArgumentException notBindable) {
            return;
        }
        for (ConstraintViolation<?> violation : validator.validateValue(model, property, bound)) {
            FieldError error = ProblemMappers.OfViolations.fieldError(violation, null);
            String suffix = error.getField().equals("body") || error.getField().equals(property) ? ""
                    : error.getField().substring(error.getField().indexOf(property) + property.length());
            errors.add(new FieldError(field + suffix, error.getCode(), error.getMessage()));
        }
    }
}
