--liquibase formatted sql

-- Signed checkpoints of each tenant's chain: {tenant, sequence, hash, time} signed by the server's Ed25519 key.
-- An auditor who keeps them can later prove that history up to a checkpoint was not rewritten or cut off.
--changeset regiopool:091-audit-checkpoints splitStatements:false
CREATE TABLE audit_checkpoint (
    tenant_id  uuid        NOT NULL REFERENCES cooperative (id),
    sequence   bigint      NOT NULL CHECK (sequence > 0),
    hash       text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    signed_at  timestamptz NOT NULL,
    key_id     text        NOT NULL CHECK (key_id ~ '^[0-9a-f]{16}$'),
    signature  text        NOT NULL,
    PRIMARY KEY (tenant_id, sequence)
);
CREATE TRIGGER audit_checkpoint_append_only
    BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_checkpoint_no_truncate
    BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

ALTER TABLE audit_checkpoint ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_checkpoint FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_checkpoint
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT ON audit_checkpoint TO ${appRole};
