--liquibase formatted sql

--changeset regiopool:120-placement-worked-here
-- Ranking a staffing request's candidates counts, per pooled worker, the shifts worked at the requesting member:
-- without this, every placement of each worker (all its history) was read to find those at that member.
CREATE INDEX placement_worked_here_idx ON placement (tenant_id, borrower_member_id, worker_id)
    WHERE kind = 'SHIFT' AND status IN ('CONFIRMED', 'COMPLETED');

--changeset regiopool:120-placement-hours-lent
-- The same ranking sums each pooled worker's borrowed hours in the current month: a range of this index per
-- worker, answered from the index alone.
CREATE INDEX placement_hours_lent_idx ON placement (tenant_id, worker_id, starts_at) INCLUDE (ends_at, break_minutes)
    WHERE kind = 'SHIFT' AND status NOT IN ('CANCELLED', 'NO_SHOW');

--changeset regiopool:120-loan-agreement-active-borrower
-- The ACTIVE agreements that lend a worker to a borrower in a role: which pooled workers an agreement already
-- covers (ranking), and the agreement an offer's release places the shifts under.
CREATE INDEX loan_agreement_active_borrower_idx ON loan_agreement (tenant_id, borrower_member_id, role, worker_id)
    WHERE status = 'ACTIVE';
