package nl.regiopool.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import nl.regiopool.fault.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The docs page in a real browser against the shaded jar run with the shipped config.yml (only its ports moved),
 * as a newcomer meets it after README's "See it with data": {@code demo} loads the region, the server starts on
 * it, and the page loads without console errors, shows every tag of the contract, and "Try it out" with the
 * admin token {@code demo} printed, entered under Authorize, lists the demo's placements from this server.
 */
class DocsPageIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static ServerProcess server;
    private static DocsBrowser browser;
    private static String demoAdminToken;

    @BeforeAll
    static void start() throws Exception {
        server = new ServerProcess("docs");
        String[] ports = {"-Ddw.server.applicationConnectors[0].port=" + server.appPort,
            "-Ddw.server.adminConnectors[0].port=" + server.adminPort,
            "-Ddw.database.embeddedPort=" + server.databasePort};
        String demo = server.run("demo", ROOT.resolve("config.yml"), Duration.ofMinutes(5), ports);
        demoAdminToken = demo.lines().filter(line -> line.startsWith("ADMIN=")).map(line -> line.substring(6).trim())
                .findFirst().orElseThrow(() -> new AssertionError("demo printed no ADMIN= token: " + demo));
        server.start(ROOT.resolve("config.yml"), ports);
        browser = DocsBrowser.start();
        browser.open(server.uri("/"));
    }

    @AfterAll
    static void stop() throws Exception {
        try (ServerProcess stopped = server; DocsBrowser closed = browser) {
            // both closed, the browser first
        }
    }

    @AfterEach
    void noConsoleErrors() {
        assertThat(browser.consoleErrors()).as("the browser's console errors").isEmpty();
    }

    @Test
    void theRootOpensThePageWithEveryTagOfTheContract() throws Exception {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("api-spec/openapi.yaml").toFile());
        Set<String> tags = new LinkedHashSet<>();
        spec.get("tags").forEach(tag -> tags.add(tag.get("name").asText()));
        spec.get("paths").forEach(path -> path.forEach(operation -> operation.path("tags").forEach(tag -> tags.add(tag.asText()))));

        assertThat(browser.tags()).containsExactlyInAnyOrderElementsOf(tags);
    }

    @Test
    void tryItOutWithTheDemosAdminTokenListsTheDemosPlacements() {
        browser.authorize(demoAdminToken);

        DocsBrowser.Execution me = browser.tryOut("Me", "getMe", Map.of());
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).contains("\"coop_admin\"");

        DocsBrowser.Execution placements = browser.tryOut("Placements", "listPlacements", Map.of());
        assertThat(placements.status()).as(placements.body()).isEqualTo(200);
        assertThat(placements.body()).contains("\"borrowerMemberId\"").contains("\"nextCursor\"");
    }
}
