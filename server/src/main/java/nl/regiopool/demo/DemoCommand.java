package nl.regiopool.demo;

import ch.qos.logback.classic.Level;
import io.dropwizard.core.cli.EnvironmentCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.ExternalLoggingFactory;
import io.dropwizard.core.cli.Cli;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.RegiopoolConfiguration;
import nl.regiopool.auth.AuthConfig;
import nl.regiopool.auth.TokenIssuer;
import nl.regiopool.db.DatabaseConfig;
import nl.regiopool.db.EmbeddedDatabase;
import nl.regiopool.db.Migrator;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code demo [--reset] config.yml}: loads the demo region into the configured (or embedded) database through the
 * API, on a private loopback port, then stops; {@code server config.yml} afterwards serves it (the embedded
 * database keeps its data directory). A database that holds a cooperative is left alone unless {@code --reset}
 * says to drop everything in it first.
 */
public final class DemoCommand extends EnvironmentCommand<RegiopoolConfiguration> {

    private static final int LOAD_THREADS = 4;

    private final RegiopoolApplication application;
    private final PrintStream out;
    private int publicPort;
    private String publicHost;

    public DemoCommand(RegiopoolApplication application) {
        this(application, System.out);
    }

    DemoCommand(RegiopoolApplication application, PrintStream out) {
        super(application, "demo", "Loads a demo region (Zorgpool Achterhoek) into an empty database");
        this.application = application;
        this.out = out;
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--reset").dest("reset").action(Arguments.storeTrue())
                .help("drop everything in the database (every cooperative, the audit log) before loading");
    }

    @Override
    protected void run(Bootstrap<RegiopoolConfiguration> bootstrap, Namespace namespace,
                       RegiopoolConfiguration configuration) throws Exception {
        if (configuration.getAuth().getAlgorithm() != AuthConfig.Algorithm.HS256) {
            throw new IllegalStateException("The demo signs its own HS256 dev tokens; this configuration uses "
                    + configuration.getAuth().getAlgorithm() + ". Run it with the dev profile (auth.algorithm: HS256).");
        }
        rememberPublicAddress(configuration);
        loadOnPrivatePorts(configuration);
        if (!(configuration.getLoggingFactory() instanceof ExternalLoggingFactory)) {
            // thousands of requests: the server's own start-up and request lines would bury the report
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        }
        super.run(bootstrap, namespace, configuration);
    }

