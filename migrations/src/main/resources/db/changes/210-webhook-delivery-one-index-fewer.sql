--liquibase formatted sql

--changeset regiopool:210-webhook-delivery-one-index-fewer
-- Every delivery row, and every attempt's update of it (never heap-only: it takes the row out of the pending index),
-- paid for four indexes. One unique index on (endpoint, event position) now does the work of two: it keeps a
-- delivery to once per endpoint and event (an event's position is an identity, and the dispatcher copies it with the
-- event's id into each of its deliveries), and an endpoint's deliveries are listed by walking it backwards.
CREATE UNIQUE INDEX webhook_delivery_once_per_position ON webhook_delivery (tenant_id, endpoint_id, event_position);
ALTER TABLE webhook_delivery DROP CONSTRAINT webhook_delivery_once;
DROP INDEX webhook_delivery_endpoint_idx;
