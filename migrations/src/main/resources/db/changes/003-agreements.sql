--liquibase formatted sql

--changeset regiopool:003-agreement-number
-- Per tenant and year the last number handed out. Taking the next one locks the row until commit,
-- and a rolled-back create gives its number back: numbers are gap-free under concurrency.
CREATE TABLE loan_agreement_number (
    tenant_id    uuid    NOT NULL REFERENCES cooperative (id),
    year         integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
    last_number  integer NOT NULL CHECK (last_number > 0),
    PRIMARY KEY (tenant_id, year)
);
ALTER TABLE loan_agreement_number ENABLE ROW LEVEL SECURITY;
ALTER TABLE loan_agreement_number FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_agreement_number
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE ON loan_agreement_number TO ${appRole};

--changeset regiopool:003-loan-agreement
CREATE TABLE loan_agreement (
    tenant_id                   uuid        NOT NULL REFERENCES cooperative (id),
    id                          uuid        NOT NULL,
    number                      text        NOT NULL CHECK (number ~ '^LA-[0-9]{4}-[0-9]{4,}$'),
    lender_member_id            uuid        NOT NULL,
    borrower_member_id          uuid        NOT NULL,
    worker_id                   uuid        NOT NULL,
    role                        text        NOT NULL CHECK (role IN ('DOKTERSASSISTENT', 'POH_SOMATIEK', 'POH_GGZ',
                                    'VERPLEEGKUNDIGE', 'VERPLEEGKUNDIG_SPECIALIST', 'VERZORGENDE_IG', 'TRIAGIST',
                                    'PRAKTIJKMANAGER', 'HUISARTS', 'OTHER')),
    cao_rule_set_code           text        CHECK (cao_rule_set_code ~ '^[A-Z][A-Z0-9_]{1,63}$'),
    waadi_regime                text        NOT NULL CHECK (waadi_regime IN ('COLLEGIAL_NO_PROFIT', 'REGULATED_LENDING')),
    status                      text        NOT NULL CHECK (status IN ('DRAFT', 'PROPOSED', 'ACTIVE', 'ENDED',
                                    'TERMINATED', 'CANCELLED')),
    proposed_at                 timestamptz,
    activated_at                timestamptz,
    ended_at                    timestamptz,
    terminated_at               timestamptz,
    termination_reason          text        CHECK (length(termination_reason) BETWEEN 1 AND 1000),
    termination_effective_date  date,
    cancelled_at                timestamptz,
    cancellation_reason         text        CHECK (length(cancellation_reason) BETWEEN 1 AND 1000),
    consented_on                date,
    consent_method              text        CHECK (consent_method IN ('SIGNED_FORM', 'DIGITAL', 'IN_PERSON')),
    consent_recorded_at         timestamptz,
    consent_recorded_by         text,
    version                     integer     NOT NULL DEFAULT 1,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT loan_agreement_number_unique UNIQUE (tenant_id, number),
    FOREIGN KEY (tenant_id, lender_member_id) REFERENCES member (tenant_id, id),
    FOREIGN KEY (tenant_id, borrower_member_id) REFERENCES member (tenant_id, id),
    FOREIGN KEY (tenant_id, worker_id) REFERENCES worker (tenant_id, id),
    CONSTRAINT loan_agreement_two_parties CHECK (lender_member_id <> borrower_member_id),
    -- an agreement is active only with the worker's consent; each status has its moment
    CONSTRAINT loan_agreement_active_needs_consent CHECK (
        status NOT IN ('ACTIVE', 'ENDED', 'TERMINATED') OR (activated_at IS NOT NULL AND consented_on IS NOT NULL)),
    CONSTRAINT loan_agreement_cancelled CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL)),
    CONSTRAINT loan_agreement_terminated CHECK ((status = 'TERMINATED') = (terminated_at IS NOT NULL)),
    CONSTRAINT loan_agreement_consent_complete CHECK (
        (consented_on IS NULL) = (consent_method IS NULL) AND (consented_on IS NULL) = (consent_recorded_at IS NULL))
);
CREATE INDEX loan_agreement_lender_idx ON loan_agreement (tenant_id, lender_member_id, id);
CREATE INDEX loan_agreement_borrower_idx ON loan_agreement (tenant_id, borrower_member_id, id);
CREATE INDEX loan_agreement_worker_idx ON loan_agreement (tenant_id, worker_id, id);
CREATE INDEX loan_agreement_status_idx ON loan_agreement (tenant_id, status, id);
CREATE INDEX loan_agreement_created_idx ON loan_agreement (tenant_id, created_at);
ALTER TABLE loan_agreement ENABLE ROW LEVEL SECURITY;
ALTER TABLE loan_agreement FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_agreement
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE ON loan_agreement TO ${appRole};

