package nl.regiopool.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import nl.regiopool.client.model.Member;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The database alone keeps tenants apart: queries here have no WHERE clause on tenant_id. */
class RowLevelSecurityTest extends ApiTest {

    private static UUID tenantA;
    private static UUID tenantB;
    private static Member memberOfA;

    @BeforeAll
    static void twoCooperatives() throws Exception {
        tenantA = newCooperative();
        tenantB = newCooperative();
        memberOfA = newMember(tenantA, "Van A");
        newMember(tenantB, "Van B");
        newMember(tenantB, "Ook van B");
    }

    @Test
    void theApplicationRoleSeesNothingWithoutATenant() throws SQLException {
        try (Connection app = TestApp.applicationConnection()) {
            assertThat(count(app, "member")).isZero();
            assertThat(count(app, "audit_event")).isZero();
            assertThat(count(app, "idempotency_key")).isZero();
        }
        assertThat(rowCount("member")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theApplicationRoleSeesOnlyTheBoundTenantsRows() throws SQLException {
        try (Connection app = TestApp.applicationConnection()) {
            app.setAutoCommit(false);
            bind(app, tenantB);
            assertThat(count(app, "member")).isEqualTo(2);
            try (Statement statement = app.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT DISTINCT tenant_id FROM member")) {
                rows.next();
                assertThat(rows.getObject(1)).isEqualTo(tenantB);
                assertThat(rows.next()).isFalse();
            }
            app.commit();
            // the binding is transaction-local: the next transaction starts without a tenant
            assertThat(count(app, "member")).isZero();
            app.commit();
        }
    }

    @Test
    void theApplicationRoleCannotWriteIntoAnotherTenant() throws SQLException {
        try (Connection app = TestApp.applicationConnection()) {
            app.setAutoCommit(false);
            bind(app, tenantB);
            try (PreparedStatement insert = app.prepareStatement("""
                    INSERT INTO member (tenant_id, id, name, kvk_number, sector, postcode, iban, joined_on)
                    VALUES (?, ?, 'Indringer', '99999999', 'OTHER', '1234 AB', 'NL91ABNA0417164300', current_date)""")) {
                insert.setObject(1, tenantA);
                insert.setObject(2, UUID.randomUUID());
                assertThatThrownBy(insert::executeUpdate).hasMessageContaining("row-level security");
            }
            app.rollback();
            bind(app, tenantB);
            try (PreparedStatement update = app.prepareStatement("UPDATE member SET name = 'Gekaapt' WHERE id = ?")) {
                update.setObject(1, memberOfA.getId());
                assertThat(update.executeUpdate()).isZero();
            }
            app.rollback();
        }
    }

    @Test
    void theApplicationRoleOwnsNothingAndCannotBypassRowLevelSecurity() throws SQLException {
        try (Connection app = TestApp.applicationConnection();
             Statement statement = app.createStatement()) {
            try (ResultSet role = statement.executeQuery(
                    "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user")) {
                role.next();
                for (int column = 1; column <= 4; column++) {
                    assertThat(role.getBoolean(column)).isFalse();
                }
            }
            try (ResultSet owned = statement.executeQuery(
                    "SELECT count(*) FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)")) {
                owned.next();
                assertThat(owned.getLong(1)).isZero();
            }
            try (ResultSet unprotected = statement.executeQuery("""
                    SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
                    WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
                      AND NOT (c.relrowsecurity AND c.relforcerowsecurity)""")) {
                assertThat(unprotected.next()).as("every table with tenant_id has RLS enabled and forced").isFalse();
            }
        }
    }

    @Test
    void auditRowsCannotBeChangedOrDeletedByTheApplicationRole() throws SQLException {
        try (Connection app = TestApp.applicationConnection()) {
            app.setAutoCommit(false);
            bind(app, tenantA);
            assertThat(count(app, "audit_event")).isGreaterThan(0);
            try (Statement statement = app.createStatement()) {
                assertThatThrownBy(() -> statement.executeUpdate("UPDATE audit_event SET action = 'x'"))
                        .hasMessageContaining("permission denied");
            }
            app.rollback();
            bind(app, tenantA);
            try (Statement statement = app.createStatement()) {
                assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit_event"))
                        .hasMessageContaining("permission denied");
            }
            app.rollback();
            bind(app, tenantA);
            try (Statement statement = app.createStatement()) {
                assertThatThrownBy(() -> statement.executeUpdate("UPDATE audit_event SET hash = repeat('a', 64)"))
                        .as("a sealed event is never sealed again").hasMessageContaining("append-only");
            }
            app.rollback();
        }
        // and even the owner is stopped by the trigger
        try (Connection superuser = TestApp.superuserConnection(); Statement statement = superuser.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit_event"))
                    .hasMessageContaining("append-only");
        }
    }

    private static void bind(Connection connection, UUID tenant) throws SQLException {
        try (PreparedStatement bind = connection.prepareStatement("SELECT set_config('regiopool.tenant_id', ?, true)")) {
            bind.setString(1, tenant.toString());
            bind.execute();
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
