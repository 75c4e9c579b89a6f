package nl.regiopool.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Instants in request bodies are RFC 3339 strings with an offset. Jackson's java.time support would also
 * take a number as seconds since 1970, which no client of this API means; that is refused here.
 * Responses write them as Jackson does (ISO_OFFSET_DATE_TIME), but by hand: the generic formatter took a
 * third of the server's CPU on a page of 50 placements.
 */
public final class StrictInstants extends SimpleModule {

    public StrictInstants() {
        super("strict-instants");
        addDeserializer(OffsetDateTime.class, new OffsetDateTimeDeserializer());
        addSerializer(OffsetDateTime.class, new IsoSerializer());
    }

    private static final class IsoSerializer extends StdSerializer<OffsetDateTime> {

        IsoSerializer() {
            super(OffsetDateTime.class);
        }

        @Override
        public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            write(generator, value);
        }
    }

    /** Writes the instant as a JSON string, {@link #format}'s text, without making a String of it. */
    public static void write(JsonGenerator generator, OffsetDateTime value) throws IOException {
        if (value.getOffset().getTotalSeconds() != 0) {
            generator.writeString(format(value));
            return;
        }
        writeUtc(generator, value.toLocalDate(), value.toLocalTime().toSecondOfDay(), value.getNano());
    }

    /** Writes the UTC instant {@code secondOfDay} seconds and {@code nanos} into {@code date} as {@link #write} does. */
    public static void writeUtc(JsonGenerator generator, LocalDate date, int secondOfDay, int nanos)
            throws IOException {
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            generator.writeString(format(OffsetDateTime.of(date, LocalTime.ofSecondOfDay(secondOfDay).withNano(nanos),
                    ZoneOffset.UTC)));
            return;
        }
        char[] text = new char[30];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        int length = 19;
        if (nanos > 0) {
            int width = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                width--;
            }
            text[length] = '.';
            digits(text, length + 1, nanos, width);
            length += 1 + width;
        }
        text[length++] = 'Z';
        generator.writeString(text, 0, length);
    }

    private static void digits(char[] text, int from, int value, int width) {
        for (int i = from + width - 1; i >= from; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}'s text, the same to the character. */
    static String format(OffsetDateTime value) {
        int year = value.getYear();
        if (year < 0 || year > 9999) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
        }
        StringBuilder text = new StringBuilder(35);
        pad(text, year, 4).append('-');
        pad(text, value.getMonthValue(), 2).append('-');
        pad(text, value.getDayOfMonth(), 2).append('T');
        pad(text, value.getHour(), 2).append(':');
        pad(text, value.getMinute(), 2).append(':');
        pad(text, value.getSecond(), 2);
        int nanos = value.getNano();
        if (nanos > 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            pad(text.append('.'), nanos, digits);
        }
        return text.append(value.getOffset().getId()).toString();
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }

    private static final class OffsetDateTimeDeserializer extends StdScalarDeserializer<OffsetDateTime> {

        OffsetDateTimeDeserializer() {
            super(OffsetDateTime.class);
        }

        @Override
        public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (OffsetDateTime) context.handleUnexpectedToken(OffsetDateTime.class, parser);
            }
            try {
                return OffsetDateTime.parse(parser.getText().trim());
            } catch (DateTimeParseException e) {
                return (OffsetDateTime) context.handleWeirdStringValue(OffsetDateTime.class, parser.getText(),
                        "not an RFC 3339 date-time with offset");
            }
        }
    }
}