--changeset regiopool:003-loan-agreement-version splitStatements:false
-- The terms, one row per version. Version 1 is the proposal; each amendment adds one. A version in
-- force never changes again, except that it is marked superseded when the next one comes into force.
CREATE TABLE loan_agreement_version (
    tenant_id                   uuid        NOT NULL,
    agreement_id                uuid        NOT NULL,
    version_no                  integer     NOT NULL CHECK (version_no > 0),
    start_date                  date        NOT NULL,
    end_date                    date,
    hours_per_week              integer     NOT NULL CHECK (hours_per_week BETWEEN 1 AND 60),
    tariff_cents_per_hour       bigint      NOT NULL CHECK (tariff_cents_per_hour >= 0),
    cost_price_cents_per_hour   bigint      NOT NULL CHECK (cost_price_cents_per_hour > 0),
    vat_eligible                boolean     NOT NULL,
    vat_unmet_conditions        text[]      NOT NULL,
    lender_approved_at          timestamptz,
    lender_approved_by          text,
    borrower_approved_at        timestamptz,
    borrower_approved_by        text,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    in_force_from               timestamptz,
    superseded_at               timestamptz,
    PRIMARY KEY (tenant_id, agreement_id, version_no),
    FOREIGN KEY (tenant_id, agreement_id) REFERENCES loan_agreement (tenant_id, id),
    CONSTRAINT loan_agreement_version_period CHECK (end_date IS NULL OR end_date >= start_date),
    CONSTRAINT loan_agreement_version_in_force_approved CHECK (
        in_force_from IS NULL OR (lender_approved_at IS NOT NULL AND borrower_approved_at IS NOT NULL)),
    CONSTRAINT loan_agreement_version_superseded CHECK (superseded_at IS NULL OR in_force_from IS NOT NULL)
);
-- at most one version awaiting approval and at most one in force per agreement
CREATE UNIQUE INDEX loan_agreement_version_one_pending
    ON loan_agreement_version (tenant_id, agreement_id) WHERE in_force_from IS NULL;
CREATE UNIQUE INDEX loan_agreement_version_one_in_force
    ON loan_agreement_version (tenant_id, agreement_id) WHERE in_force_from IS NOT NULL AND superseded_at IS NULL;
CREATE INDEX loan_agreement_version_in_force_idx
    ON loan_agreement_version (tenant_id, agreement_id, in_force_from);

CREATE FUNCTION refuse_rewriting_terms_in_force() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.in_force_from IS NOT NULL AND (
        (NEW.start_date, NEW.end_date, NEW.hours_per_week, NEW.tariff_cents_per_hour, NEW.cost_price_cents_per_hour,
         NEW.vat_eligible, NEW.vat_unmet_conditions, NEW.lender_approved_at, NEW.borrower_approved_at,
         NEW.in_force_from, NEW.version_no)
        IS DISTINCT FROM
        (OLD.start_date, OLD.end_date, OLD.hours_per_week, OLD.tariff_cents_per_hour, OLD.cost_price_cents_per_hour,
         OLD.vat_eligible, OLD.vat_unmet_conditions, OLD.lender_approved_at, OLD.borrower_approved_at,
         OLD.in_force_from, OLD.version_no)
        OR (OLD.superseded_at IS NOT NULL AND NEW.superseded_at IS DISTINCT FROM OLD.superseded_at)) THEN
        RAISE EXCEPTION 'loan agreement terms in force are immutable; amend the agreement instead'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER loan_agreement_version_immutable
    BEFORE UPDATE ON loan_agreement_version
    FOR EACH ROW EXECUTE FUNCTION refuse_rewriting_terms_in_force();

ALTER TABLE loan_agreement_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE loan_agreement_version FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_agreement_version
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE ON loan_agreement_version TO ${appRole};
