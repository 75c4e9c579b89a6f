package nl.regiopool.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Canonical JSON for hashing: object keys sorted, no whitespace, numbers in plain notation
 * without trailing zeros. The same value gives the same text after a round trip through jsonb.
 */
public final class Canonical {

    private Canonical() {
    }

    public static String json(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(JsonNodeFactory.instance.textNode(names.get(i)).toString()).append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            Iterator<JsonNode> items = node.elements();
            boolean first = true;
            while (items.hasNext()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(items.next(), out);
            }
            out.append(']');
        } else if (node.isNumber()) {
            BigDecimal number = node.decimalValue().stripTrailingZeros();
            out.append(number.signum() == 0 ? "0" : number.toPlainString());
        } else {
            out.append(node.toString());
        }
    }
}
