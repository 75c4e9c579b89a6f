--liquibase formatted sql

--changeset regiopool:190-event-readers-index-dropped
-- The feed asks ":reader = ANY (readers)", which a GIN index cannot answer (it serves @>, <@, && and =), so no
-- plan ever used this one; every event paid a GIN insertion for it. A member's feed walks event_order_idx.
DROP INDEX event_readers_idx;