    @Override
    protected void run(Environment environment, Namespace namespace, RegiopoolConfiguration configuration)
            throws Exception {
        try {
            prepareDatabase(configuration.getDatabase(), Boolean.TRUE.equals(namespace.getBoolean("reset")));
        } catch (RuntimeException | SQLException e) {
            // the server never started, so its lifecycle will not stop the embedded database (or free its folder)
            application.embeddedDatabase().ifPresent(EmbeddedDatabase::close);
            throw e;
        }
        Server server = configuration.getServerFactory().build(environment);
        long started = System.nanoTime();
        server.start();
        try (Parallel parallel = new Parallel(LOAD_THREADS)) {
            DemoTokens tokens = new DemoTokens(new TokenIssuer(configuration.getAuth()));
            DemoApi api = new DemoApi(environment.getObjectMapper(), "http://127.0.0.1:" + applicationPort(server));
            DemoRegion region = new RegionLoader(api, tokens, parallel,
                    () -> application.agreementExpiry().runOnce()).load();
            boolean intact = api.get(tokens.admin(region.tenantId()), "/v1/audit-events/verify")
                    .body().path("intact").asBoolean();
            if (!intact) {
                throw new IllegalStateException("The demo loaded, but the audit chain does not verify.");
            }
            report(region, tokens, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            server.stop();
        }
    }

    /** A refusal is a sentence for the user, not a stack trace. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof IllegalStateException) {
            cli.getStdErr().println(e.getMessage());
        } else if (e instanceof java.io.UncheckedIOException) {
            // typically the embedded database: a server of the same configuration still runs on it
            cli.getStdErr().println(e.getMessage() + ": " + e.getCause().getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }

    private void rememberPublicAddress(RegiopoolConfiguration configuration) {
        publicPort = 8080;
        publicHost = "localhost";
        if (configuration.getServerFactory() instanceof DefaultServerFactory server
                && !server.getApplicationConnectors().isEmpty()
                && server.getApplicationConnectors().get(0) instanceof HttpConnectorFactory http) {
            publicPort = http.getPort();
        }
    }

    /** The load runs the whole server, on ports of its own on loopback, so a running server is not disturbed. */
    private static void loadOnPrivatePorts(RegiopoolConfiguration configuration) {
        if (!(configuration.getServerFactory() instanceof DefaultServerFactory server)) {
            throw new IllegalStateException("The demo needs the default server factory (server.type: default).");
        }
        HttpConnectorFactory application = new HttpConnectorFactory();
        application.setBindHost("127.0.0.1");
        application.setPort(0);
        HttpConnectorFactory admin = new HttpConnectorFactory();
        admin.setBindHost("127.0.0.1");
        admin.setPort(0);
        server.setApplicationConnectors(List.<ConnectorFactory>of(application));
        server.setAdminConnectors(List.<ConnectorFactory>of(admin));
        server.setRequestLogFactory(new io.dropwizard.request.logging.LogbackAccessRequestLogFactory() {
            {
                setAppenders(List.of());
            }
        });
        configuration.getHttp().setRequestsPerSecond(1_000_000);
        configuration.getHttp().setBurst(1_000_000);
    }

    private void prepareDatabase(DatabaseConfig database, boolean reset) throws SQLException {
        String url = application.databaseUrl();
        try (Connection owner = DriverManager.getConnection(url, database.getOwnerUser(), database.getOwnerPassword())) {
            int cooperatives;
            try {
                cooperatives = DemoDatabaseDao.cooperatives(owner);
            } catch (SQLException e) {
                throw new IllegalStateException("The database at " + url + " is not migrated (" + e.getMessage()
                        + "). Run db migrate first.");
            }
            if (cooperatives == 0) {
                return;
            }
            if (!reset) {
                throw new IllegalStateException("The database at " + url + " already holds data (" + cooperatives
                        + " cooperative(s)); the demo loads only into an empty one. Run demo --reset to delete "
                        + "everything in it, the audit log included, and load the demo.");
            }
            DemoDatabaseDao.dropEverythingOwned(owner);
        }
        PGSimpleDataSource owner = new PGSimpleDataSource();
        owner.setURL(url);
        owner.setUser(database.getOwnerUser());
        owner.setPassword(database.getOwnerPassword());
        Migrator.migrate(owner, database.getUser());
    }

    private static int applicationPort(Server server) {
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof ServerConnector http && "application".equals(connector.getName())) {
                return http.getLocalPort();
            }
        }
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    private void report(DemoRegion region, DemoTokens tokens, Duration took) {
        out.printf("Loaded %s in %d s (audit chain intact):%n", RegionPlan.COOPERATIVE, took.toSeconds());
        new TreeMap<>(region.counts()).forEach((what, n) -> out.printf("  %-26s %d%n", what, n));
        UUID tenant = region.tenantId();
        out.println();
        out.println("Start the server with the same configuration and open the docs page:");
        out.println("  java -jar server/target/regiopool-server.jar server <config.yml>");
        out.printf("  http://%s:%d/docs%n", publicHost, publicPort);
        out.printf("Tokens, valid %d days (paste one into the page's Authorize field):%n",
                DemoTokens.PRINTED_LIFETIME.toDays());
        out.println("ADMIN=" + tokens.printed("coop_admin", tenant, null, null));
        out.println("AUDITOR=" + tokens.printed("auditor", tenant, null, null));
        out.println("MEMBER=" + tokens.printed("member", tenant, region.memberId(), null));
        out.println("WORKER=" + tokens.printed("worker", tenant, null, region.workerId()));
    }
}
