package nl.regiopool.bench.region;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the execution samples of a JFR recording: how many samples ran in the code of each library (the
 * innermost frame outside the JDK, so a JDK collection called by Jackson counts as Jackson), the methods the samples
 * were taken in, and the share of samples that passed through each of our own methods.
 * <p>
 * Arguments: the {@code .jfr} file, and optionally a thread name prefix (only samples of those threads count).
 * Writes plain text to standard output.
 */
public final class JfrSummary {

    private static final int TOP = 20;

    private JfrSummary() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> byLibrary = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> through = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            if (args.length > 1 && (event.getThread("sampledThread") == null
                    || !String.valueOf(event.getThread("sampledThread").getJavaName()).startsWith(args[1]))) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            byLibrary.merge(library(frames), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String name = name(frame);
                if (name.startsWith("nl.regiopool.") && seen.add(name)) {
                    through.merge(name, 1, Integer::sum);
                }
            }
        }
        System.out.println("execution samples: " + samples);
        print("by library (innermost frame outside the JDK)", byLibrary, samples);
        print("methods the samples were taken in (self)", self, samples);
        print("our methods the samples passed through (total)", through, samples);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String library(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                String[] parts = type.split("\\.");
                return String.join(".", List.of(parts).subList(0, Math.min(3, parts.length - 1)));
            }
        }
        return "JDK only";
    }

    private static void print(String title, Map<String, Integer> counts, int samples) {
        System.out.println();
        System.out.println(title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP)
                .forEach(entry -> System.out.printf("%6.1f%%  %s%n", 100.0 * entry.getValue() / samples, entry.getKey()));
    }
}
