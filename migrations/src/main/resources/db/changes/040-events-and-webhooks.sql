--liquibase formatted sql

--changeset regiopool:040-event
-- The outbox: written by the write core in the same transaction as the change it describes. txid is the
-- writing transaction's id; the feed serves an event only once txid is below the oldest transaction still
-- running (pg_snapshot_xmin), so ordering by (txid, position) never lets a late commit slip behind a cursor.
-- readers: the members that may read the event (admins and auditors read all of the cooperative's).
CREATE TABLE event (
    tenant_id    uuid        NOT NULL REFERENCES cooperative (id),
    id           uuid        NOT NULL,
    position     bigint      GENERATED ALWAYS AS IDENTITY,
    txid         xid8        NOT NULL DEFAULT pg_current_xact_id(),
    type         text        NOT NULL CHECK (type ~ '^[a-z_]+\.[a-z_]+$'),
    entity_type  text        NOT NULL,
    entity_id    uuid        NOT NULL,
    readers      uuid[]      NOT NULL,
    data         jsonb       NOT NULL,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX event_order_idx ON event (tenant_id, txid, position);
CREATE INDEX event_readers_idx ON event USING gin (readers);
ALTER TABLE event ENABLE ROW LEVEL SECURITY;
ALTER TABLE event FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON event
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT ON event TO ${appRole};

--changeset regiopool:040-webhook-endpoint
-- member_id null: the cooperative's own endpoint (an admin's), which receives every event.
-- previous_secret signs beside secret until previous_secret_expires_at (a rotation).
CREATE TABLE webhook_endpoint (
    tenant_id                   uuid        NOT NULL REFERENCES cooperative (id),
    id                          uuid        NOT NULL,
    member_id                   uuid,
    url                         text        NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
    event_types                 text[]      NOT NULL CHECK (cardinality(event_types) >= 1),
    description                 text,
    status                      text        NOT NULL DEFAULT 'ENABLED' CHECK (status IN ('ENABLED', 'DISABLED')),
    disabled_reason             text,
    secret                      text        NOT NULL,
    previous_secret             text,
    previous_secret_expires_at  timestamptz,
    consecutive_failures        integer     NOT NULL DEFAULT 0,
    version                     integer     NOT NULL DEFAULT 1,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, member_id) REFERENCES member (tenant_id, id),
    CONSTRAINT webhook_endpoint_disabled_has_reason CHECK ((status = 'DISABLED') = (disabled_reason IS NOT NULL)),
    CONSTRAINT webhook_endpoint_rotation CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL))
);
CREATE INDEX webhook_endpoint_member_idx ON webhook_endpoint (tenant_id, member_id, id);
ALTER TABLE webhook_endpoint ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_endpoint FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_endpoint
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoint TO ${appRole};

--changeset regiopool:040-webhook-delivery
-- One row per (endpoint, event), made in the event's transaction. The deliverer sends an endpoint's
-- deliveries in (event_txid, event_position) order: only the first PENDING one of an endpoint is due.
CREATE TABLE webhook_delivery (
    tenant_id         uuid        NOT NULL,
    id                uuid        NOT NULL,
    endpoint_id       uuid        NOT NULL,
    event_id          uuid        NOT NULL,
    event_txid        xid8        NOT NULL,
    event_position    bigint      NOT NULL,
    status            text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    attempts          integer     NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz,
    last_attempt_at   timestamptz,
    response_status   integer,
    latency_ms        bigint,
    error             text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT webhook_delivery_once UNIQUE (tenant_id, endpoint_id, event_id),
    FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoint (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, event_id) REFERENCES event (tenant_id, id),
    CONSTRAINT webhook_delivery_pending_is_due CHECK ((status = 'PENDING') = (next_attempt_at IS NOT NULL))
);
CREATE INDEX webhook_delivery_pending_idx ON webhook_delivery (tenant_id, endpoint_id, event_txid, event_position)
    WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_endpoint_idx ON webhook_delivery (tenant_id, endpoint_id, event_txid DESC, event_position DESC);
ALTER TABLE webhook_delivery ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_delivery FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_delivery
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_delivery TO ${appRole};
