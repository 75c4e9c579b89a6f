package nl.regiopool.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import liquibase.Scope;
import liquibase.ui.ConsoleUIService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

class MigratorTest {

    @TempDir
    Path dir;

    @Test
    void migratingPrintsNothingToTheConsoleButLogsThroughTheLiquibaseLogger() throws Exception {
        DatabaseConfig config = new DatabaseConfig();
        config.setEmbeddedDataDirectory(dir.resolve("postgres").toString());
        config.setEmbeddedPort(0);
        config.setEmbeddedDurable(false);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ConsoleUIService consoleUi = new ConsoleUIService();
        consoleUi.setOutputStream(new PrintStream(console, true, StandardCharsets.UTF_8));

        try (EmbeddedDatabase database = EmbeddedDatabase.start(config)) {
            PGSimpleDataSource owner = new PGSimpleDataSource();
            owner.setURL(database.jdbcUrl());
            owner.setUser(config.getOwnerUser());
            owner.setPassword(config.getOwnerPassword());
            ByteArrayOutputStream standardOut = new ByteArrayOutputStream();
            PrintStream original = System.out;
            System.setOut(new PrintStream(standardOut, true, StandardCharsets.UTF_8));
            try {
                Scope.child(Map.of(Scope.Attr.ui.name(), consoleUi), () -> Migrator.migrate(owner, config.getUser()));
            } finally {
                System.setOut(original);
            }

            assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("Running Changeset", "UPDATE SUMMARY");
            // log lines (through logback's console appender, when the JVM's logging writes there) are fine;
            // Liquibase's own lines written straight to standard output are not
            assertThat(standardOut.toString(StandardCharsets.UTF_8).lines())
                    .noneMatch(line -> line.startsWith("Running Changeset") || line.equals("UPDATE SUMMARY"));
            try (Connection connection = owner.getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM databasechangelog")) {
                rows.next();
                assertThat(rows.getInt(1)).isGreaterThan(10);
            }
        }
    }
}
