package nl.regiopool.bench.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture {@code region-run/} holds the inputs of the region run recorded on 2026-11-25 (results lines
 * chosen to give its numbers), which is also the run the targets are measured against ({@code before.properties},
 * a copy of {@code bench/region/before.properties}), and {@code expected-section.md}: the section that run wrote
 * into BENCHMARKS.md, with the targets table the report has shown since. That run had no captures of the asOf
 * page with {@code vatEligible}, so the section has none.
 */
class RegionReportTest {

    private static final Path RUN = fixture("region-run");

    @Test
    void rendersTheRecordedRunAsItWasWritten() throws Exception {
        String expected = Files.readString(RUN.resolve("expected-section.md"));

        List<String> section = RegionReport.render(RUN);

        assertThat(String.join("\n", section) + "\n").isEqualTo(expected);
    }

    @Test
    void tableRowsRoundTiesToEvenAsPrintfDid() throws Exception {
        List<String> section = RegionReport.render(RUN);

        // p50 8250 µs is 8.25 ms: printf printed 8.2; req/s 22120.5 was printed 22120
        assertThat(section).contains(
                "| (a) API `GET /v1/placements?limit=50` (wrk) | 56113 | 1867 | 8.2 | 13.7 | 20.2 | 1.31 | 0.61 | 99% | 851 |",
                "| (b) bare Dropwizard endpoint, same page bytes (wrk) | 663878 | 22120 | 0.7 | 1.1 | 3.1 | 1.42 | n/a | 91% | 803 |");
    }

    @Test
    void takesTheLastResultsLineOfARun() throws Exception {
        assertThat(RegionReport.render(RUN)).contains("- (d) `GET /v1/audit-events/verify`, whole chain, three runs: "
                + "times=13.444795 11.796727 11.738849 rss_mib=865 body={\"intact\":true,\"checkedEvents\":1111150,"
                + "\"firstBrokenEventId\":null}");
    }

    @Test
    void dropsTheRolePrefixAndQueryTextFromCapturedLogs() throws Exception {
        List<String> section = RegionReport.render(RUN);

        assertThat(section).noneMatch(line -> line.startsWith("regiopool_app ") || line.startsWith("\tQuery Text"));
        assertThat(section).contains("LOG:  statement: BEGIN");
    }

    @Test
    void saysWhetherTheListGoalIsMet() throws Exception {
        assertThat(RegionReport.render(RUN)).anyMatch(line -> line.startsWith("- **(a) API / pgbench: 0.22** (goal ≥ 0.6: NOT met)"));
    }

    @Test
    void replacesOnlyTheRegionSectionOfTheReport(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("BENCHMARKS.md");
        String before = "# Benchmarks\n\n<!-- placements-create:begin -->\nplacements\n<!-- placements-create:end -->\n\n";
        String after = "\n\n<!-- other:begin -->\nother\n<!-- other:end -->\n";
        Files.writeString(report, before + "<!-- region:begin -->\nold numbers\n<!-- region:end -->" + after);

        RegionReport.main(new String[] {RUN.toString(), report.toString()});

        assertThat(Files.readString(report)).isEqualTo(before + "<!-- region:begin -->\n"
                + Files.readString(RUN.resolve("expected-section.md")) + "<!-- region:end -->" + after);
    }

    @Test
    void showsTheMemberViewPlanningWarmUpAndSettingsWhenTheRunRecordedThem(@TempDir Path dir) throws Exception {
        try (var files = Files.list(RUN)) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        Files.writeString(dir.resolve("results"), Files.readString(dir.resolve("results")).replace(
                "rss_mib=851", "rss_mib=851 warmup_s=95 jit_methods=14000") + String.join("\n",
                "api_list_member requests=30000 seconds=30 p50_us=1000 p90_us=2000 p99_us=3000 max_us=4000 non2xx=0"
                        + " socket_errors=0 server_cores=1.0 postgres_cores=0.5 machine_busy_pct=99 rss_mib=300"
                        + " warmup_s=30 jit_methods=14100",
                "pgbench_list_member requests=60000 seconds=30 p50_us=500 p90_us=900 p99_us=1500 max_us=4000 non2xx=0"
                        + " socket_errors=0 server_cores=n/a postgres_cores=n/a machine_busy_pct=100 rss_mib=-",
                "planning api_list plans_per_call=0.001",
                "planning pgbench_list plans_per_call=0.000", ""));
        Files.writeString(dir.resolve("facts"), Files.readString(dir.resolve("facts"))
                + "jvm_flags=-XX:MaxHeapSize=268435456 -XX:+UseSerialGC\n");
        Files.writeString(dir.resolve("postgres-settings"), "shared_buffers=524288 8kB\n");

        List<String> section = RegionReport.render(dir);

        assertThat(section).contains(
                "| (a) API `GET /v1/placements?limit=50` as a member (wrk) | 30000 | 1000 | 1.0 | 2.0 | 3.0 | 1.0 | 0.5 | 99% | 300 |",
                "- **(a) member view, API / pgbench: 0.50** (goal ≥ 0.6: NOT met; `bench/region/list-placements-member.sql`).",
                "- Plans per execution of the page query (pg_stat_statements.track_planning; 1 = planned on every request):"
                        + " api_list plans_per_call=0.001, pgbench_list plans_per_call=0.000.",
                "- Warm-up before each API run: load until a 15 s chunk compiled fewer than 20 new methods (jstat): list 95 s"
                        + " (14000 methods compiled), member list 30 s.",
                "Server JVM (`jcmd VM.flags`): `-XX:MaxHeapSize=268435456 -XX:+UseSerialGC`",
                "shared_buffers=524288 8kB");
    }

    @Test
    void formatsLikePrintf() {
        assertThat(RegionReport.fixed(8.25, 1)).isEqualTo("8.2");
        assertThat(RegionReport.fixed(8.75, 1)).isEqualTo("8.8");
        assertThat(RegionReport.fixed(3.85, 1)).isEqualTo("3.9");
        assertThat(RegionReport.fixed(1867.0, 0)).isEqualTo("1867");
        assertThat(RegionReport.fixed(0.2239, 2)).isEqualTo("0.22");
    }

    private static Path fixture(String name) {
        try {
            return Path.of(RegionReportTest.class.getResource("/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
