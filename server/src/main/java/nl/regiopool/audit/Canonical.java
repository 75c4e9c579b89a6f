package nl.regiopool.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Canonical JSON for hashing: object keys sorted, no whitespace, numbers in plain notation
 * without trailing zeros. The same value gives the same text after a round trip through jsonb.
 * Stored hashes depend on this text byte for byte: a change of output is a new hash version.
 */
public final class Canonical {

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

    private static final JsonFactory JSON = new JsonFactory();

    private Canonical() {
    }

    public static String json(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isTextual()) {
            quoted(node.textValue(), out);
        } else if (node.isObject()) {
            String[] names = new String[node.size()];
            Iterator<String> fields = node.fieldNames();
            for (int i = 0; fields.hasNext(); i++) {
                names[i] = fields.next();
            }
            Arrays.sort(names);
            out.append('{');
            for (int i = 0; i < names.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                quoted(names[i], out);
                out.append(':');
                write(node.get(names[i]), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            out.append(node.longValue());
        } else if (node.isNumber()) {
            out.append(plain(node.decimalValue()));
        } else {
            out.append(node.toString());
        }
    }

    /**
     * The canonical JSON of stored JSON text (UTF-8; null for none), appended as UTF-8: the bytes of
     * {@code json(tree)} for the tree the server's mapper reads from that text (floats as BigDecimal), written from
     * the parser's tokens without building the tree.
     */
    static void write(byte[] text, Utf8Text out) {
        if (text == null) {
            out.append("null");
            return;
        }
        try (JsonParser parser = JSON.createParser(text)) {
            parser.nextToken();
            write(parser, out);
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "text after the JSON value");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(JsonParser parser, Utf8Text out) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new JsonParseException(parser, "no JSON value");
        }
        switch (token) {
            case START_OBJECT -> writeObject(parser, out);
            case START_ARRAY -> {
                out.append('[');
                for (boolean first = true; parser.nextToken() != JsonToken.END_ARRAY; first = false) {
                    if (!first) {
                        out.append(',');
                    }
                    write(parser, out);
                }
                out.append(']');
            }
            case VALUE_STRING -> out.quoted(parser.getText());
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    writeDecimal(new BigDecimal(parser.getBigIntegerValue()), out);
                } else {
                    out.append(parser.getLongValue());
                }
            }
            case VALUE_NUMBER_FLOAT -> writeDecimal(parser.getDecimalValue(), out);
            case VALUE_TRUE -> out.append("true");
            case VALUE_FALSE -> out.append("false");
            case VALUE_NULL -> out.append("null");
            default -> throw new JsonParseException(parser, "unexpected " + token);
        }
    }

    private record Field(String name, byte[] value) {
    }

    /** Each value is written, cut off and kept until the names are sorted. */
    private static void writeObject(JsonParser parser, Utf8Text out) throws IOException {
        List<Field> fields = new ArrayList<>();
        int start = out.size();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            write(parser, out);
            fields.add(new Field(name, out.copyFrom(start)));
            out.truncate(start);
        }
        fields.sort(Comparator.comparing(Field::name));
        out.append('{');
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.quoted(fields.get(i).name()).append(':').append(fields.get(i).value());
        }
        out.append('}');
    }

    private static void writeDecimal(BigDecimal value, Utf8Text out) {
        out.append(plain(value));
    }

    /** A number that is not a long: plain notation, no trailing zeros, zero as {@code 0}. */
    private static String plain(BigDecimal value) {
        BigDecimal number = value.stripTrailingZeros();
        return number.signum() == 0 ? "0" : number.toPlainString();
    }

    /**
     * As Jackson writes a JSON string: the same escapes as {@code TextNode.toString()}, which escapes only control
     * characters, the quote and the backslash. A string without them, nearly every one, is appended whole (the
     * encoder appends one character at a time).
     */
    static void quoted(String text, StringBuilder out) {
        out.append('"');
        if (needsEscape(text)) {
            STRINGS.quoteAsString(text, out);
        } else {
            out.append(text);
        }
        out.append('"');
    }

    private static boolean needsEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return true;
            }
        }
        return false;
    }
}
