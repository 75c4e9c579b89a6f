package nl.regiopool.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a one-dimensional {@code text[]} in PostgreSQL's text output: {@code {a,b}}, an element in double quotes when
 * it holds a comma, brace, quote, backslash or white space, is empty or spells NULL (then {@code \} escapes the next
 * character), and an unquoted {@code NULL} for a null element.
 */
final class PgTextArray {

    private PgTextArray() {
    }

    static List<String> elements(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() < 2 || text.charAt(0) != '{' || text.charAt(text.length() - 1) != '}') {
            throw new IllegalArgumentException("Not a one-dimensional array: " + text);
        }
        int end = text.length() - 1;
        if (end == 1) {
            return List.of();
        }
        List<String> elements = new ArrayList<>(4);
        int i = 1;
        while (i <= end) {
            if (text.charAt(i) == '"') {
                StringBuilder element = new StringBuilder();
                i++;
                while (text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\') {
                        i++;
                    }
                    element.append(text.charAt(i++));
                }
                elements.add(element.toString());
                i++;
            } else {
                int comma = i;
                while (comma < end && text.charAt(comma) != ',') {
                    comma++;
                }
                String element = text.substring(i, comma);
                elements.add(element.equalsIgnoreCase("NULL") ? null : element);
                i = comma;
            }
            i++; // the comma, or the closing brace
        }
        return Collections.unmodifiableList(elements);
    }
}
