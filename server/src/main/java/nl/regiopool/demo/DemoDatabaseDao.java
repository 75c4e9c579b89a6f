package nl.regiopool.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The checks and the wipe the demo runs as the schema owner, before the application touches the data. */
final class DemoDatabaseDao {

    private DemoDatabaseDao() {
    }

    /** How many cooperatives the database holds (the cooperative table has no row-level security). */
    static int cooperatives(Connection owner) throws SQLException {
        try (Statement statement = owner.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM cooperative")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /**
     * Drops every table, function and grant the owner made, data and migration history included, so the schema
     * can be migrated afresh. The append-only audit log and closed settlements refuse DELETE and TRUNCATE even from
     * the owner; only dropping them removes them.
     */
    static void dropEverythingOwned(Connection owner) throws SQLException {
        try (Statement statement = owner.createStatement()) {
            statement.execute("DROP OWNED BY CURRENT_USER");
        }
    }
}
