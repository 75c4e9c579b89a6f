-- What the server sends for GET /v1/placements?limit=50 as a member (the shifts it borrows or employs; see
-- capture-list-member.log and list-placements.sql): the tenant binding and the page query in one pipeline, the
-- member (-D viewer) bound as a parameter and the limit written into the statement, as the server does.
\startpipeline
SELECT set_config('regiopool.tenant_id', :tenant, true);
SELECT DISTINCT ON (p.id) * FROM ((SELECT p.id, p.kind, p.agreement_id, p.worker_id, p.borrower_member_id, p.employer_member_id, p.role,
p.starts_at, p.ends_at, p.break_minutes, p.location_postcode, p.external_id, p.status, p.confirmed_at,
p.actual_starts_at, p.actual_ends_at, p.actual_break_minutes, p.completed_at, p.completed_by,
p.cancelled_at, p.cancelled_by, p.cancellation_reason, p.late_cancellation, p.no_show_at,
p.override_reason, p.overridden_by, p.overridden_at, p.overridden_violations::text AS overridden_violations,
p.cost_lines::text AS cost_lines, p.version, p.created_at, p.updated_at, p.disputed_at, p.disputed_by,
p.dispute_reason, p.dispute_resolved_at, p.dispute_resolved_by, p.dispute_resolution_note FROM placement p WHERE p.borrower_member_id = :viewer ORDER BY p.id LIMIT 51) UNION ALL (SELECT p.id, p.kind, p.agreement_id, p.worker_id, p.borrower_member_id, p.employer_member_id, p.role,
p.starts_at, p.ends_at, p.break_minutes, p.location_postcode, p.external_id, p.status, p.confirmed_at,
p.actual_starts_at, p.actual_ends_at, p.actual_break_minutes, p.completed_at, p.completed_by,
p.cancelled_at, p.cancelled_by, p.cancellation_reason, p.late_cancellation, p.no_show_at,
p.override_reason, p.overridden_by, p.overridden_at, p.overridden_violations::text AS overridden_violations,
p.cost_lines::text AS cost_lines, p.version, p.created_at, p.updated_at, p.disputed_at, p.disputed_by,
p.dispute_reason, p.dispute_resolved_at, p.dispute_resolved_by, p.dispute_resolution_note FROM placement p WHERE p.employer_member_id = :viewer ORDER BY p.id LIMIT 51)) p ORDER BY p.id LIMIT 51;
\endpipeline
