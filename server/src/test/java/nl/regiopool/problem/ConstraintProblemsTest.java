package nl.regiopool.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import nl.regiopool.testing.TestApp;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

class ConstraintProblemsTest {

    /** A refusal as PostgreSQL sends it: severity, SQLSTATE and the constraint's name. */
    private static Throwable refusal(String sqlState, String constraint) {
        PSQLException psql = new PSQLException(new ServerErrorMessage(
                "SERROR\0C" + sqlState + "\0Mrefused\0n" + constraint + "\0"));
        return new UnableToExecuteStatementException(psql, null);
    }

    @Test
    void aNamedUniqueConstraintIsItsConflict() {
        ProblemException problem = ConstraintProblems.of(refusal("23505", "pool_name_unique")).orElseThrow();
        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.code()).isEqualTo("POOL_NAME_TAKEN");
    }

    @Test
    void aNamedExclusionConstraintIsItsConflict() {
        assertThat(ConstraintProblems.of(refusal("23P01", "placement_no_overlap")).orElseThrow().code())
                .isEqualTo("PLACEMENT_OVERLAP");
    }

    @Test
    void anUnnamedUniqueConstraintIsNoConflict() {
        assertThat(ConstraintProblems.of(refusal("23505", "cooperative_some_new_unique"))).isEmpty();
    }

    @Test
    void aCheckConstraintIsAProblemOnlyWhenTheTableNamesIt() {
        assertThat(ConstraintProblems.of(refusal("23514", "pool_name_not_blank"))).isEmpty();
        assertThat(ConstraintProblems.of(refusal("23514", "internship_offer_places_available")))
                .hasValueSatisfying(problem -> assertThat(problem.code()).isEqualTo("OFFER_FULL"));
    }

    @Test
    void anErrorWithoutSqlIsNoConflict() {
        assertThat(ConstraintProblems.of(new IllegalStateException("no database here"))).isEmpty();
    }

    @Test
    void everyConstraintInTheTableExistsInTheSchema() throws SQLException {
        TestApp.baseUri();
        Set<String> present = new HashSet<>();
        try (Connection connection = TestApp.superuserConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                     UNION SELECT indexname FROM pg_indexes WHERE schemaname = 'public'""");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                present.add(rows.getString(1));
            }
        }
        assertThat(present).containsAll(ConstraintProblems.constraintNames());
    }
}
