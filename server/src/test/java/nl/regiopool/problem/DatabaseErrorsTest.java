package nl.regiopool.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseErrorsTest {

    @Test
    void aNewConnectionThatFailsThePoolsValidationIsUnavailable() {
        // what tomcat-jdbc throws while PostgreSQL restarts: no SQLState, no cause
        SQLException validation = new SQLException("Validation Query Failed, enable logValidationErrors for more details.");
        assertThat(DatabaseErrors.isUnavailable(new ConnectionException(validation))).isTrue();
    }

    @Test
    void aConnectionLostOrRefusedIsUnavailable() {
        assertThat(DatabaseErrors.isUnavailable(new RuntimeException(new SQLException("terminating", "57P01")))).isTrue();
        assertThat(DatabaseErrors.isUnavailable(new RuntimeException(new SQLException("refused", "08001")))).isTrue();
    }

    @Test
    void aStatementThatFailsOnItsOwnIsNot() {
        assertThat(DatabaseErrors.isUnavailable(new SQLException("duplicate key", DatabaseErrors.UNIQUE_VIOLATION)))
                .isFalse();
        assertThat(DatabaseErrors.isUnavailable(new SQLException("no state"))).isFalse();
    }
}
