package nl.regiopool;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.access.jetty.RequestLogImpl;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.regiopool.http.QuietRequestLogFactory;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.Test;

/** What a new user gets from a fresh clone: the shipped configuration, the SDK's front door, a quiet start. */
class ShippedSetUpTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theShippedConfigurationKeepsTheUnauthenticatedAdminPortOnThisMachine() throws Exception {
        RegiopoolConfiguration config = new YamlConfigurationFactory<>(RegiopoolConfiguration.class,
                Validators.newValidator(), Jackson.newObjectMapper(), "dw").build(new File(ROOT.resolve("config.yml").toString()));
        DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
        assertThat(server.getAdminConnectors()).isNotEmpty().allSatisfy(connector ->
                assertThat(((HttpConnectorFactory) connector).getBindHost()).isEqualTo("127.0.0.1"));
    }

    @Test
    void theSdkHasAReadmeWithItsRealMavenCoordinatesAndAFirstCall() throws Exception {
        Path readme = ROOT.resolve("client-sdk/README.md");
        assertThat(readme).exists();
        String text = Files.readString(readme);
        String pom = Files.readString(ROOT.resolve("client-sdk/pom.xml"));
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        assertThat(pom).contains("<artifactId>regiopool-client-sdk</artifactId>");
        assertThat(parent).contains("<groupId>nl.regiopool</groupId>", "<version>0.1.0-SNAPSHOT</version>");
        assertThat(text).contains("<groupId>nl.regiopool</groupId>", "<artifactId>regiopool-client-sdk</artifactId>",
                "<version>0.1.0-SNAPSHOT</version>", "Authorization", "Bearer", "new MembersApi(");
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("client-sdk/README.md");
    }

    @Test
    void theSpecSaysHowABreakIsApportionedOverSurchargeWindows() throws Exception {
        String spec = Files.readString(ROOT.resolve("api-spec/openapi.yaml"));
        String complete = spec.substring(spec.indexOf("operationId: completePlacement"));
        assertThat(complete.substring(0, complete.indexOf("x-roles"))).contains(
                "the break is\n        apportioned over the shift in proportion to elapsed time",
                "2.5 × 4 / 4.5 = 2 h 13 min 20 s");
        String window = spec.substring(spec.indexOf("    SurchargeWindowValue:"));
        assertThat(window.substring(0, window.indexOf("properties:"))).contains("apportioned over the shift in proportion");
    }

    @Test
    void theRequestLogStartsWithoutPrintingLogbacksStatus() {
        TestApp.baseUri();
        DefaultServerFactory server = (DefaultServerFactory) TestApp.APP.getConfiguration().getServerFactory();
        assertThat(server.getRequestLogFactory()).isInstanceOf(QuietRequestLogFactory.class);
        assertThat(((RequestLogImpl) new QuietRequestLogFactory(new LogbackAccessRequestLogFactory()).build("test"))
                .isQuiet()).isTrue();
    }
}
