package nl.regiopool.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Instants in request bodies are RFC 3339 strings with an offset. Jackson's java.time support would also
 * take a number as seconds since 1970, which no client of this API means; that is refused here.
 */
public final class StrictInstants extends SimpleModule {

    public StrictInstants() {
        super("strict-instants");
        addDeserializer(OffsetDateTime.class, new OffsetDateTimeDeserializer());
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
