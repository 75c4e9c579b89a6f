package nl.regiopool.audit;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Canonical JSON for hashing: object keys sorted, no whitespace, numbers in plain notation
 * without trailing zeros. The same value gives the same text after a round trip through jsonb.
 * Stored hashes depend on this text byte for byte: a change of output is a new hash version.
 */
public final class Canonical {

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

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
            BigDecimal number = node.decimalValue().stripTrailingZeros();
            out.append(number.signum() == 0 ? "0" : number.toPlainString());
        } else {
            out.append(node.toString());
        }
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
