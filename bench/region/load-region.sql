-- A synthetic region for the standalone benchmark, loaded by a superuser into a migrated database whose
-- cooperatives (slugs bench-region-01 .. bench-region-20) were created through the API, so that each has
-- its seeded CAO rule sets and the start of its audit chain.
--
-- Per cooperative: 100 members, 2,500 workers (one qualification each, all in one flex pool), 10,000
-- active loan agreements (4 per worker, each to another member, terms in force for 2026-2027) and
-- 250,000 placements (25 weeks of 4 weekday shifts per worker, May to October 2026, one per agreement; psql
-- -v weeks=N loads N weeks instead).
-- In all: 2,000 members, 50,000 workers, 200,000 agreements, 5,000,000 placements.
--
-- Every row satisfies the schema's checks, unique keys and EXCLUDE constraints (those stay on). Foreign-key
-- triggers are skipped with session_replication_role = replica, which is why this must run as a superuser:
-- the rows are consistent by construction, and checking 20 million references one by one would take longer
-- than the rest of the load.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
SET session_replication_role = replica;
SET maintenance_work_mem = '1GB';
-- weeks of shifts per worker (psql -v weeks=N; 25 unless given)
\if :{?weeks}
\else
\set weeks 25
\endif
SELECT set_config('bench.weeks', :'weeks', false) \gset

