package nl.regiopool.db;

import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/** Runs the Liquibase changelog of the migrations module, connected as the schema owner. */
public final class Migrator {

    public static final String CHANGELOG = "db/changelog.xml";

    private Migrator() {
    }

    /**
     * Migrates to the latest changeset. Liquibase's progress ("Running Changeset: ...") and its update summary go to
     * its logger instead of standard output, so the {@code liquibase} logger level in the configuration governs them.
     */
    public static void migrate(DataSource ownerDataSource, String applicationRole) {
        try (Connection connection = ownerDataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database);
            liquibase.setChangeLogParameter("appRole", applicationRole);
            liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
            Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()),
                    () -> liquibase.update(new Contexts(), new LabelExpression()));
        } catch (Exception e) {
            throw new IllegalStateException("Database migration failed", e);
        }
    }
}
