package nl.regiopool.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;

/** Runs the Liquibase changelog of the migrations module, connected as the schema owner. */
public final class Migrator {

    public static final String CHANGELOG = "db/changelog.xml";

    private Migrator() {
    }

    public static void migrate(DataSource ownerDataSource, String applicationRole) {
        try (Connection connection = ownerDataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database);
            liquibase.setChangeLogParameter("appRole", applicationRole);
            liquibase.update(new Contexts(), new LabelExpression());
        } catch (SQLException | LiquibaseException e) {
            throw new IllegalStateException("Database migration failed", e);
        }
    }
}
