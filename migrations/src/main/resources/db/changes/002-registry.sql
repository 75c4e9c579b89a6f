--liquibase formatted sql

--changeset regiopool:002-btree-gist-present splitStatements:false
-- The pool-membership EXCLUDE constraint needs btree_gist (uuid equality inside a GiST index).
-- Creating an extension needs a superuser, which the migrating owner is not: the embedded profile
-- creates it at start; for a configured database the operator runs, as a superuser, in the
-- Regiopool database: CREATE EXTENSION IF NOT EXISTS btree_gist;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'btree_gist') THEN
        RAISE EXCEPTION 'Extension btree_gist is missing: run CREATE EXTENSION btree_gist as a superuser in this database';
    END IF;
END
$$;

--changeset regiopool:002-cooperative-settings splitStatements:false
-- One row per tenant, created on the first change; until then the defaults below apply.
CREATE TABLE cooperative_settings (
    tenant_id                        uuid         PRIMARY KEY REFERENCES cooperative (id),
    margin_percent                   numeric(5,2) NOT NULL DEFAULT 0 CHECK (margin_percent BETWEEN 0 AND 100),
    service_fee_cents_per_hour       integer      NOT NULL DEFAULT 0 CHECK (service_fee_cents_per_hour >= 0),
    min_home_employer_share_percent  integer      NOT NULL DEFAULT 0
                                         CHECK (min_home_employer_share_percent BETWEEN 0 AND 100),
    time_zone                        text         NOT NULL DEFAULT 'Europe/Amsterdam' CHECK (length(time_zone) BETWEEN 1 AND 64),
    version                          integer      NOT NULL DEFAULT 1,
    updated_at                       timestamptz
);
ALTER TABLE cooperative_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE cooperative_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cooperative_settings
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE ON cooperative_settings TO ${appRole};

-- Today in the cooperative's time zone: the day that decides whether a pool membership is current.
CREATE FUNCTION tenant_today() RETURNS date
    LANGUAGE sql STABLE
AS $$
    SELECT (now() AT TIME ZONE coalesce(
        (SELECT time_zone FROM cooperative_settings WHERE tenant_id = current_tenant_id()),
        'Europe/Amsterdam'))::date
$$;

--changeset regiopool:002-worker
CREATE TABLE worker (
    tenant_id                 uuid        NOT NULL REFERENCES cooperative (id),
    id                        uuid        NOT NULL,
    employer_member_id        uuid        NOT NULL,
    given_name                text        NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),
    family_name               text        NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
    email                     text        CHECK (length(email) <= 254 AND email LIKE '%_@_%'),
    phone                     text        CHECK (phone ~ '^\+?[0-9][0-9 -]{5,19}$'),
    contract_hours_per_week   integer     NOT NULL CHECK (contract_hours_per_week BETWEEN 0 AND 60),
    contract_type             text        NOT NULL CHECK (contract_type IN ('INDEFINITE', 'FIXED_TERM', 'ZERO_HOURS',
                                              'VARIABLE_HOURS')),
    hourly_cost_cents         integer     NOT NULL CHECK (hourly_cost_cents > 0),
    postcode                  text        NOT NULL CHECK (postcode ~ '^[1-9][0-9]{3} [A-Z]{2}$'),
    status                    text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'INACTIVE', 'LEFT')),
    version                   integer     NOT NULL DEFAULT 1,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, employer_member_id) REFERENCES member (tenant_id, id)
);
CREATE INDEX worker_employer_idx ON worker (tenant_id, employer_member_id, id);
CREATE INDEX worker_status_idx ON worker (tenant_id, status, id);
ALTER TABLE worker ENABLE ROW LEVEL SECURITY;
ALTER TABLE worker FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON worker
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
-- No DELETE: a worker that leaves gets status LEFT.
GRANT SELECT, INSERT, UPDATE ON worker TO ${appRole};

