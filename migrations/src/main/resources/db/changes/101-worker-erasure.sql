--liquibase formatted sql

-- Erasing a worker who has left: her row stays (agreements, placements, hours and settlements point at it) under a
-- pseudonym, without postcode or coordinates; copies of her data in published events are replaced by a tombstone.
--changeset regiopool:101-worker-erasure splitStatements:false
ALTER TABLE worker ALTER COLUMN postcode DROP NOT NULL;
GRANT UPDATE (data) ON event TO ${appRole};
GRANT UPDATE (big_number) ON worker_qualification TO ${appRole};
