package nl.regiopool.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.IOException;

/** Reads a JSON string as {@link StringDeserializer} does, then refuses what {@link Text} says the API does not store. */
public final class TextDeserializer extends StdScalarDeserializer<String> {

    /** For every string of a request. */
    public static final TextDeserializer ANY = new TextDeserializer(false);
    /** For text the schema gives a {@code minLength} of 1 or more (the empty string is left to that check). */
    public static final TextDeserializer NON_BLANK = new TextDeserializer(true);

    private final boolean nonBlank;

    private TextDeserializer(boolean nonBlank) {
        super(String.class);
        this.nonBlank = nonBlank;
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = StringDeserializer.instance.deserialize(parser, context);
        if (text == null) {
            return null;
        }
        if (Text.hasLoneSurrogate(text)) {
            throw new RefusedText(parser, "lone surrogate", Text::unreadable);
        }
        if (Text.hasNul(text)) {
            throw new RefusedText(parser, "NUL character", field -> Text.refusal(field, text));
        }
        if (nonBlank && !text.isEmpty() && Text.isBlank(text)) {
            throw new RefusedText(parser, "blank text", Text::blank);
        }
        return text;
    }
}
