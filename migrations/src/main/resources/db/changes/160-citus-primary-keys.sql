--liquibase formatted sql

-- Every tenant table has a primary key that starts with tenant_id, so the schema can be distributed by tenant
-- (Citus co-location; README "Scaling out") and replicated logically.
--changeset regiopool:160-citus-primary-keys
ALTER TABLE worker_availability_window
    ADD CONSTRAINT worker_availability_window_pkey PRIMARY KEY (tenant_id, worker_id, iso_weekday, start_minute);

-- The cooperative's own position has no member: a key column cannot be null, so the key names the party.
ALTER TABLE settlement_position
    ADD COLUMN party uuid NOT NULL GENERATED ALWAYS AS (coalesce(member_id, '00000000-0000-0000-0000-000000000000')) STORED;
DROP INDEX settlement_position_member_unique;
ALTER TABLE settlement_position
    ADD CONSTRAINT settlement_position_member_unique PRIMARY KEY (tenant_id, settlement_id, party);