CREATE TABLE worker_qualification (
    tenant_id    uuid NOT NULL,
    worker_id    uuid NOT NULL,
    role         text NOT NULL CHECK (role IN ('DOKTERSASSISTENT', 'POH_SOMATIEK', 'POH_GGZ', 'VERPLEEGKUNDIGE',
                     'VERPLEEGKUNDIG_SPECIALIST', 'VERZORGENDE_IG', 'TRIAGIST', 'PRAKTIJKMANAGER', 'HUISARTS', 'OTHER')),
    big_number   text CHECK (big_number ~ '^[0-9]{11}$'),
    valid_until  date,
    PRIMARY KEY (tenant_id, worker_id, role),
    FOREIGN KEY (tenant_id, worker_id) REFERENCES worker (tenant_id, id),
    -- BIG-registered professions carry their BIG number; the other roles carry none.
    CONSTRAINT worker_qualification_big_number CHECK (
        (role IN ('VERPLEEGKUNDIGE', 'VERPLEEGKUNDIG_SPECIALIST', 'HUISARTS')) = (big_number IS NOT NULL))
);
CREATE INDEX worker_qualification_role_idx ON worker_qualification (tenant_id, role, worker_id);
ALTER TABLE worker_qualification ENABLE ROW LEVEL SECURITY;
ALTER TABLE worker_qualification FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON worker_qualification
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
-- DELETE: a PATCH replaces a worker's qualification list (the worker's audit events keep the history).
GRANT SELECT, INSERT, DELETE ON worker_qualification TO ${appRole};

--changeset regiopool:002-pool
CREATE TABLE pool (
    tenant_id      uuid        NOT NULL REFERENCES cooperative (id),
    id             uuid        NOT NULL,
    name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description    text        CHECK (length(description) <= 2000),
    allowed_roles  text[]      NOT NULL DEFAULT '{}' CHECK (allowed_roles <@ ARRAY['DOKTERSASSISTENT', 'POH_SOMATIEK',
                                   'POH_GGZ', 'VERPLEEGKUNDIGE', 'VERPLEEGKUNDIG_SPECIALIST', 'VERZORGENDE_IG', 'TRIAGIST',
                                   'PRAKTIJKMANAGER', 'HUISARTS', 'OTHER']),
    version        integer     NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT pool_name_unique UNIQUE (tenant_id, name)
);
ALTER TABLE pool ENABLE ROW LEVEL SECURITY;
ALTER TABLE pool FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON pool
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE ON pool TO ${appRole};

CREATE TABLE pool_membership (
    tenant_id          uuid        NOT NULL,
    id                 uuid        NOT NULL,
    pool_id            uuid        NOT NULL,
    worker_id          uuid        NOT NULL,
    kind               text        NOT NULL CHECK (kind IN ('FIXED_BASE', 'FLEX')),
    valid_from         date        NOT NULL,
    valid_to           date,
    max_hours_per_week integer     CHECK (max_hours_per_week BETWEEN 0 AND 60),
    version            integer     NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, pool_id) REFERENCES pool (tenant_id, id),
    FOREIGN KEY (tenant_id, worker_id) REFERENCES worker (tenant_id, id),
    CONSTRAINT pool_membership_period CHECK (valid_to IS NULL OR valid_from <= valid_to),
    -- One worker holds at most one membership of a pool on any day, under any concurrency.
    CONSTRAINT pool_membership_no_overlap EXCLUDE USING gist (
        tenant_id WITH =, pool_id WITH =, worker_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
);
CREATE INDEX pool_membership_pool_idx ON pool_membership (tenant_id, pool_id, id);
CREATE INDEX pool_membership_worker_idx ON pool_membership (tenant_id, worker_id, valid_to);
ALTER TABLE pool_membership ENABLE ROW LEVEL SECURITY;
ALTER TABLE pool_membership FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON pool_membership
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
-- No DELETE: a membership ends by its `to` date.
GRANT SELECT, INSERT, UPDATE ON pool_membership TO ${appRole};
