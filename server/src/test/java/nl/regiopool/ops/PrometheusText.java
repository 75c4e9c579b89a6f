package nl.regiopool.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4): every line is a {@code # HELP},
 * a {@code # TYPE} or a sample of a family whose type was declared before it; anything else is an error.
 */
final class PrometheusText {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{(.*)})? (\\S+)(?: -?\\d+)?");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final List<String> SUFFIXES = List.of("_total", "_created", "_count", "_sum", "_bucket", "_info");

    private final Map<String, String> types;
    private final List<Sample> samples;

    private PrometheusText(Map<String, String> types, List<Sample> samples) {
        this.types = types;
        this.samples = samples;
    }

    static PrometheusText parse(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("The exposition does not end with a line feed");
        }
        Map<String, String> types = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        int number = 0;
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            number++;
            Matcher help = HELP.matcher(line);
            Matcher type = TYPE.matcher(line);
            Matcher sample = SAMPLE.matcher(line);
            if (help.matches()) {
                continue;
            }
            if (type.matches()) {
                if (types.put(type.group(1), type.group(2)) != null) {
                    throw new IllegalArgumentException("Line " + number + " declares a type twice: " + line);
                }
            } else if (sample.matches()) {
                String name = sample.group(1);
                if (family(name, types) == null) {
                    throw new IllegalArgumentException("Line " + number + " has a sample of no declared family: " + line);
                }
                samples.add(new Sample(name, labels(sample.group(2) == null ? "" : sample.group(2), number),
                        value(sample.group(3), number)));
            } else {
                throw new IllegalArgumentException("Line " + number + " is not in the text format: " + line);
            }
        }
        return new PrometheusText(types, samples);
    }

    /** The declared type of a metric family. */
    String type(String family) {
        return types.get(family);
    }

    /** The value of the sample with exactly these labels (name, value, name, value, ...). */
    OptionalDouble find(String name, String... labels) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        List<Sample> found = samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(wanted)).toList();
        if (found.size() > 1) {
            throw new IllegalStateException("More than one sample " + name + wanted);
        }
        return found.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(found.get(0).value());
    }

    double value(String name, String... labels) {
        return find(name, labels).orElseThrow(() -> new AssertionError("No sample " + name + " " + List.of(labels)
                + " among " + samples.stream().filter(s -> s.name().startsWith("regiopool_")).toList()));
    }

    List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    private static String family(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : SUFFIXES) {
            if (sample.endsWith(suffix) && types.containsKey(sample.substring(0, sample.length() - suffix.length()))) {
                return sample.substring(0, sample.length() - suffix.length());
            }
        }
        return null;
    }

    private static Map<String, String> labels(String text, int number) {
        Map<String, String> labels = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            int equals = text.indexOf('=', i);
            if (equals < 0 || !LABEL_NAME.matcher(text.substring(i, equals)).matches()
                    || equals + 1 >= text.length() || text.charAt(equals + 1) != '"') {
                throw new IllegalArgumentException("Line " + number + " has a malformed label at " + text.substring(i));
            }
            String name = text.substring(i, equals);
            StringBuilder value = new StringBuilder();
            int j = equals + 2;
            while (true) {
                if (j >= text.length()) {
                    throw new IllegalArgumentException("Line " + number + " has an unterminated label value");
                }
                char c = text.charAt(j);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    char escaped = j + 1 < text.length() ? text.charAt(j + 1) : ' ';
                    switch (escaped) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw new IllegalArgumentException("Line " + number + " has a bad escape");
                    }
                    j += 2;
                } else {
                    value.append(c);
                    j++;
                }
            }
            if (labels.put(name, value.toString()) != null) {
                throw new IllegalArgumentException("Line " + number + " repeats label " + name);
            }
            i = j + 1;
            if (i < text.length()) {
                if (text.charAt(i) != ',') {
                    throw new IllegalArgumentException("Line " + number + " lacks a comma between labels");
                }
                i++;
            }
        }
        return labels;
    }

    private static double value(String text, int number) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Line " + number + " has no number: " + text);
                }
            }
        };
    }
}
