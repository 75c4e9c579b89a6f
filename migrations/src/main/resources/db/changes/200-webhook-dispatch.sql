--liquibase formatted sql

--changeset regiopool:200-webhook-dispatch
-- The deliverer, not the writing transaction, makes an event's deliveries: it reads the outbox in feed order after
-- this cursor (only events below the horizon of running transactions, so a late commit is never passed over)
-- and writes the delivery rows of a batch of events in one statement. A write then costs its event row only, and
-- the endpoints' rows are no longer locked (foreign key checks) by every concurrent write.
-- (txid, position): the last event whose deliveries have been made.
CREATE TABLE webhook_dispatch (
    tenant_id  uuid   NOT NULL REFERENCES cooperative (id),
    txid       xid8   NOT NULL,
    position   bigint NOT NULL,
    PRIMARY KEY (tenant_id)
);
ALTER TABLE webhook_dispatch ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_dispatch FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_dispatch
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE ON webhook_dispatch TO ${appRole};

-- Until now each event's transaction made its deliveries: a cooperative with endpoints starts after its last event.
ALTER TABLE event NO FORCE ROW LEVEL SECURITY;
ALTER TABLE webhook_endpoint NO FORCE ROW LEVEL SECURITY;
ALTER TABLE webhook_dispatch NO FORCE ROW LEVEL SECURITY;
INSERT INTO webhook_dispatch (tenant_id, txid, position)
SELECT cooperative.id, coalesce(last.txid, '0'::xid8), coalesce(last.position, 0)
FROM cooperative
LEFT JOIN LATERAL (
    SELECT event.txid, event.position FROM event WHERE event.tenant_id = cooperative.id
    ORDER BY event.txid DESC, event.position DESC LIMIT 1) last ON true
WHERE EXISTS (SELECT FROM webhook_endpoint WHERE webhook_endpoint.tenant_id = cooperative.id);
ALTER TABLE webhook_dispatch FORCE ROW LEVEL SECURITY;
ALTER TABLE webhook_endpoint FORCE ROW LEVEL SECURITY;
ALTER TABLE event FORCE ROW LEVEL SECURITY;
