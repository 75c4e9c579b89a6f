package nl.regiopool.bench;

import java.sql.SQLException;
import java.sql.Statement;

/** SQL loaders the benchmarks share, run as the owner inside a transaction bound to the benchmark's cooperative. */
final class BenchData {

    private BenchData() {
    }

    /**
     * {@code count} GP practices of the bound cooperative under the CAO rule set {@code cao}, and the temporary
     * table {@code m (n, id)} that numbers them from 1.
     */
    static void members(Statement sql, int count, String cao) throws SQLException {
        sql.execute("""
                INSERT INTO member (tenant_id, id, name, kvk_number, sector, postcode, iban, joined_on, cao_rule_set_code)
                SELECT current_tenant_id(), gen_random_uuid(), 'Praktijk ' || n, lpad(n::text, 8, '0'), 'GP_PRACTICE',
                       '7001 AB', 'NL91ABNA0417164300', DATE '2020-01-01', '%s'
                FROM generate_series(1, %d) n""".formatted(cao, count));
        sql.execute("CREATE TEMP TABLE m AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM member"
                + " WHERE tenant_id = current_tenant_id()");
    }

    /**
     * From the temporary table {@code w (n, id, lender, borrower, agreement)}: a DOKTERSASSISTENT worker per row,
     * employed by {@code lender}, and her ACTIVE agreement lending her to {@code borrower} from 2 January of
     * {@code year} under the CAO rule set {@code cao}. The terms version is each benchmark's own.
     */
    static void workersLentOut(Statement sql, int year, String cao) throws SQLException {
        sql.execute("""
                INSERT INTO worker (tenant_id, id, employer_member_id, given_name, family_name, contract_hours_per_week,
                                    contract_type, hourly_cost_cents, postcode)
                SELECT current_tenant_id(), id, lender, 'Worker', 'W' || n, 40, 'INDEFINITE', 3000, '7001 AB' FROM w""");
        sql.execute("""
                INSERT INTO worker_qualification (tenant_id, worker_id, role)
                SELECT current_tenant_id(), id, 'DOKTERSASSISTENT' FROM w""");
        sql.execute("""
                INSERT INTO loan_agreement (tenant_id, id, number, lender_member_id, borrower_member_id, worker_id, role,
                    cao_rule_set_code, waadi_regime, status, proposed_at, activated_at, consented_on, consent_method,
                    consent_recorded_at, consent_recorded_by)
                SELECT current_tenant_id(), agreement, 'LA-%1$d-' || lpad(n::text, 6, '0'), lender, borrower, id,
                       'DOKTERSASSISTENT', '%2$s', 'COLLEGIAL_NO_PROFIT', 'ACTIVE', TIMESTAMPTZ '%1$d-01-01',
                       TIMESTAMPTZ '%1$d-01-02', DATE '%1$d-01-01', 'DIGITAL', TIMESTAMPTZ '%1$d-01-01', 'bench'
                FROM w""".formatted(year, cao));
    }
}
