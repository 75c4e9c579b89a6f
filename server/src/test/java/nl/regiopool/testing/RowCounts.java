package nl.regiopool.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts rows as the superuser (past row-level security), on one connection kept open: the tests that prove a
 * refused request wrote nothing count twice per request, thousands of times, and a new connection each time cost
 * more than the counting.
 */
final class RowCounts {
    private static Connection connection;
    private static PreparedStatement countQuery;

    private RowCounts() {
    }

    static synchronized Map<String, Long> ofEveryTable() throws SQLException {
        return withRetry(RowCounts::countEveryTable);
    }

    static synchronized long of(String table) throws SQLException {
        return withRetry(() -> {
            try (Statement statement = connection().createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private interface Count<T> {
        T run() throws SQLException;
    }

    private static <T> T withRetry(Count<T> count) throws SQLException {
        try {
            return count.run();
        } catch (SQLException e) {
            // the database may have been restarted under the kept connection (the outage tests do that)
            closeQuietly();
            return count.run();
        }
    }

    private static Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = TestApp.superuserConnection();
            countQuery = null;
        }
        return connection;
    }

    private static Map<String, Long> countEveryTable() throws SQLException {
        Connection kept = connection();
        if (countQuery == null) {
            countQuery = kept.prepareStatement(unionOfCounts(kept));
        }
        Map<String, Long> counts = new TreeMap<>();
        try (ResultSet rows = countQuery.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    private static String unionOfCounts(Connection kept) throws SQLException {
        StringBuilder union = new StringBuilder();
        try (Statement statement = kept.createStatement();
             ResultSet tables = statement.executeQuery(
                     // the sealer moves the chain head and signs checkpoints in the background, after earlier
                     // writes; a request's own events are counted in audit_event
                     "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                             + " AND tablename NOT IN ('audit_chain_head', 'audit_checkpoint') ORDER BY tablename")) {
            while (tables.next()) {
                String table = tables.getString(1);
                union.append(union.isEmpty() ? "" : " UNION ALL ")
                        .append("SELECT '").append(table).append("', count(*) FROM \"").append(table).append('"');
            }
        }
        return union.toString();
    }

    private static void closeQuietly() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // a broken connection has nothing left to close
        }
        connection = null;
    }
}
