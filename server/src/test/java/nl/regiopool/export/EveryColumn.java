package nl.regiopool.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import nl.regiopool.testing.TestApp;

/** Searches the whole database, as its owner, for a person's data. */
final class EveryColumn {

    private EveryColumn() {
    }

    /** Every text, varchar, array and jsonb column of every table in the schema that holds the text: table.column. */
    static List<String> holding(String text) throws Exception {
        List<String> hits = new ArrayList<>();
        try (Connection db = TestApp.superuserConnection(); Statement statement = db.createStatement()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("""
                    SELECT table_name, column_name FROM information_schema.columns
                     WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json',
                                                                     'ARRAY', 'character')
                       AND table_name IN (SELECT table_name FROM information_schema.tables
                                           WHERE table_schema = 'public' AND table_type = 'BASE TABLE')""")) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            assertThat(columns).hasSizeGreaterThan(50);
            for (String[] column : columns) {
                String sql = "SELECT count(*) FROM \"" + column[0] + "\" WHERE \"" + column[1] + "\"::text ILIKE '%"
                        + text.replace("'", "''") + "%'";
                try (ResultSet rs = statement.executeQuery(sql)) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        hits.add(column[0] + "." + column[1]);
                    }
                }
            }
        }
        return hits;
    }
}
