-- What the server sends for GET /v1/placements?limit=50 as a cooperative admin (captured with log_statement
-- by bench/region/run, see capture-list.log): one transaction, the tenant bound for row-level security, then
-- the page query, as the application role. pgbench cannot bind NULL, so the parameters the server binds as
-- NULL (every filter left out) are written as NULL literals; PostgreSQL's custom plans fold both the same way.
BEGIN;
SELECT set_config('regiopool.tenant_id', :tenant, true);
SELECT p.id, p.kind, p.agreement_id, p.worker_id, p.borrower_member_id, p.employer_member_id, p.role,
p.starts_at, p.ends_at, p.break_minutes, p.location_postcode, p.external_id, p.status, p.confirmed_at,
p.actual_starts_at, p.actual_ends_at, p.actual_break_minutes, p.completed_at, p.completed_by,
p.cancelled_at, p.cancelled_by, p.cancellation_reason, p.late_cancellation, p.no_show_at,
p.override_reason, p.overridden_by, p.overridden_at, p.overridden_violations::text AS overridden_violations,
p.cost_lines::text AS cost_lines, p.version, p.created_at, p.updated_at FROM placement p WHERE(CAST(NULL AS uuid) IS NULL OR NULL IN (p.borrower_member_id, p.employer_member_id))  AND (CAST(NULL AS uuid) IS NULL OR p.worker_id = NULL)
  AND (CAST(NULL AS uuid) IS NULL OR p.agreement_id = NULL)
  AND (CAST(NULL AS text) IS NULL OR p.status = NULL)
  AND (CAST(NULL AS text) IS NULL OR p.kind = NULL)
  AND (CAST(NULL AS timestamptz) IS NULL OR p.ends_at > NULL)
  AND (CAST(NULL AS timestamptz) IS NULL OR p.starts_at < NULL)
  AND (CAST(NULL AS uuid) IS NULL OR p.id > NULL)
ORDER BY p.id LIMIT 51;
COMMIT;
