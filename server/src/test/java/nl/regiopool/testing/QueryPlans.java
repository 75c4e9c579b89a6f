package nl.regiopool.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import nl.regiopool.RegiopoolConfiguration;
import nl.regiopool.db.JdbiSettings;
import nl.regiopool.tenancy.Transactions;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGConnection;

/**
 * Runs the application's own reads as the application role, under row-level security, and returns the plans
 * PostgreSQL executed with the buffers each read ({@code auto_explain}, its log lines sent to this client).
 */
public final class QueryPlans {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryPlans() {
    }

    /** What {@code work} returned, and the plans of the statements of its last run. */
    public record Run<T>(T result, List<JsonNode> plans) {

        /** Shared buffers the statements hit or read, in all. */
        public long buffers() {
            return plans.stream().mapToLong(plan -> plan.path("Plan").path("Shared Hit Blocks").asLong()
                    + plan.path("Plan").path("Shared Read Blocks").asLong()).sum();
        }

        @Override
        public String toString() {
            return buffers() + " buffers: " + plans;
        }
    }

    /**
     * Runs {@code work} planned for its values and planned generically (three times each, its statements prepared on
     * the server as the pool's connections have them once warm), and keeps the last run of the mode whose statements
     * read more.
     */
    public static <T> Run<T> run(Function<Transactions, T> work) throws SQLException {
        Run<T> custom = run(work, "force_custom_plan");
        Run<T> generic = run(work, "force_generic_plan");
        return generic.buffers() > custom.buffers() ? generic : custom;
    }

    private static <T> Run<T> run(Function<Transactions, T> work, String planCacheMode) throws SQLException {
        RegiopoolConfiguration config = TestApp.APP.getConfiguration();
        try (Connection connection = TestApp.superuserConnection()) {
            try (Statement setup = connection.createStatement()) {
                setup.execute("LOAD 'auto_explain'");
                setup.execute("SET auto_explain.log_min_duration = 0");
                setup.execute("SET auto_explain.log_analyze = on");
                setup.execute("SET auto_explain.log_buffers = on");
                setup.execute("SET auto_explain.log_timing = off");
                setup.execute("SET auto_explain.log_format = json");
                setup.execute("SET client_min_messages = log");
                setup.execute("SET plan_cache_mode = " + planCacheMode);
            }
            try (PreparedStatement role = connection.prepareStatement("SELECT set_config('role', ?, false)")) {
                role.setString(1, config.getDatabase().getUser());
                role.execute();
            }
            connection.unwrap(PGConnection.class).setPrepareThreshold(1);
            List<JsonNode> plans = new ArrayList<>();
            Jdbi jdbi = JdbiSettings.apply(Jdbi.create(connection));
            jdbi.addCustomizer(new StatementCustomizer() {
                @Override
                public void afterExecution(PreparedStatement statement, StatementContext context) throws SQLException {
                    for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
                        String message = warning.getMessage();
                        int plan = message.indexOf("plan:");
                        if (plan >= 0) {
                            try {
                                plans.add(JSON.readTree(message.substring(message.indexOf('{', plan))));
                            } catch (IOException e) {
                                throw new SQLException("an auto_explain line that is not JSON: " + message, e);
                            }
                        }
                    }
                }
            });
            Transactions transactions = new Transactions(jdbi);
            T result = null;
            for (int run = 0; run < 3; run++) {
                plans.clear();
                result = work.apply(transactions);
            }
            return new Run<>(result, List.copyOf(plans));
        }
    }
}
