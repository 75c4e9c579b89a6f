package nl.regiopool.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.regiopool.testing.SpecOperations.Operation;

/**
 * Malformed requests generated from an operation's request schema and parameters in openapi.yaml:
 * wrong types, missing required fields, unknown enum values, out-of-range numbers, 1 MB strings,
 * deep nesting, invalid UTF-8, duplicate keys and wrong content types. Each says which answers are
 * right, so a variant that slips through to a 404 (the random id) or a 2xx fails.
 */
public final class MalformedInputs {

    private static final Set<Integer> UNREADABLE_OR_INVALID = Set.of(400, 422);
    private static final String MEGABYTE = "x".repeat(1_000_000);

    public record Variant(String name, String contentType, byte[] body, String query, Map<String, String> headers,
                          Set<Integer> statuses, String code) {
        @Override
        public String toString() {
            return name;
        }
    }

    private MalformedInputs() {
    }

    public static List<Variant> of(Operation operation) {
        List<Variant> variants = new ArrayList<>();
        JsonNode definition = operation.definition();
        if (operation.isMultipart()) {
            multipartVariants(variants);
        } else if (definition.has("requestBody")) {
            bodyVariants(SpecOperations.resolve(definition.at("/requestBody/content/application~1json/schema")), variants);
        }
        for (JsonNode reference : definition.path("parameters")) {
            JsonNode parameter = SpecOperations.resolve(reference);
            String in = parameter.get("in").asText();
            if (in.equals("query") || in.equals("header")) {
                parameterVariants(parameter.get("name").asText(), in, SpecOperations.resolve(parameter.get("schema")),
                        variants);
            }
        }
        return variants;
    }

