--liquibase formatted sql

-- Erasable audit payloads. From hash version 2 on, an event's hash covers its metadata and a digest of its payload
-- (the canonical JSON of before/after, computed when the event is inserted), not the payload itself: erasing a
-- person replaces their fields in the payload with a tombstone, keeps the digest and marks the event redacted,
-- and the chain still verifies. Events sealed before (hash version 1) are verified under the old rule and
-- re-chained under the new one by the sealer, under the chain head's lock; their old hash stays in legacy_hash,
-- and audit_chain_migration records the old and the new head of each re-chained chain.
--changeset regiopool:100-audit-erasable-payloads splitStatements:false
ALTER TABLE audit_event
    ADD COLUMN hash_version smallint NOT NULL DEFAULT 1 CHECK (hash_version IN (1, 2)),
    ADD COLUMN payload_digest text CHECK (payload_digest ~ '^[0-9a-f]{64}$'),
    ADD COLUMN payload_redacted_at timestamptz,
    ADD COLUMN legacy_hash text CHECK (legacy_hash ~ '^[0-9a-f]{64}$');
ALTER TABLE audit_event ALTER COLUMN hash_version SET DEFAULT 2;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_v2_has_digest
    CHECK (hash_version = 1 OR payload_digest IS NOT NULL OR hash IS NULL);
ALTER TABLE audit_event ADD CONSTRAINT audit_event_redacted_keeps_digest
    CHECK (payload_redacted_at IS NULL OR payload_digest IS NOT NULL);

ALTER TABLE audit_chain_head ADD COLUMN hash_version smallint NOT NULL DEFAULT 1 CHECK (hash_version IN (1, 2));
ALTER TABLE audit_chain_head ALTER COLUMN hash_version SET DEFAULT 2;

-- The changes an event may see: being sealed once; being re-chained once from hash version 1 to 2 (its old hash
-- kept in legacy_hash); having its payload redacted (digest kept). Nothing else.
CREATE OR REPLACE FUNCTION audit_event_seal_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
            AND (OLD.payload_digest IS NULL OR NEW.payload_digest = OLD.payload_digest)
            AND to_jsonb(NEW) - ARRAY['sequence', 'previous_hash', 'hash', 'hash_version', 'payload_digest']
                = to_jsonb(OLD) - ARRAY['sequence', 'previous_hash', 'hash', 'hash_version', 'payload_digest'] THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.hash IS NOT NULL AND OLD.hash_version = 1 AND NEW.hash_version = 2
            AND OLD.payload_digest IS NULL AND NEW.payload_digest IS NOT NULL
            AND OLD.legacy_hash IS NULL AND NEW.legacy_hash = OLD.hash AND NEW.hash IS NOT NULL
            AND to_jsonb(NEW) - ARRAY['previous_hash', 'hash', 'hash_version', 'payload_digest', 'legacy_hash']
                = to_jsonb(OLD) - ARRAY['previous_hash', 'hash', 'hash_version', 'payload_digest', 'legacy_hash'] THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.payload_digest IS NOT NULL AND NEW.payload_redacted_at IS NOT NULL
            AND to_jsonb(NEW) - ARRAY['before', 'after', 'payload_redacted_at']
                = to_jsonb(OLD) - ARRAY['before', 'after', 'payload_redacted_at'] THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

-- One row per chain that was re-chained: the old head (hash version 1) and the hash the same event has under
-- version 2, signed like a checkpoint when a checkpoint key is configured.
CREATE TABLE audit_chain_migration (
    tenant_id        uuid        NOT NULL REFERENCES cooperative (id),
    legacy_sequence  bigint      NOT NULL CHECK (legacy_sequence >= 0),
    legacy_hash      text        NOT NULL CHECK (legacy_hash ~ '^[0-9a-f]{64}$'),
    hash             text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    migrated_at      timestamptz NOT NULL,
    key_id           text        CHECK (key_id ~ '^[0-9a-f]{16}$'),
    signature        text,
    PRIMARY KEY (tenant_id),
    CONSTRAINT audit_chain_migration_signed_whole CHECK ((key_id IS NULL) = (signature IS NULL))
);
CREATE TRIGGER audit_chain_migration_append_only
    BEFORE UPDATE OR DELETE ON audit_chain_migration
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_chain_migration_no_truncate
    BEFORE TRUNCATE ON audit_chain_migration
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
ALTER TABLE audit_chain_migration ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_chain_migration FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_chain_migration
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT ON audit_chain_migration TO ${appRole};

GRANT UPDATE (hash_version, payload_digest, legacy_hash, before, after, payload_redacted_at) ON audit_event
    TO ${appRole};
