package nl.regiopool.testing;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One cooperative with enough rows that a query walking its tables reads thousands of buffers, loaded once per test
 * run: 20 members (through the API), 1,000 workers, 4,000 active agreements (one in 50 VAT-eligible) and 50,000 shifts
 * (one in 500 a no-show). The rows are written by a superuser with foreign-key triggers off, consistent by
 * construction, as {@code bench/region/load-region.sql} writes the benchmark's region; checks, unique keys and EXCLUDE
 * constraints stay on.
 */
public final class LargeCooperative {

    public static final int PLACEMENTS = 50_000;

    private static LargeCooperative loaded;

    public final UUID tenant;
    public final List<UUID> members;

    private LargeCooperative(UUID tenant, List<UUID> members) {
        this.tenant = tenant;
        this.members = members;
    }

    public static synchronized LargeCooperative get() throws Exception {
        if (loaded == null) {
            UUID tenant = ApiTest.newCooperative();
            List<UUID> members = new ArrayList<>();
            for (int m = 0; m < 20; m++) {
                members.add(ApiTest.newMember(tenant, "Praktijk " + m).getId());
            }
            load(tenant, members);
            loaded = new LargeCooperative(tenant, members);
        }
        return loaded;
    }

    private static void load(UUID tenant, List<UUID> members) throws Exception {
        String memberArray = members.stream().map(UUID::toString).collect(Collectors.joining(",", "('{", "}'::uuid[])"));
        try (Connection connection = TestApp.superuserConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL session_replication_role = replica");
                for (String sql : LOAD) {
                    statement.execute(sql.replace(":tenant", "'" + tenant + "'::uuid").replace(":members", memberArray));
                }
            }
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("ANALYZE worker, loan_agreement, loan_agreement_version, placement");
            }
        }
    }

    // worker w is employed by member w % 20; agreement 4w + k lends it to member (w + 1 + k) % 20; shift s of worker
    // w, in week s (from 4 May 2026, day s % 4 of the week), is under agreement 4w + s % 4. The ids are in no order
    // of time or member, so that a page's statement that walks the cooperative's rows cannot find its page early.
    private static final List<String> LOAD = List.of("""
            INSERT INTO worker (tenant_id, id, employer_member_id, given_name, family_name, email, phone,
                                contract_hours_per_week, contract_type, hourly_cost_cents, postcode, status)
            SELECT :tenant, md5(:tenant || '/worker/' || w)::uuid, :members[1 + w % 20], 'Anne', 'Worker ' || w,
                   'worker' || w || '@example.org', '+31 6 ' || lpad(w::text, 8, '0'), 36, 'INDEFINITE', 3000,
                   '7001 CD', 'ACTIVE'
            FROM generate_series(0, 999) w""", """
            INSERT INTO worker_qualification (tenant_id, worker_id, role)
            SELECT :tenant, md5(:tenant || '/worker/' || w)::uuid, 'DOKTERSASSISTENT' FROM generate_series(0, 999) w""", """
            INSERT INTO loan_agreement (tenant_id, id, number, lender_member_id, borrower_member_id, worker_id, role,
                                        cao_rule_set_code, waadi_regime, status, proposed_at, activated_at, consented_on,
                                        consent_method, consent_recorded_at, consent_recorded_by, created_at, updated_at)
            SELECT :tenant, md5(:tenant || '/agreement/' || (4 * w + k))::uuid, 'LA-2026-' || lpad((4 * w + k + 1)::text, 5, '0'),
                   :members[1 + w % 20], :members[1 + (w + 1 + k) % 20], md5(:tenant || '/worker/' || w)::uuid,
                   'DOKTERSASSISTENT', 'CAO_HUISARTSENZORG', 'COLLEGIAL_NO_PROFIT', 'ACTIVE',
                   TIMESTAMPTZ '2025-12-01 09:00+01', TIMESTAMPTZ '2025-12-10 09:00+01', DATE '2025-12-05', 'DIGITAL',
                   TIMESTAMPTZ '2025-12-05 10:00+01', 'large-cooperative', TIMESTAMPTZ '2025-12-01 09:00+01',
                   TIMESTAMPTZ '2025-12-10 09:00+01'
            FROM generate_series(0, 999) w, generate_series(0, 3) k""", """
            INSERT INTO loan_agreement_version (tenant_id, agreement_id, version_no, start_date, end_date,
                                                hours_per_week, tariff_cents_per_hour, cost_price_cents_per_hour,
                                                vat_eligible, vat_unmet_conditions, lender_approved_at,
                                                lender_approved_by, borrower_approved_at, borrower_approved_by,
                                                created_at, in_force_from)
            SELECT a.tenant_id, a.id, 1, DATE '2026-01-01', DATE '2027-12-31', 8, 3000, 3000,
                   right(a.number, 5)::int % 50 = 0, '{}', TIMESTAMPTZ '2025-12-02 09:00+01', 'large-cooperative',
                   TIMESTAMPTZ '2025-12-03 09:00+01', 'large-cooperative', TIMESTAMPTZ '2025-12-01 09:00+01',
                   TIMESTAMPTZ '2025-12-10 09:00+01'
            FROM loan_agreement a WHERE a.tenant_id = :tenant""", """
            INSERT INTO placement (tenant_id, id, kind, agreement_id, worker_id, borrower_member_id, employer_member_id,
                                   role, starts_at, ends_at, break_minutes, location_postcode, status, confirmed_at,
                                   no_show_at, created_at, updated_at)
            SELECT :tenant, md5(:tenant || '/placement/' || (50 * w + s))::uuid, 'SHIFT',
                   md5(:tenant || '/agreement/' || (4 * w + s % 4))::uuid, md5(:tenant || '/worker/' || w)::uuid,
                   :members[1 + (w + 1 + s % 4) % 20], :members[1 + w % 20], 'DOKTERSASSISTENT',
                   ((DATE '2026-05-04' + 7 * s + s % 4) + TIME '08:00') AT TIME ZONE 'Europe/Amsterdam',
                   ((DATE '2026-05-04' + 7 * s + s % 4) + TIME '16:00') AT TIME ZONE 'Europe/Amsterdam',
                   30, '7001 AB', CASE WHEN (50 * w + s) % 500 = 7 THEN 'NO_SHOW' ELSE 'CONFIRMED' END,
                   TIMESTAMPTZ '2026-04-20 12:00+02',
                   CASE WHEN (50 * w + s) % 500 = 7 THEN TIMESTAMPTZ '2026-04-21 12:00+02' END,
                   TIMESTAMPTZ '2026-04-01 12:00+02', TIMESTAMPTZ '2026-04-01 12:00+02'
            FROM generate_series(0, 999) w, generate_series(0, 49) s""");
}
