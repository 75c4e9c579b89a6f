package nl.regiopool.http;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/** What a field or parameter of a Java type accepts, said so that a client can fix its request. */
public final class Expected {

    public static final String DATE = "a date as YYYY-MM-DD, e.g. 2027-01-31";
    public static final String INSTANT = "an instant with its offset (RFC 3339), e.g. 2027-01-31T09:00:00+01:00";
    public static final String UUID_FORMAT = "a UUID, e.g. 0194f3c2-7a1e-7c3d-9b2a-5e6f7a8b9c0d";
    private static final String PLUS_HINT = " A '+' in a query string reads as a space: encode it as %2B.";

    private Expected() {
    }

    /** The message for a value of the wrong form, e.g. "Expected a date as YYYY-MM-DD, e.g. 2027-01-31." */
    public static String message(Class<?> type) {
        if (type.isEnum()) {
            return "The value is not one of the allowed values: " + allowedValues(type) + ".";
        }
        String expected = describe(type);
        return expected == null ? "The value is not allowed here." : "Expected " + expected + ".";
    }

    /** As {@link #message(Class)}, for a query parameter's raw (decoded) value. */
    public static String queryMessage(Class<?> type, String value) {
        String message = message(type);
        if (type == OffsetDateTime.class && value != null && value.contains(" ")) {
            return message + PLUS_HINT;
        }
        return message;
    }

    /** The JSON form a type takes, or null when there is nothing useful to say. */
    static String describe(Class<?> type) {
        if (type == LocalDate.class) {
            return DATE;
        }
        if (type == OffsetDateTime.class) {
            return INSTANT;
        }
        if (type == UUID.class) {
            return UUID_FORMAT;
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == BigDecimal.class || type == Double.class || type == Float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return null;
    }

    /** The JSON values of a generated enum, which its {@code toString} writes. */
    static String allowedValues(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }
}
