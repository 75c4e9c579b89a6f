package nl.regiopool.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far by this JVM (the server and the benchmark's client) and by the embedded PostgreSQL (its
 * postmaster, named in the data directory's postmaster.pid, and that process's children, the backends), from /proc:
 * CPU per request varies much less with the machine's load than latency.
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

    static Sample sample(Path postgresDataDirectory) {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
        long postgres = postmaster(postgresDataDirectory).map(pid -> ticks(pid) + ProcessHandle.of(pid).stream()
                .flatMap(ProcessHandle::descendants).mapToLong(child -> ticks(child.pid())).sum()).orElse(0L);
        return new Sample(jvm, Math.round(postgres * 1000 / TICKS_PER_SECOND));
    }

    private static java.util.Optional<Long> postmaster(Path dataDirectory) {
        try {
            return java.util.Optional.of(Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                    .get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
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
