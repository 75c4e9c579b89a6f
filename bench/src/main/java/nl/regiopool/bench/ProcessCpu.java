package nl.regiopool.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far by this JVM (the server and the benchmark's client) and by its child processes (the embedded
 * PostgreSQL and its backends), from /proc: CPU per request varies much less with the machine's load than latency.
 */
final class ProcessCpu {

    /** Clock ticks per second of /proc/[pid]/stat (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;

    record Sample(long jvmMillis, long postgresMillis) {
        Sample minus(Sample earlier) {
            return new Sample(jvmMillis - earlier.jvmMillis, postgresMillis - earlier.postgresMillis);
        }
    }

    private ProcessCpu() {
    }

    static Sample sample() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
        long postgres = ProcessHandle.current().descendants().mapToLong(child -> ticks(child.pid())).sum();
        return new Sample(jvm, Math.round(postgres * 1000 / TICKS_PER_SECOND));
    }

    /** utime + stime of a process (its exited children are not counted); 0 when it is gone or not on Linux. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
