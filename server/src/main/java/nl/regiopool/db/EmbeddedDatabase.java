package nl.regiopool.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started in-process, its data kept in a local folder that survives
 * restarts. On start it makes sure the two roles and the database exist: the owner that runs
 * migrations, and the application role that owns nothing and cannot bypass row-level security.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    public static final String DATABASE_NAME = "regiopool";

    private final Path dataDirectory;
    private final boolean durable;
    private final int port;
    private EmbeddedPostgres postgres;

    private EmbeddedDatabase(Path dataDirectory, boolean durable, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.durable = durable;
        this.postgres = postgres;
        this.port = postgres.getPort();
    }

    public static EmbeddedDatabase start(DatabaseConfig config) {
        Path dataDirectory = Path.of(config.getEmbeddedDataDirectory()).toAbsolutePath();
        try {
            Files.createDirectories(dataDirectory.getParent());
            EmbeddedPostgres postgres = server(dataDirectory, config.getEmbeddedPort(), config.isEmbeddedDurable());
            LOG.info("Embedded PostgreSQL on port {}, data in {}", postgres.getPort(), dataDirectory);
            EmbeddedDatabase database = new EmbeddedDatabase(dataDirectory, config.isEmbeddedDurable(), postgres);
            database.createRolesAndDatabase(config);
            database.createExtensions();
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    private static EmbeddedPostgres server(Path dataDirectory, int port, boolean durable) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("timezone", "UTC")
                .setServerConfig("max_connections", "200")
                .setServerConfig("synchronous_commit", durable ? "on" : "off");
        String preload = System.getProperty("regiopool.embedded.preload");
        if (preload != null) {
            builder.setServerConfig("shared_preload_libraries", preload);
        }
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    /** Stops the server as an outage would; {@link #restart()} brings it back on the same port and data. */
    public synchronized void stop() {
        close();
    }

    public synchronized void restart() {
        try {
            postgres = server(dataDirectory, port, durable);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not restart the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE_NAME;
    }

    private void createRolesAndDatabase(DatabaseConfig config) {
        try (Connection superuser = postgres.getPostgresDatabase().getConnection();
             Statement statement = superuser.createStatement()) {
            if (!roleExists(superuser, config.getOwnerUser())) {
                statement.execute("CREATE ROLE " + identifier(config.getOwnerUser())
                        + " LOGIN NOSUPERUSER NOCREATEROLE NOBYPASSRLS PASSWORD " + literal(config.getOwnerPassword()));
            }
            if (!roleExists(superuser, config.getUser())) {
                statement.execute("CREATE ROLE " + identifier(config.getUser())
                        + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT PASSWORD "
                        + literal(config.getPassword()));
            }
            if (!databaseExists(superuser)) {
                statement.execute("CREATE DATABASE " + DATABASE_NAME + " OWNER " + identifier(config.getOwnerUser()));
            }
            statement.execute("GRANT CONNECT ON DATABASE " + DATABASE_NAME + " TO " + identifier(config.getUser()));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the Regiopool roles in the embedded PostgreSQL", e);
        }
    }

    /**
     * Extensions the migrations need but the schema owner may not create. On a configured database
     * the operator creates them as a superuser (see migrations/.../002-registry.sql).
     */
    private void createExtensions() {
        try (Connection superuser = postgres.getDatabase("postgres", DATABASE_NAME).getConnection();
             Statement statement = superuser.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS btree_gist");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the btree_gist extension in the embedded PostgreSQL", e);
        }
    }

    private static boolean roleExists(Connection connection, String role) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, role);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static boolean databaseExists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, DATABASE_NAME);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Database role names must be lower-case identifiers: " + name);
        }
        return name;
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public synchronized void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