-- Sortable ids, shaped like UUIDv7 (48-bit millisecond prefix, version 7, variant 8): ascending in n per kind.
CREATE FUNCTION pg_temp.bench_id(kind int, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
    SELECT (lpad(to_hex(1735689600000 + n), 12, '0') || '7' || lpad(to_hex(kind), 3, '0')
            || '8' || lpad(to_hex(n % 4096), 3, '0') || lpad(to_hex(n), 12, '0'))::uuid
$$;

CREATE TEMP TABLE bench_tenant AS
    SELECT id, (row_number() OVER (ORDER BY slug) - 1)::int AS ti
    FROM cooperative WHERE slug LIKE 'bench-region-%';
DO $$ BEGIN
    IF (SELECT count(*) FROM bench_tenant) <> 20 THEN
        RAISE EXCEPTION 'expected 20 bench-region cooperatives, found %', (SELECT count(*) FROM bench_tenant);
    END IF;
END $$;

\echo members
INSERT INTO member (tenant_id, id, name, kvk_number, agb_code, sector, cao_rule_set_code, postcode, iban, status,
                    joined_on)
SELECT t.id, pg_temp.bench_id(1, t.ti * 100 + m), 'Praktijk ' || t.ti || '-' || m,
       lpad((10000000 + t.ti * 100 + m)::text, 8, '0'), lpad((1000000 + t.ti * 100 + m)::text, 8, '0'),
       (ARRAY['GP_PRACTICE', 'GP_PRACTICE', 'GP_PRACTICE', 'ELDERLY_CARE', 'HOSPITAL'])[1 + m % 5],
       'CAO_HUISARTSENZORG', (7000 + m) || ' AB', 'NL91ABNA0417164300', 'ACTIVE', DATE '2025-01-01'
FROM bench_tenant t, generate_series(0, 99) m;

\echo workers
INSERT INTO worker (tenant_id, id, employer_member_id, given_name, family_name, email, phone, contract_hours_per_week,
                    contract_type, hourly_cost_cents, postcode, status)
SELECT t.id, pg_temp.bench_id(2, w), pg_temp.bench_id(1, t.ti * 100 + w % 100), 'Anne', 'Worker ' || w,
       'worker' || w || '@example.org', '+31 6 ' || lpad((w % 100000000)::text, 8, '0'), 36, 'INDEFINITE', 3000,
       (7000 + w % 100) || ' CD', 'ACTIVE'
FROM bench_tenant t, generate_series(t.ti * 2500, t.ti * 2500 + 2499) w;

INSERT INTO worker_qualification (tenant_id, worker_id, role)
SELECT t.id, pg_temp.bench_id(2, w), CASE WHEN w % 3 = 0 THEN 'POH_SOMATIEK' ELSE 'DOKTERSASSISTENT' END
FROM bench_tenant t, generate_series(t.ti * 2500, t.ti * 2500 + 2499) w;

\echo pools
INSERT INTO pool (tenant_id, id, name, description, allowed_roles)
SELECT t.id, pg_temp.bench_id(3, t.ti), 'Flexpool ' || t.ti, 'Synthetic benchmark pool',
       ARRAY['DOKTERSASSISTENT', 'POH_SOMATIEK']
FROM bench_tenant t;

INSERT INTO pool_membership (tenant_id, id, pool_id, worker_id, kind, valid_from, max_hours_per_week)
SELECT t.id, pg_temp.bench_id(4, w), pg_temp.bench_id(3, t.ti), pg_temp.bench_id(2, w), 'FLEX', DATE '2026-01-01', 32
FROM bench_tenant t, generate_series(t.ti * 2500, t.ti * 2500 + 2499) w;

\echo agreements
-- agreement a = 4 * worker + k; the borrower is another member of the same cooperative
INSERT INTO loan_agreement (tenant_id, id, number, lender_member_id, borrower_member_id, worker_id, role,
                            cao_rule_set_code, waadi_regime, status, proposed_at, activated_at, consented_on,
                            consent_method, consent_recorded_at, consent_recorded_by, created_at, updated_at)
SELECT t.id, pg_temp.bench_id(5, 4 * w + k), 'LA-2026-' || lpad((4 * (w - t.ti * 2500) + k + 1)::text, 5, '0'),
       pg_temp.bench_id(1, t.ti * 100 + w % 100), pg_temp.bench_id(1, t.ti * 100 + (w % 100 + 1 + 7 * k) % 100),
       pg_temp.bench_id(2, w), CASE WHEN w % 3 = 0 THEN 'POH_SOMATIEK' ELSE 'DOKTERSASSISTENT' END,
       'CAO_HUISARTSENZORG', 'COLLEGIAL_NO_PROFIT', 'ACTIVE', TIMESTAMPTZ '2025-12-01 09:00+01',
       TIMESTAMPTZ '2025-12-10 09:00+01', DATE '2025-12-05', 'DIGITAL', TIMESTAMPTZ '2025-12-05 10:00+01',
       'bench-loader', TIMESTAMPTZ '2025-12-01 09:00+01', TIMESTAMPTZ '2025-12-10 09:00+01'
FROM bench_tenant t, generate_series(t.ti * 2500, t.ti * 2500 + 2499) w, generate_series(0, 3) k;

INSERT INTO loan_agreement_version (tenant_id, agreement_id, version_no, start_date, end_date, hours_per_week,
                                    tariff_cents_per_hour, cost_price_cents_per_hour, vat_eligible,
                                    vat_unmet_conditions, lender_approved_at, lender_approved_by, borrower_approved_at,
                                    borrower_approved_by, created_at, in_force_from)
SELECT a.tenant_id, a.id, 1, DATE '2026-01-01', DATE '2027-12-31', 8, 3000, 3000, true, '{}',
       TIMESTAMPTZ '2025-12-02 09:00+01', 'bench-loader', TIMESTAMPTZ '2025-12-03 09:00+01', 'bench-loader',
       TIMESTAMPTZ '2025-12-01 09:00+01', TIMESTAMPTZ '2025-12-10 09:00+01'
FROM loan_agreement a JOIN bench_tenant t ON t.id = a.tenant_id;

INSERT INTO loan_agreement_number (tenant_id, year, last_number)
SELECT t.id, 2026, 10000 FROM bench_tenant t;

\echo placements
-- Worker w works Monday to Thursday, 08:00-16:00 in Amsterdam, one day per agreement (day k under agreement
-- k), for the 25 weeks from 4 May 2026. Inserted a week at a time so that ids ascend with time.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT id, ti FROM bench_tenant ORDER BY ti LOOP
        INSERT INTO placement (tenant_id, id, kind, agreement_id, worker_id, borrower_member_id, employer_member_id,
                               role, starts_at, ends_at, break_minutes, location_postcode, status, confirmed_at,
                               created_at, updated_at)
        SELECT t.id, pg_temp.bench_id(6, (t.ti::bigint * 25 + week) * 10000 + k * 2500 + (w - t.ti * 2500)),
               'SHIFT', pg_temp.bench_id(5, 4 * w + k), pg_temp.bench_id(2, w),
               pg_temp.bench_id(1, t.ti * 100 + (w % 100 + 1 + 7 * k) % 100), pg_temp.bench_id(1, t.ti * 100 + w % 100),
               CASE WHEN w % 3 = 0 THEN 'POH_SOMATIEK' ELSE 'DOKTERSASSISTENT' END,
               ((DATE '2026-05-04' + 7 * week + k) + TIME '08:00') AT TIME ZONE 'Europe/Amsterdam',
               ((DATE '2026-05-04' + 7 * week + k) + TIME '16:00') AT TIME ZONE 'Europe/Amsterdam',
               30, (7000 + w % 100) || ' AB',
               CASE WHEN w % 10 = 0 THEN 'PLANNED' ELSE 'CONFIRMED' END,
               CASE WHEN w % 10 = 0 THEN NULL ELSE TIMESTAMPTZ '2026-04-20 12:00+02' END,
               TIMESTAMPTZ '2026-04-01 12:00+02', TIMESTAMPTZ '2026-04-01 12:00+02'
        FROM generate_series(0, current_setting('bench.weeks')::int - 1) week, generate_series(0, 3) k, generate_series(t.ti * 2500, t.ti * 2500 + 2499) w
        ORDER BY week, k, w;
        RAISE NOTICE 'placements of cooperative % loaded', t.ti + 1;
    END LOOP;
END $$;

RESET session_replication_role;
