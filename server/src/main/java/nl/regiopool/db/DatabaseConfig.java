package nl.regiopool.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Where the data lives. Without {@code url} the server starts an embedded PostgreSQL (a real
 * server, data kept in {@code embeddedDataDirectory}) and migrates it on start; with {@code url}
 * it uses that server, and {@code db migrate} runs the migrations explicitly.
 */
public class DatabaseConfig {

    private String url;

    @NotBlank
    private String user = "regiopool_app";

    private String password = "regiopool_app";

    @NotBlank
    private String ownerUser = "regiopool_owner";

    private String ownerPassword = "regiopool_owner";

    @NotBlank
    private String embeddedDataDirectory = "data/postgres";

    @Min(0)
    @Max(65535)
    private int embeddedPort = 54329;

    private Boolean migrateOnStart;

    private boolean embeddedDurable = true;

    @Min(1)
    @Max(500)
    private int maxConnections = 32;

    /** Longest a statement of the application may run; PostgreSQL cancels it after that (SQLSTATE 57014). */
    @NotNull
    private Duration statementTimeout = Duration.seconds(10);

    /** Longest a request waits for a pooled connection before it is answered 503. */
    @NotNull
    private Duration maxWaitForConnection = Duration.seconds(2);

    @JsonProperty
    public Duration getStatementTimeout() {
        return statementTimeout;
    }

    @JsonProperty
    public void setStatementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    @JsonProperty
    public Duration getMaxWaitForConnection() {
        return maxWaitForConnection;
    }

    @JsonProperty
    public void setMaxWaitForConnection(Duration maxWaitForConnection) {
        this.maxWaitForConnection = maxWaitForConnection;
    }

    @JsonProperty
    public String getUrl() {
        return url;
    }

    @JsonProperty
    public void setUrl(String url) {
        this.url = url;
    }

    public boolean isEmbedded() {
        return url == null || url.isBlank();
    }

    @JsonProperty
    public String getUser() {
        return user;
    }

    @JsonProperty
    public void setUser(String user) {
        this.user = user;
    }

    @JsonProperty
    public String getPassword() {
        return password;
    }

    @JsonProperty
    public void setPassword(String password) {
        this.password = password;
    }

    @JsonProperty
    public String getOwnerUser() {
        return ownerUser;
    }

    @JsonProperty
    public void setOwnerUser(String ownerUser) {
        this.ownerUser = ownerUser;
    }

    @JsonProperty
    public String getOwnerPassword() {
        return ownerPassword;
    }

    @JsonProperty
    public void setOwnerPassword(String ownerPassword) {
        this.ownerPassword = ownerPassword;
    }

    @JsonProperty
    public String getEmbeddedDataDirectory() {
        return embeddedDataDirectory;
    }

    @JsonProperty
    public void setEmbeddedDataDirectory(String embeddedDataDirectory) {
        this.embeddedDataDirectory = embeddedDataDirectory;
    }

    @JsonProperty
    public int getEmbeddedPort() {
        return embeddedPort;
    }

    @JsonProperty
    public void setEmbeddedPort(int embeddedPort) {
        this.embeddedPort = embeddedPort;
    }

    /**
     * Whether the embedded server waits for the WAL flush on commit (the library's own default does not,
     * which loses acknowledged commits when the database process crashes). Tests may switch it off.
     */
    @JsonProperty
    public boolean isEmbeddedDurable() {
        return embeddedDurable;
    }

    @JsonProperty
    public void setEmbeddedDurable(boolean embeddedDurable) {
        this.embeddedDurable = embeddedDurable;
    }

    /** Defaults to true for the embedded database and false for a configured one. */
    public boolean migratesOnStart() {
        return migrateOnStart != null ? migrateOnStart : isEmbedded();
    }

    @JsonProperty
    public void setMigrateOnStart(Boolean migrateOnStart) {
        this.migrateOnStart = migrateOnStart;
    }

    @JsonProperty
    public int getMaxConnections() {
        return maxConnections;
    }

    @JsonProperty
    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** The pool the application uses: the application role, subject to row-level security. */
    public DataSourceFactory applicationDataSource(String jdbcUrl) {
        DataSourceFactory factory = dataSource(jdbcUrl, user, password);
        factory.setMaxSize(maxConnections);
        factory.setMinSize(Math.min(4, maxConnections));
        factory.setInitialSize(Math.min(4, maxConnections));
        factory.setMaxWaitForConnection(maxWaitForConnection);
        // set per connection at login, so it holds for every statement the application runs
        factory.setProperties(Map.of("options", "-c statement_timeout=" + statementTimeout.toMilliseconds()));
        return factory;
    }

    /** Connections as the schema owner, for migrations only. */
    public DataSourceFactory ownerDataSource(String jdbcUrl) {
        DataSourceFactory factory = dataSource(jdbcUrl, ownerUser, ownerPassword);
        factory.setMaxSize(2);
        factory.setMinSize(1);
        factory.setInitialSize(1);
        return factory;
    }

    private static DataSourceFactory dataSource(String jdbcUrl, String user, String password) {
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setUrl(jdbcUrl);
        factory.setUser(user);
        factory.setPassword(password);
        factory.setValidationQuery("/* regiopool health */ SELECT 1");
        factory.setCheckConnectionOnBorrow(true);
        return factory;
    }
}
