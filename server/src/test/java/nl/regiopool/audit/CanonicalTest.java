package nl.regiopool.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Stored hashes depend on the canonical text: it must stay what the first implementation wrote, byte for byte. */
class CanonicalTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void writesWhatTheFirstImplementationWroteForRandomDocuments() {
        Random random = new Random(20261130);
        for (int i = 0; i < 20_000; i++) {
            JsonNode node = value(random, 0);
            assertThat(Canonical.json(node)).as("document %d", i).isEqualTo(reference(node));
        }
    }

    /** Verify writes stored payloads from their text; the digest sealed was of the tree the server's mapper reads. */
    @Test
    void writesStoredTextAsTheTreeTheServersMapperReadsFromIt() throws Exception {
        ObjectMapper server = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        Random random = new Random(20261201);
        for (int i = 0; i < 20_000; i++) {
            JsonNode node = value(random, 0);
            String compact = server.writeValueAsString(node);
            String spaced = server.writerWithDefaultPrettyPrinter().writeValueAsString(node);
            for (String text : new String[] {compact, spaced}) {
                Utf8Text out = new Utf8Text();
                Canonical.write(text.getBytes(StandardCharsets.UTF_8), out);
                assertThat(new String(out.copyFrom(0), StandardCharsets.UTF_8)).as("document %d: %s", i, text)
                        .isEqualTo(Canonical.json(server.readTree(text)));
            }
        }
        Utf8Text none = new Utf8Text();
        Canonical.write(null, none);
        assertThat(new String(none.copyFrom(0), StandardCharsets.UTF_8)).isEqualTo("null");
    }

    @Test
    void storedTextWithAnythingAfterItsValueIsNotWritten() {
        assertThatThrownBy(() -> Canonical.write("{} {}".getBytes(StandardCharsets.UTF_8), new Utf8Text()))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void escapesEveryControlCharacterQuoteAndBackslashAsJacksonDoes() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            every.append(c);
        }
        every.append("\u2028\u2029\ud83d\ude00é\"\\/");
        ObjectNode node = NODES.objectNode();
        node.put(every.toString(), every.toString());
        assertThat(Canonical.json(node)).isEqualTo(reference(node));
    }

    @Test
    void writesEachCharacterAloneAndAmongOthersAsJacksonDoes() {
        for (int code = 0; code <= Character.MAX_VALUE; code++) {
            char c = (char) code;
            for (String text : new String[] {String.valueOf(c), "ab" + c + "cd"}) {
                ObjectNode node = NODES.objectNode().put(text, text);
                assertThat(Canonical.json(node)).as("U+%04X", (int) c).isEqualTo(reference(node));
            }
        }
    }

    @Test
    void writesNumbersPlainWithoutTrailingZeros() {
        ArrayNode numbers = NODES.arrayNode().add(0).add(-0.0).add(100).add(Long.MIN_VALUE).add(1.50)
                .add(new BigDecimal("1E+3")).add(new BigInteger("123456789012345678901234567890")).add(-2.5e-7);
        assertThat(Canonical.json(numbers))
                .isEqualTo("[0,0,100,-9223372036854775808,1.5,1000,123456789012345678901234567890,-0.00000025]")
                .isEqualTo(reference(numbers));
    }

    private static JsonNode value(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 8);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextLong() >> random.nextInt(64));
            case 3 -> NODES.numberNode(BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, random.nextInt(8) - 2));
            case 4 -> NODES.numberNode(random.nextDouble() * 1000);
            case 5 -> NODES.textNode(text(random));
            case 6 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(value(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.set(text(random), value(random, depth + 1));
                }
                yield object;
            }
        };
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            int pick = random.nextInt(10);
            text.append(pick < 5 ? (char) ('a' + random.nextInt(26)) : pick < 7 ? (char) random.nextInt(0x80)
                    : pick < 9 ? (char) (0x80 + random.nextInt(0x700)) : "\"\\/\u2028é".charAt(random.nextInt(5)));
        }
        return text.toString();
    }

    /** The first implementation, kept as the reference. */
    private static String reference(JsonNode node) {
        StringBuilder out = new StringBuilder();
        referenceWrite(node, out);
        return out.toString();
    }

    private static void referenceWrite(JsonNode node, StringBuilder out) {
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
                referenceWrite(node.get(names.get(i)), out);
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
                referenceWrite(items.next(), out);
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
