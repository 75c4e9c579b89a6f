package nl.regiopool.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.RegiopoolConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code demo} command run in-process, as {@code java -jar ... demo config.yml} runs it, on an embedded database
 * of its own: it loads, refuses a database with data, reloads with {@code --reset}, and the server started afterwards
 * with the same configuration serves what it printed, with an intact audit chain.
 */
class DemoCommandTest {

    private static final Pattern COUNT = Pattern.compile("^  ([A-Za-z_.]+) +(\\d+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    private Optional<Throwable> run(String... arguments) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        RegiopoolApplication application = new RegiopoolApplication();
        Bootstrap<RegiopoolConfiguration> bootstrap = new Bootstrap<>(application);
        // not "dw.": the shared test app in this JVM keeps its own overrides in dw.* system properties
        bootstrap.setConfigurationFactoryFactory((klass, validator, mapper, prefix) ->
                new YamlConfigurationFactory<>(klass, validator, mapper, "demo-command-test"));
        bootstrap.addCommand(new DemoCommand(application, new PrintStream(out, true, StandardCharsets.UTF_8)));
        Cli cli = new Cli(new JarLocation(RegiopoolApplication.class), bootstrap,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return cli.run(arguments);
    }

    /** Logging as the shared test app configures it: unconfigured, logback would log every request at DEBUG. */
    private String config() throws IOException {
        Path file = dir.resolve("config.yml");
        Files.writeString(file, """
                server:
                  applicationConnectors: [{type: http, port: 0}]
                  adminConnectors: [{type: http, port: 0}]
                  requestLog: {appenders: []}
                database:
                  embeddedDataDirectory: %s
                  embeddedPort: 0
                  embeddedDurable: false
                auth:
                  issuer: regiopool-demo-test
                  audience: regiopool-api
                  algorithm: HS256
                logging:
                  level: WARN
                  loggers:
                    nl.regiopool: INFO
                  appenders:
                    - type: console
                      logFormat: "%%-5p [%%X{requestId}] %%c: %%m%%n%%rEx"
                """.formatted(dir.resolve("data/postgres")));
        return file.toString();
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private Map<String, Integer> printedCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        Matcher matcher = COUNT.matcher(stdout());
        while (matcher.find()) {
            counts.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
        }
        return counts;
    }

    private String printed(String variable) {
        Matcher matcher = Pattern.compile("^" + variable + "=(\\S+)$", Pattern.MULTILINE).matcher(stdout());
        assertThat(matcher.find()).as("%s= in %s", variable, stdout()).isTrue();
        return matcher.group(1);
    }

    /** Both loads build the same day's demo, even when midnight in Amsterdam falls between them. */
    @BeforeEach
    void pinTheDemosDay() {
        RegionLoader.clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    }

    @AfterEach
    void releaseTheDemosDay() {
        RegionLoader.clock = Clock.systemUTC();
    }

    @Test
    void loadsRefusesASecondLoadReloadsWithResetAndTheServerServesIt() throws Exception {
        String config = config();

        assertThat(run("demo", config)).as(err.toString(StandardCharsets.UTF_8)).isEmpty();
        Map<String, Integer> first = printedCounts();
        assertThat(stdout()).contains("audit chain intact", "/docs", "ADMIN=", "AUDITOR=", "MEMBER=", "WORKER=");
        assertThat(first).containsEntry("members", 25).containsEntry("workers", 300).containsEntry("pools", 4)
                .containsEntry("settlements.CLOSED", 1);
        for (String state : new String[] {"DRAFT", "PROPOSED", "ACTIVE", "ENDED", "TERMINATED", "CANCELLED"}) {
            assertThat(first.getOrDefault("agreements." + state, 0)).as(state).isPositive();
        }
        for (String state : new String[] {"PLANNED", "CONFIRMED", "COMPLETED", "CANCELLED", "NO_SHOW", "overridden"}) {
            assertThat(first.getOrDefault("placements." + state, 0)).as(state).isPositive();
        }

        Optional<Throwable> refused = run("demo", config);
        assertThat(refused).isPresent();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("already holds data (1 cooperative(s))", "demo --reset");
        assertThat(stdout()).doesNotContain("ADMIN=");

        assertThat(run("demo", "--reset", config)).as(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(printedCounts()).isEqualTo(first);
        String admin = printed("ADMIN");
        String worker = printed("WORKER");

        DropwizardTestSupport<RegiopoolConfiguration> server = new DropwizardTestSupport<>(RegiopoolApplication.class,
                config, "demo-command-test");
        server.before();
        try {
            String api = "http://127.0.0.1:" + server.getLocalPort();
            JsonNode verify = get(api + "/v1/audit-events/verify", admin);
            assertThat(verify.path("intact").asBoolean()).as(verify.toString()).isTrue();
            assertThat(get(api + "/v1/me/offers", worker).path("data").size()).isPositive();
            String url = ((RegiopoolApplication) server.getApplication()).databaseUrl();
            assertThat(databaseCounts(url)).isEqualTo(expectedDatabaseCounts(first));
        } finally {
            server.after();
        }
    }

    private static JsonNode get(String uri, String token) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(uri + " " + response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private static Map<String, Integer> expectedDatabaseCounts(Map<String, Integer> printed) {
        Map<String, Integer> expected = new TreeMap<>();
        printed.forEach((what, n) -> {
            if (what.startsWith("agreements.") || what.equals("members") || what.equals("workers")
                    || what.equals("pools") || what.equals("poolMemberships") || what.equals("homeShifts")
                    || what.equals("staffingRequests") || what.equals("offers") || what.equals("internshipOffers")
                    || what.equals("internshipApplicants") || what.equals("internshipShares")) {
                expected.put(what, n);
            }
        });
        expected.put("shifts", printed.entrySet().stream()
                .filter(e -> e.getKey().startsWith("placements.") && !e.getKey().equals("placements.overridden"))
                .mapToInt(Map.Entry::getValue).sum());
        expected.put("shifts.overridden", printed.get("placements.overridden"));
        return expected;
    }

    /** Counted as the superuser, which row-level security does not restrict. */
    private static Map<String, Integer> databaseCounts(String url) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            count(statement, counts, "members", "SELECT count(*) FROM member");
            count(statement, counts, "workers", "SELECT count(*) FROM worker");
            count(statement, counts, "pools", "SELECT count(*) FROM pool");
            count(statement, counts, "poolMemberships", "SELECT count(*) FROM pool_membership");
            count(statement, counts, "homeShifts", "SELECT count(*) FROM placement WHERE kind = 'HOME_SHIFT'");
            count(statement, counts, "shifts", "SELECT count(*) FROM placement WHERE kind = 'SHIFT'");
            count(statement, counts, "shifts.overridden",
                    "SELECT count(*) FROM placement WHERE kind = 'SHIFT' AND override_reason IS NOT NULL");
            count(statement, counts, "staffingRequests", "SELECT count(*) FROM staffing_request");
            count(statement, counts, "offers", "SELECT count(*) FROM offer");
            count(statement, counts, "internshipOffers", "SELECT count(*) FROM internship_offer");
            count(statement, counts, "internshipApplicants", "SELECT count(*) FROM internship_applicant");
            count(statement, counts, "internshipShares", "SELECT count(*) FROM internship_share");
            try (ResultSet rows = statement.executeQuery("SELECT status, count(*) FROM loan_agreement GROUP BY status")) {
                while (rows.next()) {
                    counts.put("agreements." + rows.getString(1), rows.getInt(2));
                }
            }
        }
        return counts;
    }

    private static void count(Statement statement, Map<String, Integer> counts, String what, String sql) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            counts.put(what, rows.getInt(1));
        }
    }
}
