package nl.regiopool.http;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.function.Function;

/**
 * Query parameters of type date-time (RFC 3339 with offset), date (ISO 8601) and boolean: only
 * {@code true} or {@code false}, where JAX-RS's own {@code Boolean.valueOf} would read any other
 * word as false.
 */
public final class TimeParamConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType == OffsetDateTime.class) {
            return (ParamConverter<T>) converter(OffsetDateTime::parse);
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>) converter(LocalDate::parse);
        }
        if (rawType == Boolean.class) {
            return (ParamConverter<T>) converter(TimeParamConverters::strictBoolean);
        }
        return null;
    }

    private static Boolean strictBoolean(String value) {
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("Not a boolean: " + value);
        };
    }

    private static <T> ParamConverter<T> converter(Function<String, T> parse) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                return value == null ? null : parse.apply(value);
            }

            @Override
            public String toString(T value) {
                return value.toString();
            }
        };
    }
}
