--liquibase formatted sql

--changeset regiopool:220-webhook-endpoint-deleted-later
-- Deleting an endpoint removed its deliveries in the same statement (ON DELETE CASCADE): about 0.9 s per million on
-- 2 cores, so a busy endpoint's history soon outgrew the statement timeout and the endpoint could not be deleted at
-- all. A delete now marks the endpoint (hidden from the API at once, no new deliveries, none sent: it is DISABLED);
-- the deliverer removes its deliveries in batches, each in a short transaction of its own, and then the row.
ALTER TABLE webhook_endpoint ADD COLUMN deleted_at timestamptz;
ALTER TABLE webhook_endpoint ADD CONSTRAINT webhook_endpoint_deleted_is_disabled
    CHECK (deleted_at IS NULL OR status = 'DISABLED');
