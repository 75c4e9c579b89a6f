package nl.regiopool.ops;

import com.codahale.metrics.health.HealthCheck;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import nl.regiopool.db.Migrator;
import org.jdbi.v3.core.Jdbi;

/** Healthy when every changeset of the packaged changelog has been applied to the database. */
public final class MigrationState extends HealthCheck {

    private final Jdbi jdbi;
    private final Set<String> packaged;

    public MigrationState(Jdbi jdbi) {
        this(jdbi, packagedChangeSets());
    }

    /** {@code packaged}: the changesets to expect, as {@code author:id}. */
    MigrationState(Jdbi jdbi, Set<String> packaged) {
        this.jdbi = jdbi;
        this.packaged = Set.copyOf(packaged);
    }

    @Override
    protected Result check() {
        Set<String> missing = new TreeSet<>(packaged);
        missing.removeAll(jdbi.withHandle(MigrationDao::appliedChangeSets));
        if (!missing.isEmpty()) {
            return Result.unhealthy("%d of %d changesets not applied: %s", missing.size(), packaged.size(), missing);
        }
        return Result.healthy("all %d changesets applied", packaged.size());
    }

    static String key(String author, String id) {
        return author + ":" + id;
    }

    /** The changesets of the packaged changelog, as {@code author:id}. */
    static Set<String> packagedChangeSets() {
        try {
            ResourceAccessor resources = new ClassLoaderResourceAccessor();
            List<ChangeSet> changeSets = ChangeLogParserFactory.getInstance().getParser(Migrator.CHANGELOG, resources)
                    .parse(Migrator.CHANGELOG, new ChangeLogParameters(), resources).getChangeSets();
            Set<String> keys = new TreeSet<>();
            changeSets.forEach(changeSet -> keys.add(key(changeSet.getAuthor(), changeSet.getId())));
            return keys;
        } catch (Exception e) {
            throw new IllegalStateException("The packaged changelog " + Migrator.CHANGELOG + " cannot be read", e);
        }
    }
}
