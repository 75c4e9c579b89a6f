package nl.regiopool.problem;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.tomcat.jdbc.pool.PoolExhaustedException;
import org.jdbi.v3.core.ConnectionException;

/** Reading PostgreSQL's SQLSTATEs out of whatever Jdbi wrapped them in. */
public final class DatabaseErrors {

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    public static final String EXCLUSION_VIOLATION = "23P01";
    public static final String CHECK_VIOLATION = "23514";
    public static final String QUERY_CANCELED = "57014";

    private DatabaseErrors() {
    }

    /** The database's own error: for a batch, the statement that failed rather than the batch around it. */
    public static SQLException sqlCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof BatchUpdateException batch && batch.getNextException() != null) {
                return batch.getNextException();
            }
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    public static boolean isSerializationFailure(SQLException sql) {
        return "40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState());
    }

    /**
     * The database cannot serve the request now: no connection (refused, lost, none free in the pool within its
     * wait, or a new one that failed the pool's validation query while the server restarts: a plain SQLException
     * without a state, which Jdbi wraps as it does every failure to get a connection), the server shutting down, or a
     * statement cancelled by {@code statement_timeout} (57014), which is our capacity problem, not the client's.
     */
    public static boolean isUnavailable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof PoolExhaustedException
                    || cause instanceof ConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")
                    || sql.getSQLState().equals(QUERY_CANCELED))) {
                return true;
            }
        }
        return false;
    }
}
