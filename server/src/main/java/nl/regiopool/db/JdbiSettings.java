package nl.regiopool.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ReflectionMappers;
import org.jdbi.v3.core.statement.NoTemplateEngine;
import org.jdbi.v3.postgres.PostgresPlugin;

/** How the application's Jdbi makes, binds and maps statements. */
public final class JdbiSettings {

    private JdbiSettings() {
    }

    public static Jdbi apply(Jdbi jdbi) {
        jdbi.installPlugin(new PostgresPlugin());
        // Our SQL uses no <attribute> templates. Dropwizard's NamePrependingTemplateEngine (it names SqlObject
        // methods, of which there are none here) skips Jdbi's parse cache, so ANTLR lexed every statement on every
        // execution: a fifth of the CPU of a placement list request.
        jdbi.setTemplateEngine(new NoTemplateEngine());
        // Rows are mapped by column name; a selected column that no constructor parameter takes is a mistake.
        jdbi.getConfig(ReflectionMappers.class).setStrictMatching(true);
        return jdbi;
    }
}
