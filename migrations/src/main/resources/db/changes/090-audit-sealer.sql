--liquibase formatted sql

-- A write inserts its audit events unsealed in its own transaction; the sealer links them into the tenant's
-- chain shortly after commit, in a commit-safe order: only events whose inserting transaction is older than
-- every transaction still running are sealed, ordered by that transaction id and the order of insertion, so an
-- event that commits late is never skipped.
--changeset regiopool:090-audit-sealer splitStatements:false
ALTER TABLE audit_event
    ALTER COLUMN sequence DROP NOT NULL,
    ALTER COLUMN previous_hash DROP NOT NULL,
    ALTER COLUMN hash DROP NOT NULL,
    ADD COLUMN inserted_xid xid8,
    ADD COLUMN insert_order bigint;
CREATE SEQUENCE audit_event_insert_order;
ALTER TABLE audit_event
    ALTER COLUMN inserted_xid SET DEFAULT pg_current_xact_id(),
    ALTER COLUMN insert_order SET DEFAULT nextval('audit_event_insert_order');
ALTER TABLE audit_event ADD CONSTRAINT audit_event_sealed_whole
    CHECK ((sequence IS NULL) = (hash IS NULL) AND (hash IS NULL) = (previous_hash IS NULL));
ALTER TABLE audit_event ADD CONSTRAINT audit_event_unsealed_ordered
    CHECK (hash IS NOT NULL OR (inserted_xid IS NOT NULL AND insert_order IS NOT NULL));
CREATE INDEX audit_event_unsealed_idx ON audit_event (tenant_id, inserted_xid, insert_order) WHERE hash IS NULL;

-- The one change an event may see: being sealed, once, with nothing else altered.
CREATE FUNCTION audit_event_seal_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
            AND to_jsonb(NEW) - ARRAY['sequence', 'previous_hash', 'hash']
                = to_jsonb(OLD) - ARRAY['sequence', 'previous_hash', 'hash'] THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
DROP TRIGGER audit_event_append_only ON audit_event;
CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_seal_only();

GRANT UPDATE (sequence, previous_hash, hash) ON audit_event TO ${appRole};
GRANT USAGE ON SEQUENCE audit_event_insert_order TO ${appRole};
