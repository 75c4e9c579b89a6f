--liquibase formatted sql

--changeset regiopool:004-cao-rule-set
-- Rule sets per cooperative: ATW and CAO_HUISARTSENZORG are seeded when the cooperative is created.
CREATE TABLE cao_rule_set (
    tenant_id     uuid        NOT NULL REFERENCES cooperative (id),
    id            uuid        NOT NULL,
    code          text        NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,63}$'),
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    extends_code  text,
    version       integer     NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, code),
    CONSTRAINT cao_rule_set_id_unique UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, extends_code) REFERENCES cao_rule_set (tenant_id, code),
    CONSTRAINT cao_rule_set_not_own_parent CHECK (extends_code <> code)
);
ALTER TABLE cao_rule_set ENABLE ROW LEVEL SECURITY;
ALTER TABLE cao_rule_set FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cao_rule_set
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE ON cao_rule_set TO ${appRole};

--changeset regiopool:004-cao-rule-set-version
-- parameters: the API's typed parameter list ({name, source, minutes|count|breakRules|surchargeWindows}),
-- validated by the application before it is stored. Versions are immutable (no UPDATE grant).
CREATE TABLE cao_rule_set_version (
    tenant_id      uuid        NOT NULL,
    rule_set_code  text        NOT NULL,
    valid_from     date        NOT NULL,
    valid_to       date,
    parameters     jsonb       NOT NULL CHECK (jsonb_typeof(parameters) = 'array'),
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, rule_set_code, valid_from),
    FOREIGN KEY (tenant_id, rule_set_code) REFERENCES cao_rule_set (tenant_id, code),
    CONSTRAINT cao_rule_set_version_period CHECK (valid_to IS NULL OR valid_to >= valid_from),
    CONSTRAINT cao_rule_set_version_no_overlap EXCLUDE USING gist (
        tenant_id WITH =, rule_set_code WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
);
ALTER TABLE cao_rule_set_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE cao_rule_set_version FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cao_rule_set_version
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT ON cao_rule_set_version TO ${appRole};

--changeset regiopool:004-placement
-- Borrowed shifts (SHIFT, under an agreement) and home shifts (HOME_SHIFT, at the employer, whose
-- borrower is the employer itself). No two non-cancelled ones of a worker overlap, under any concurrency.
CREATE TABLE placement (
    tenant_id              uuid        NOT NULL REFERENCES cooperative (id),
    id                     uuid        NOT NULL,
    kind                   text        NOT NULL CHECK (kind IN ('SHIFT', 'HOME_SHIFT')),
    agreement_id           uuid,
    worker_id              uuid        NOT NULL,
    borrower_member_id     uuid        NOT NULL,
    employer_member_id     uuid        NOT NULL,
    role                   text,
    starts_at              timestamptz NOT NULL,
    ends_at                timestamptz NOT NULL,
    break_minutes          integer     NOT NULL CHECK (break_minutes >= 0),
    location_postcode      text,
    external_id            text        CHECK (length(external_id) BETWEEN 1 AND 200),
    status                 text        NOT NULL CHECK (status IN ('PLANNED', 'CONFIRMED', 'COMPLETED', 'CANCELLED', 'NO_SHOW')),
    confirmed_at           timestamptz,
    actual_starts_at       timestamptz,
    actual_ends_at         timestamptz,
    actual_break_minutes   integer     CHECK (actual_break_minutes >= 0),
    completed_at           timestamptz,
    completed_by           text,
    cancelled_at           timestamptz,
    cancelled_by           text,
    cancellation_reason    text        CHECK (length(cancellation_reason) BETWEEN 1 AND 1000),
    late_cancellation      boolean,
    no_show_at             timestamptz,
    override_reason        text        CHECK (length(override_reason) BETWEEN 1 AND 1000),
    overridden_by          text,
    overridden_at          timestamptz,
    overridden_violations  jsonb,
    cost_lines             jsonb       NOT NULL DEFAULT '[]',
    version                integer     NOT NULL DEFAULT 1,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, agreement_id) REFERENCES loan_agreement (tenant_id, id),
    FOREIGN KEY (tenant_id, worker_id) REFERENCES worker (tenant_id, id),
    FOREIGN KEY (tenant_id, borrower_member_id) REFERENCES member (tenant_id, id),
    FOREIGN KEY (tenant_id, employer_member_id) REFERENCES member (tenant_id, id),
    CONSTRAINT placement_ends_after_start CHECK (ends_at > starts_at),
    CONSTRAINT placement_kind_fields CHECK (CASE kind
        WHEN 'SHIFT' THEN agreement_id IS NOT NULL AND role IS NOT NULL AND external_id IS NULL
        ELSE agreement_id IS NULL AND external_id IS NOT NULL AND borrower_member_id = employer_member_id END),
    CONSTRAINT placement_completed CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL)
        AND (completed_at IS NULL OR (actual_starts_at IS NOT NULL AND actual_ends_at > actual_starts_at
                                      AND actual_break_minutes IS NOT NULL))),
    CONSTRAINT placement_cancelled CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL)),
    CONSTRAINT placement_override_complete CHECK ((override_reason IS NULL) = (overridden_at IS NULL)),
    CONSTRAINT placement_no_overlap EXCLUDE USING gist (
        tenant_id WITH =, worker_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status <> 'CANCELLED')
);
CREATE UNIQUE INDEX placement_home_shift_external_id
    ON placement (tenant_id, worker_id, external_id) WHERE kind = 'HOME_SHIFT';
CREATE INDEX placement_worker_time_idx ON placement (tenant_id, worker_id, starts_at);
CREATE INDEX placement_borrower_idx ON placement (tenant_id, borrower_member_id, id);
CREATE INDEX placement_employer_idx ON placement (tenant_id, employer_member_id, id);
CREATE INDEX placement_agreement_idx ON placement (tenant_id, agreement_id, starts_at);
ALTER TABLE placement ENABLE ROW LEVEL SECURITY;
ALTER TABLE placement FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON placement
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
-- DELETE: a roster sync replaces the home shifts of its window (only HOME_SHIFT rows are ever deleted)
GRANT SELECT, INSERT, UPDATE, DELETE ON placement TO ${appRole};

--changeset regiopool:004-home-roster
-- The version of a worker's home-shift roster: the ETag a roster sync must match.
CREATE TABLE home_roster (
    tenant_id   uuid        NOT NULL,
    worker_id   uuid        NOT NULL,
    version     integer     NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, worker_id),
    FOREIGN KEY (tenant_id, worker_id) REFERENCES worker (tenant_id, id)
);
ALTER TABLE home_roster ENABLE ROW LEVEL SECURITY;
ALTER TABLE home_roster FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON home_roster
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE ON home_roster TO ${appRole};