    /**
     * Values the fuzzer found reaching a 500, tried at every position of the body (nested objects and list items
     * too): {@code null} for a field that is not nullable and as a list item, the NUL character and a lone UTF-16
     * surrogate in every string, whitespace-only and Unicode-blank text where the schema asks for a character.
     */
    private static void valueVariants(JsonNode schema, String path, java.util.function.UnaryOperator<String> wrap,
                                      int depth, List<Variant> variants) {
        if (depth > 4) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String name = path + property.getKey();
            JsonNode type = SpecOperations.resolve(property.getValue());
            java.util.function.UnaryOperator<String> at = value -> wrap.apply(object(property.getKey(), value));
            if (!type.path("nullable").asBoolean(false)) {
                variants.add(json(name + " null", at.apply("null"), Set.of(422), "VALIDATION_FAILED"));
            }
            if (type.path("type").asText().equals("string") && !type.has("enum")) {
                variants.add(json(name + " with a NUL character", at.apply("\"a\\u0000b\""), UNREADABLE_OR_INVALID, null));
                // a typed string (a date, a uuid) does not parse at all; plain text names the surrogate
                variants.add(type.has("format")
                        ? json(name + " with a lone surrogate", at.apply("\"a\\ud800b\""), UNREADABLE_OR_INVALID, null)
                        : json(name + " with a lone surrogate", at.apply("\"a\\ud800b\""), Set.of(400), "INVALID_UNICODE"));
                if (type.path("minLength").asInt(0) >= 1 && !type.has("pattern") && !type.has("format")) {
                    variants.add(json(name + " whitespace only", at.apply("\"   \""), Set.of(422), "VALIDATION_FAILED"));
                    variants.add(json(name + " Unicode blank", at.apply("\"\\u00a0\\u2003\\u200b\""), Set.of(422),
                            "VALIDATION_FAILED"));
                }
            }
            if (type.path("type").asText().equals("array")) {
                variants.add(json(name + " with a null item", at.apply("[null]"), Set.of(422), "VALIDATION_FAILED"));
                JsonNode items = SpecOperations.resolve(type.path("items"));
                if (items.path("type").asText().equals("string") && !items.has("enum")) {
                    variants.add(json(name + " item with a NUL character", at.apply("[\"a\\u0000b\"]"),
                            UNREADABLE_OR_INVALID, null));
                }
                valueVariants(items, name + "[0].", value -> at.apply("[" + value + "]"), depth + 1, variants);
            }
            if (type.has("properties")) {
                valueVariants(type, name + ".", at, depth + 1, variants);
            }
        }
    }

    private static void bodyVariants(JsonNode schema, List<Variant> variants) {
        valueVariants(schema, "", value -> value, 0, variants);
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        if (!required.isEmpty()) {
            variants.add(json("missing required " + required, "{}", UNREADABLE_OR_INVALID, null));
        }
        boolean megabyteSent = false;
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        String firstProperty = null;
        String firstValue = null;
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String name = property.getKey();
            JsonNode type = SpecOperations.resolve(property.getValue());
            if (firstProperty == null) {
                firstProperty = name;
                firstValue = wellTyped(type);
            }
            variants.add(json(name + " of the wrong type", object(name, wrongTyped(type)), UNREADABLE_OR_INVALID, null));
            if (type.has("enum")) {
                variants.add(json(name + " not in the enum", object(name, "\"NOT_A_KNOWN_VALUE\""),
                        UNREADABLE_OR_INVALID, null));
            }
            if (type.has("maximum")) {
                variants.add(json(name + " above its maximum", object(name, Long.toString(type.get("maximum").asLong() + 1)),
                        UNREADABLE_OR_INVALID, null));
            }
            if (type.has("minimum")) {
                variants.add(json(name + " below its minimum", object(name, Long.toString(type.get("minimum").asLong() - 1)),
                        UNREADABLE_OR_INVALID, null));
            }
            if (!megabyteSent && type.path("type").asText().equals("string") && !type.has("enum")) {
                variants.add(json(name + " a 1 MB string", object(name, "\"" + MEGABYTE + "\""), UNREADABLE_OR_INVALID, null));
                megabyteSent = true;
            }
        }
        String key = firstProperty == null ? "anything" : firstProperty;
        String value = firstValue == null ? "1" : firstValue;
        variants.add(json("duplicate key " + key, "{\"" + key + "\":" + value + ",\"" + key + "\":" + value + "}",
                Set.of(400), "MALFORMED_JSON"));
        variants.add(json("nested 5000 deep", "{\"" + key + "\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                UNREADABLE_OR_INVALID, null));
        ByteArrayOutputStream invalidUtf8 = new ByteArrayOutputStream();
        invalidUtf8.writeBytes(("{\"" + key + "\":\"").getBytes(StandardCharsets.UTF_8));
        invalidUtf8.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        invalidUtf8.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
        variants.add(new Variant("invalid UTF-8", "application/json", invalidUtf8.toByteArray(), "", Map.of(),
                Set.of(400), "MALFORMED_JSON"));
        for (String contentType : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
            variants.add(new Variant("sent as " + contentType, contentType, "{}".getBytes(StandardCharsets.UTF_8), "",
                    Map.of(), Set.of(415), "UNSUPPORTED_MEDIA_TYPE"));
        }
    }

    private static void parameterVariants(String name, String in, JsonNode schema, List<Variant> variants) {
        List<String> values = new ArrayList<>();
        String type = schema.path("type").asText();
        String format = schema.path("format").asText();
        if (type.equals("integer") || type.equals("number")) {
            values.add("abc");
            values.add("1.5e999");
        }
        if (type.equals("boolean")) {
            values.add("maybe");
        }
        if (format.equals("uuid") || format.equals("date") || format.equals("date-time")) {
            values.add("not-a-" + format);
        }
        if (schema.has("enum")) {
            values.add("NOT_A_KNOWN_VALUE");
        }
        if (schema.has("maximum")) {
            values.add(Long.toString(schema.get("maximum").asLong() + 1));
        }
        if (schema.has("minimum")) {
            values.add(Long.toString(schema.get("minimum").asLong() - 1));
        }
        if (schema.has("maxLength")) {
            values.add("x".repeat(schema.get("maxLength").asInt() + 1));
        }
        if (in.equals("query")) {
            values.add("");
            values.add("a\0b");
        }
        for (String value : values) {
            String label = in + " " + name + "=" + (value.length() > 20 ? value.substring(0, 20) + "…" : value).replace("\0", "\\0");
            if (in.equals("query")) {
                variants.add(new Variant(label, null, null, "?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8),
                        Map.of(), UNREADABLE_OR_INVALID, null));
            } else {
                variants.add(new Variant(label, null, null, "", Map.of(name, value), UNREADABLE_OR_INVALID, null));
            }
        }
    }

    /** Uploads: a part missing, an unknown kind, and files that are neither PDF nor DOCX whatever they claim. */
    private static void multipartVariants(List<Variant> variants) {
        String pdf = "%PDF-1.4\n%%EOF\n";
        variants.add(multipart("no file part", Set.of(422), "VALIDATION_FAILED", part("kind", null, "CV")));
        variants.add(multipart("no kind part", Set.of(422), "VALIDATION_FAILED", part("file", "cv.pdf", pdf)));
        variants.add(multipart("unknown kind", Set.of(422), "VALIDATION_FAILED", part("kind", null, "PHOTO"),
                part("file", "cv.pdf", pdf)));
        variants.add(multipart("empty file", Set.of(422), "VALIDATION_FAILED", part("kind", null, "CV"),
                part("file", "cv.pdf", "")));
        variants.add(multipart("HTML named .pdf", Set.of(415), "UNSUPPORTED_DOCUMENT", part("kind", null, "CV"),
                part("file", "cv.pdf", "<html><script>alert(1)</script></html>")));
        variants.add(multipart("script named .docx", Set.of(415), "UNSUPPORTED_DOCUMENT", part("kind", null, "CV"),
                part("file", "letter.docx", "#!/bin/sh\nrm -rf /\n")));
    }

    private static final String BOUNDARY = "regiopool-malformed";

    private static String part(String name, String fileName, String content) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"\r\nContent-Type: application/pdf")
                + "\r\n\r\n" + content + "\r\n";
    }

    private static Variant multipart(String name, Set<Integer> statuses, String code, String... parts) {
        String body = String.join("", parts) + "--" + BOUNDARY + "--\r\n";
        return new Variant(name, "multipart/form-data; boundary=" + BOUNDARY, body.getBytes(StandardCharsets.UTF_8), "",
                Map.of(), statuses, code);
    }

    private static Variant json(String name, String body, Set<Integer> statuses, String code) {
        return new Variant(name, "application/json", body.getBytes(StandardCharsets.UTF_8), "", Map.of(), statuses, code);
    }

    private static String object(String name, String value) {
        return "{\"" + name + "\":" + value + "}";
    }

    private static String wrongTyped(JsonNode schema) {
        return switch (schema.path("type").asText()) {
            case "string" -> "12345";
            case "integer", "number" -> "\"12\"";
            case "boolean" -> "\"true\"";
            case "array" -> "{\"not\":\"a list\"}";
            default -> "[\"not an object\"]";
        };
    }

    private static String wellTyped(JsonNode schema) {
        if (schema.has("enum")) {
            return "\"" + schema.get("enum").get(0).asText() + "\"";
        }
        return switch (schema.path("type").asText()) {
            case "string" -> switch (schema.path("format").asText()) {
                case "uuid" -> "\"" + java.util.UUID.randomUUID() + "\"";
                case "date" -> "\"2027-01-04\"";
                case "date-time" -> "\"2027-01-04T08:00:00+01:00\"";
                default -> "\"x\"";
            };
            case "integer", "number" -> schema.has("minimum") ? schema.get("minimum").asText() : "1";
            case "boolean" -> "true";
            case "array" -> "[]";
            default -> "{}";
        };
    }
}
