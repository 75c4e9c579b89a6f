--liquibase formatted sql

--changeset regiopool:240-placement-status-index
-- A cooperative's placements with one status, in id order: the list's status filter. Without it the page walked the
-- cooperative's placements in id order until it had a page, and a status that is rare (NO_SHOW, CANCELLED) or recent
-- (PLANNED, behind years of COMPLETED shifts) meant reading nearly all of them.
CREATE INDEX placement_status_idx ON placement (tenant_id, status, id);
