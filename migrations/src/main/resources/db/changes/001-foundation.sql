--liquibase formatted sql

--changeset regiopool:001-tenant-function splitStatements:false
-- The tenant of the current transaction, set by the application with
-- set_config('regiopool.tenant_id', ..., true) as the transaction's first statement.
-- An unset (or reset, empty) setting yields NULL, which matches no row.
CREATE FUNCTION current_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE
AS $$ SELECT nullif(current_setting('regiopool.tenant_id', true), '')::uuid $$;

--changeset regiopool:001-cooperative
-- The tenants themselves: a reference table, not tenant-scoped.
CREATE TABLE cooperative (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    slug        text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) BETWEEN 3 AND 63),
    region      text        CHECK (length(region) <= 200),
    status      text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    version     integer     NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE ON cooperative TO ${appRole};

--changeset regiopool:001-member
CREATE TABLE member (
    tenant_id          uuid        NOT NULL REFERENCES cooperative (id),
    id                 uuid        NOT NULL,
    name               text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kvk_number         text        NOT NULL CHECK (kvk_number ~ '^[0-9]{8}$'),
    agb_code           text        CHECK (agb_code ~ '^[0-9]{8}$'),
    sector             text        NOT NULL CHECK (sector IN ('GP_PRACTICE', 'GP_ORGANISATION', 'ELDERLY_CARE',
                                       'HOSPITAL', 'MENTAL_HEALTH', 'DISABILITY_CARE', 'OTHER')),
    cao_rule_set_code  text        CHECK (cao_rule_set_code ~ '^[A-Z][A-Z0-9_]{1,63}$'),
    postcode           text        NOT NULL CHECK (postcode ~ '^[1-9][0-9]{3} [A-Z]{2}$'),
    iban               text        NOT NULL CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
    status             text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED', 'LEFT')),
    joined_on          date        NOT NULL,
    version            integer     NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT member_kvk_number_unique UNIQUE (tenant_id, kvk_number)
);
CREATE INDEX member_status_idx ON member (tenant_id, status, id);
CREATE INDEX member_sector_idx ON member (tenant_id, sector, id);
ALTER TABLE member ENABLE ROW LEVEL SECURITY;
ALTER TABLE member FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON member
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
-- No DELETE: a member that leaves gets status LEFT.
GRANT SELECT, INSERT, UPDATE ON member TO ${appRole};

--changeset regiopool:001-audit splitStatements:false
CREATE TABLE audit_event (
    tenant_id      uuid        NOT NULL REFERENCES cooperative (id),
    id             uuid        NOT NULL,
    sequence       bigint      NOT NULL CHECK (sequence > 0),
    occurred_at    timestamptz NOT NULL,
    actor_subject  text        NOT NULL,
    actor_roles    text[]      NOT NULL,
    action         text        NOT NULL,
    entity_type    text        NOT NULL,
    entity_id      uuid        NOT NULL,
    before         jsonb,
    after          jsonb,
    request_id     text        NOT NULL,
    previous_hash  text        NOT NULL CHECK (previous_hash ~ '^[0-9a-f]{64}$'),
    hash           text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT audit_event_sequence_unique UNIQUE (tenant_id, sequence)
);
CREATE INDEX audit_event_entity_idx ON audit_event (tenant_id, entity_type, entity_id, sequence);
CREATE INDEX audit_event_actor_idx ON audit_event (tenant_id, actor_subject, sequence);
CREATE INDEX audit_event_time_idx ON audit_event (tenant_id, occurred_at);

-- The head of each tenant's chain; its row lock serializes sealing per tenant.
CREATE TABLE audit_chain_head (
    tenant_id      uuid    PRIMARY KEY REFERENCES cooperative (id),
    last_sequence  bigint  NOT NULL,
    last_hash      text    NOT NULL CHECK (last_hash ~ '^[0-9a-f]{64}$')
);

CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_event FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_event
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE audit_chain_head ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_chain_head FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_chain_head
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT ON audit_event TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON audit_chain_head TO ${appRole};

--changeset regiopool:001-idempotency
-- Stored responses of POSTs made with an Idempotency-Key, per tenant and caller.
-- Platform (operator) requests use the nil UUID as their tenant.
CREATE TABLE idempotency_key (
    tenant_id         uuid        NOT NULL,
    caller_subject    text        NOT NULL,
    key               text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash      text        NOT NULL,
    response_status   integer,
    response_body     jsonb,
    response_headers  jsonb,
    created_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, caller_subject, key)
);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
ALTER TABLE idempotency_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_key FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON idempotency_key
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_key TO ${appRole};
