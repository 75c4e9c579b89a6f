package nl.regiopool.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.Test;

/**
 * The schema can be distributed by {@code tenant_id} with Citus: every key and constraint that Citus must check
 * on one node names the distribution column. Tables without {@code tenant_id} become reference tables, which may
 * be referenced but never reference a tenant table. README "Scaling out" lists the distribution statements.
 */
class CitusColocationTest {

    private static final String TENANT_TABLES = """
            SELECT c.oid FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
            WHERE c.relkind IN ('r', 'p') AND c.relnamespace = 'public'::regnamespace""";

    @Test
    void everyTenantTableHasAPrimaryKeyThatIncludesTheTenant() throws SQLException {
        assertThat(names("""
                SELECT c.relname FROM pg_class c WHERE c.oid IN (%s)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p'
                                    AND %s = ANY (k.conkey))
                ORDER BY 1""".formatted(TENANT_TABLES, tenantColumn("c.oid"))))
                .as("tenant tables whose primary key is missing or lacks tenant_id").isEmpty();
    }

    @Test
    void everyUniqueIndexAndExclusionConstraintOfATenantTableIncludesTheTenant() throws SQLException {
        assertThat(names("""
                SELECT i.indexrelid::regclass::text FROM pg_index i
                WHERE i.indrelid IN (%s) AND (i.indisunique OR i.indisexclusion)
                  AND NOT %s = ANY (i.indkey::int2[])
                ORDER BY 1""".formatted(TENANT_TABLES, tenantColumn("i.indrelid"))))
                .as("unique indexes and EXCLUDE constraints without tenant_id").isEmpty();
    }

    @Test
    void exclusionConstraintsCompareTheTenantByEquality() throws SQLException {
        assertThat(names("""
                SELECT k.conname FROM pg_constraint k
                WHERE k.contype = 'x' AND k.conrelid IN (%s)
                  AND (SELECT o.oprname FROM unnest(k.conkey, k.conexclop) AS pair(attnum, op)
                       JOIN pg_operator o ON o.oid = pair.op
                       WHERE pair.attnum = %s) IS DISTINCT FROM '='
                ORDER BY 1""".formatted(TENANT_TABLES, tenantColumn("k.conrelid"))))
                .as("EXCLUDE constraints that do not compare tenant_id with =").isEmpty();
    }

    @Test
    void foreignKeysBetweenTenantTablesJoinOnTheTenant() throws SQLException {
        assertThat(names("""
                SELECT k.conrelid::regclass || '.' || k.conname FROM pg_constraint k
                WHERE k.contype = 'f' AND k.conrelid IN (%1$s) AND k.confrelid IN (%1$s)
                  AND NOT EXISTS (SELECT 1 FROM unnest(k.conkey, k.confkey) AS pair(local, remote)
                                  WHERE pair.local = %2$s AND pair.remote = %3$s)
                ORDER BY 1""".formatted(TENANT_TABLES, tenantColumn("k.conrelid"), tenantColumn("k.confrelid"))))
                .as("foreign keys between tenant tables that do not pair tenant_id with tenant_id").isEmpty();
    }

    @Test
    void referenceTablesNeverReferenceATenantTable() throws SQLException {
        assertThat(names("""
                SELECT k.conrelid::regclass || '.' || k.conname FROM pg_constraint k
                WHERE k.contype = 'f' AND k.conrelid NOT IN (%1$s) AND k.confrelid IN (%1$s)
                ORDER BY 1""".formatted(TENANT_TABLES)))
                .as("foreign keys from tables without tenant_id to tenant tables").isEmpty();
    }

    @Test
    void theReadmeDistributesEveryTableOfTheSchema() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(calls(readme, "create_reference_table\\('(\\w+)'\\)"))
                .as("README's create_reference_table statements: every table without tenant_id")
                .containsExactlyInAnyOrderElementsOf(names("""
                        SELECT c.relname FROM pg_class c
                        WHERE c.relkind IN ('r', 'p') AND c.relnamespace = 'public'::regnamespace AND c.oid NOT IN (%s)
                          AND c.relname NOT LIKE 'databasechangelog%%'""".formatted(TENANT_TABLES)));
        assertThat(calls(readme, "create_distributed_table\\('(\\w+)', 'tenant_id'"))
                .as("README's create_distributed_table statements: every table with tenant_id")
                .containsExactlyInAnyOrderElementsOf(names(
                        "SELECT relname FROM pg_class WHERE oid IN (%s)".formatted(TENANT_TABLES)));
    }

    private static List<String> calls(String text, String pattern) {
        return Pattern.compile(pattern).matcher(text).results().map(match -> match.group(1)).toList();
    }

    private static String tenantColumn(String relation) {
        return "(SELECT t.attnum FROM pg_attribute t WHERE t.attrelid = %s AND t.attname = 'tenant_id')"
                .formatted(relation);
    }

    private static List<String> names(String sql) throws SQLException {
        TestApp.baseUri();
        List<String> names = new ArrayList<>();
        try (Connection owner = TestApp.superuserConnection();
             Statement statement = owner.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
