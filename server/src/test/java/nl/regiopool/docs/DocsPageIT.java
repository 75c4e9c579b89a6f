package nl.regiopool.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.regiopool.auth.AuthConfig;
import nl.regiopool.auth.TokenIssuer;
import nl.regiopool.fault.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The docs page in a real browser against the shaded jar run with the shipped config.yml (only its ports moved),
 * as a newcomer meets it: it loads without console errors, shows every tag of the contract, and "Try it out" with
 * a token entered under Authorize calls this server.
 */
class DocsPageIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static ServerProcess server;
    private static DocsBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        server = new ServerProcess("docs");
        server.start(ROOT.resolve("config.yml"), "-Ddw.server.applicationConnectors[0].port=" + server.appPort,
                "-Ddw.server.adminConnectors[0].port=" + server.adminPort,
                "-Ddw.database.embeddedPort=" + server.databasePort);
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
    void tryItOutSendsTheAuthorizedTokenToThisServer() throws Exception {
        String operator = new TokenIssuer(devAuth()).issue("docs-page", List.of("operator"), null, null);
        browser.authorize(operator);

        DocsBrowser.Execution me = browser.tryOut("Me", "getMe", Map.of());

        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).contains("\"operator\"");
    }

    /** The dev token settings of config.yml, with the secret the server made in its home on first start. */
    private static AuthConfig devAuth() throws Exception {
        AuthConfig auth = new AuthConfig();
        auth.setIssuer("regiopool-dev");
        auth.setAudience("regiopool-api");
        auth.setHmacSecret(Files.readString(server.home.resolve("data/dev-hmac-secret"), StandardCharsets.US_ASCII).trim());
        return auth;
    }
}
