package nl.regiopool.http;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.function.Function;

/** Query parameters of type date-time (RFC 3339 with offset) and date (ISO 8601). */
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
        return null;
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
