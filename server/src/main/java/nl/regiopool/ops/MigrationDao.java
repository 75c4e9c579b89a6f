package nl.regiopool.ops;

import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

final class MigrationDao {

    private MigrationDao() {
    }

    /** The applied changesets as {@code author:id}. */
    static Set<String> appliedChangeSets(Handle handle) {
        return new TreeSet<>(handle.createQuery("SELECT author, id FROM databasechangelog")
                .map((rows, context) -> MigrationState.key(rows.getString("author"), rows.getString("id"))).list());
    }
}
