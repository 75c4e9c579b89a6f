package nl.regiopool.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.RegiopoolConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code token} command run in-process, as {@code java -jar ... token} would run it. */
class TokenCommandTest {

    private static final String TENANT = "0190a1b2-0000-7000-8000-000000000001";
    private static final String MEMBER = "0190a1b2-0000-7000-8000-000000000002";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Optional<Throwable> run(String... arguments) {
        Bootstrap<RegiopoolConfiguration> bootstrap = new Bootstrap<>(new RegiopoolApplication());
        // not "dw.": the shared test app in this JVM keeps its own overrides in dw.* system properties
        bootstrap.setConfigurationFactoryFactory((klass, validator, mapper, prefix) ->
                new YamlConfigurationFactory<>(klass, validator, mapper, "token-command-test"));
        bootstrap.addCommand(new TokenCommand(new PrintStream(out, true, StandardCharsets.UTF_8)));
        Cli cli = new Cli(new JarLocation(RegiopoolApplication.class), bootstrap,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return cli.run(arguments);
    }

    /**
     * A dev configuration whose embedded data directory is the given path (absolute or relative); logging is left
     * alone, as the command would otherwise reconfigure the test JVM's logging.
     */
    private String config(String dataDirectory) throws IOException {
        Path file = dir.resolve("config.yml");
        Files.writeString(file, """
                database:
                  embeddedDataDirectory: %s
                logging:
                  type: external
                """.formatted(dataDirectory));
        return file.toString();
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutTheServersSecretItFailsNamingThePathAndMakesNone() throws IOException {
        Path secret = dir.resolve("data/dev-hmac-secret");

        Optional<Throwable> failure = run("token", "--role", "operator", config(dir.resolve("data/postgres").toString()));

        assertThat(failure).isPresent();
        assertThat(stderr()).contains("No dev token secret at " + secret);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(secret).doesNotExist();
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aRelativeDataDirectoryIsTakenFromTheWorkingDirectoryAsTheServerTakesIt() throws IOException {
        String relative = "target/token-command-test-" + UUID.randomUUID() + "/postgres";
        Path expected = Path.of(relative).toAbsolutePath().getParent().resolve("dev-hmac-secret");

        assertThat(run("token", "--role", "operator", config(relative))).isPresent();

        assertThat(stderr()).contains("No dev token secret at " + expected);
        assertThat(expected.getParent()).doesNotExist();
    }

    @Test
    void itSignsWithTheSecretTheServerMade() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/dev-hmac-secret"), "made-by-the-server-0123456789abcdef\n");

        Optional<Throwable> failure = run("token", "--role", "member", "--tenant", TENANT, "--member", MEMBER,
                config(dir.resolve("data/postgres").toString()));

        assertThat(failure).isEmpty();
        String token = out.toString(StandardCharsets.UTF_8).lines().reduce((first, second) -> second).orElseThrow();
        var verified = JWT.require(Algorithm.HMAC256("made-by-the-server-0123456789abcdef")).build().verify(token);
        assertThat(verified.getClaim("tenant").asString()).isEqualTo(TENANT);
        assertThat(verified.getClaim("member").asString()).isEqualTo(MEMBER);
        assertThat(verified.getClaim("roles").asList(String.class)).containsExactly("member");
    }

    @Test
    void aWorkerTokenNamesItsWorker() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/dev-hmac-secret"), "made-by-the-server-0123456789abcdef\n");
        String worker = "0190a1b2-0000-7000-8000-000000000003";

        Optional<Throwable> failure = run("token", "--role", "worker", "--tenant", TENANT, "--worker", worker,
                config(dir.resolve("data/postgres").toString()));

        assertThat(failure).isEmpty();
        String token = out.toString(StandardCharsets.UTF_8).lines().reduce((first, second) -> second).orElseThrow();
        var verified = JWT.require(Algorithm.HMAC256("made-by-the-server-0123456789abcdef")).build().verify(token);
        assertThat(verified.getClaim("tenant").asString()).isEqualTo(TENANT);
        assertThat(verified.getClaim("worker").asString()).isEqualTo(worker);
        assertThat(verified.getClaim("member").isMissing()).isTrue();
        assertThat(verified.getClaim("roles").asList(String.class)).containsExactly("worker");
    }

    @Test
    void aTokenIsRefusedWithoutTheScopeItsRoleNeeds() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/dev-hmac-secret"), "made-by-the-server-0123456789abcdef");
        String config = config(dir.resolve("data/postgres").toString());

        assertThat(run("token", "--role", "member", "--tenant", TENANT, config)).isPresent();
        assertThat(stderr()).contains("pass --member");
        assertThat(run("token", "--role", "coop_admin", config)).isPresent();
        assertThat(stderr()).contains("pass --tenant");
        assertThat(run("token", "--role", "auditor", config)).isPresent();
        assertThat(run("token", "--role", "worker", "--tenant", TENANT, config)).isPresent();
        assertThat(stderr()).contains("pass --worker");
        assertThat(run("token", "--role", "worker", "--tenant", TENANT, "--worker", "sanne", config)).isPresent();
        assertThat(stderr()).contains("--worker takes a UUID");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
