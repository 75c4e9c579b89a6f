package nl.regiopool.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGStatement;

/**
 * Sends the statement unnamed, so PostgreSQL plans it for its values and the table as it is now, on every
 * execution, instead of settling on a generic plan after five.
 */
public enum PlannedEachTime implements StatementCustomizer {
    INSTANCE;

    @Override
    public void beforeExecution(PreparedStatement statement, StatementContext context) throws SQLException {
        statement.unwrap(PGStatement.class).setPrepareThreshold(0);
    }
}
