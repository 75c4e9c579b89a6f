--liquibase formatted sql

--changeset regiopool:020-dispute-days
-- Days after a placement's completion in which the lender may dispute its hours.
ALTER TABLE cooperative_settings
    ADD COLUMN dispute_days integer NOT NULL DEFAULT 7 CHECK (dispute_days BETWEEN 1 AND 365);

--changeset regiopool:020-placement-dispute
-- A lender's dispute of the approved hours, and an admin's resolution (corrected actuals). Disputed once.
ALTER TABLE placement
    ADD COLUMN disputed_at             timestamptz,
    ADD COLUMN disputed_by             text,
    ADD COLUMN dispute_reason          text CHECK (length(dispute_reason) BETWEEN 1 AND 1000),
    ADD COLUMN dispute_resolved_at     timestamptz,
    ADD COLUMN dispute_resolved_by     text,
    ADD COLUMN dispute_resolution_note text CHECK (length(dispute_resolution_note) <= 1000),
    ADD CONSTRAINT placement_dispute_complete CHECK (
        (disputed_at IS NULL) = (dispute_reason IS NULL) AND (disputed_at IS NULL) = (disputed_by IS NULL)
        AND (dispute_resolved_at IS NULL OR disputed_at IS NOT NULL)
        AND (dispute_resolved_at IS NULL) = (dispute_resolved_by IS NULL)
        AND (disputed_at IS NULL OR status = 'COMPLETED'));
-- Settlement runs read a month's completed shifts by start time.
CREATE INDEX placement_completed_start_idx ON placement (tenant_id, starts_at) WHERE status = 'COMPLETED' AND kind = 'SHIFT';

--changeset regiopool:020-settlement splitStatements:false
-- A month's settlement: DRAFT (recomputed at will) or CLOSED (immutable: see the triggers below).
CREATE TABLE settlement (
    tenant_id            uuid        NOT NULL REFERENCES cooperative (id),
    id                   uuid        NOT NULL,
    period               date        NOT NULL CHECK (extract(day FROM period) = 1),
    status               text        NOT NULL CHECK (status IN ('DRAFT', 'CLOSED')),
    fee_cents_per_hour   integer     NOT NULL CHECK (fee_cents_per_hour >= 0),
    computed_at          timestamptz NOT NULL,
    closed_at            timestamptz,
    closed_by            text,
    version              integer     NOT NULL DEFAULT 1,
    created_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT settlement_period_unique UNIQUE (tenant_id, period),
    CONSTRAINT settlement_closed CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL)
                                       AND (closed_at IS NULL) = (closed_by IS NULL))
);

-- One per lender -> borrower pair and VAT treatment.
CREATE TABLE settlement_statement (
    tenant_id             uuid    NOT NULL,
    id                    uuid    NOT NULL,
    settlement_id         uuid    NOT NULL,
    lender_member_id      uuid    NOT NULL,
    borrower_member_id    uuid    NOT NULL,
    vat_percent           integer NOT NULL CHECK (vat_percent IN (0, 21)),
    vat_exemption_ground  text,
    line_count            integer NOT NULL CHECK (line_count > 0),
    subtotal_cents        bigint  NOT NULL,
    vat_cents             bigint  NOT NULL,
    total_cents           bigint  NOT NULL CHECK (total_cents = subtotal_cents + vat_cents),
    sealed                boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, settlement_id) REFERENCES settlement (tenant_id, id),
    FOREIGN KEY (tenant_id, lender_member_id) REFERENCES member (tenant_id, id),
    FOREIGN KEY (tenant_id, borrower_member_id) REFERENCES member (tenant_id, id),
    CONSTRAINT settlement_statement_vat_ground CHECK ((vat_percent = 0) = (vat_exemption_ground IS NOT NULL))
);
CREATE INDEX settlement_statement_settlement_idx ON settlement_statement (tenant_id, settlement_id, id);

CREATE TABLE settlement_line (
    tenant_id             uuid          NOT NULL,
    id                    uuid          NOT NULL,
    settlement_id         uuid          NOT NULL,
    statement_id          uuid          NOT NULL,
    placement_id          uuid          NOT NULL,
    agreement_id          uuid          NOT NULL,
    worker_id             uuid          NOT NULL,
    lender_member_id      uuid          NOT NULL,
    borrower_member_id    uuid          NOT NULL,
    work_date             date          NOT NULL,
    worked_seconds        bigint        NOT NULL,
    base_cents            bigint        NOT NULL,
    surcharge_cents       bigint        NOT NULL,
    fee_cents             bigint        NOT NULL,
    vat_cents             bigint        NOT NULL,
    flags                 text[]        NOT NULL DEFAULT '{}',
    correction_of_period  date,
    sealed                boolean       NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, settlement_id) REFERENCES settlement (tenant_id, id),
    FOREIGN KEY (tenant_id, statement_id) REFERENCES settlement_statement (tenant_id, id),
    FOREIGN KEY (tenant_id, placement_id) REFERENCES placement (tenant_id, id),
    CONSTRAINT settlement_line_placement_once UNIQUE (tenant_id, settlement_id, placement_id)
);
CREATE INDEX settlement_line_settlement_idx ON settlement_line (tenant_id, settlement_id, id);
CREATE INDEX settlement_line_placement_idx ON settlement_line (tenant_id, placement_id);

-- memberId NULL is the cooperative's own fee income.
CREATE TABLE settlement_position (
    tenant_id         uuid    NOT NULL,
    settlement_id     uuid    NOT NULL,
    member_id         uuid,
    receivable_cents  bigint  NOT NULL,
    payable_cents     bigint  NOT NULL,
    net_cents         bigint  NOT NULL CHECK (net_cents = receivable_cents - payable_cents),
    sealed            boolean NOT NULL DEFAULT false,
    FOREIGN KEY (tenant_id, settlement_id) REFERENCES settlement (tenant_id, id),
    FOREIGN KEY (tenant_id, member_id) REFERENCES member (tenant_id, id)
);
CREATE UNIQUE INDEX settlement_position_member_unique
    ON settlement_position (tenant_id, settlement_id, coalesce(member_id, '00000000-0000-0000-0000-000000000000'));

-- A CLOSED settlement, and every row sealed with it, can be neither changed nor deleted: by any role,
-- the owner included (only dropping the trigger, a schema change, would allow it). Children carry
-- their own sealed flag so the check needs no lookup that row-level security could hide.
CREATE FUNCTION refuse_closed_settlement_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION '% of % refused: settlements are kept', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (TG_TABLE_NAME = 'settlement' AND OLD.status = 'CLOSED')
       OR (TG_TABLE_NAME <> 'settlement' AND OLD.sealed) THEN
        RAISE EXCEPTION 'settlement is closed: % on % refused', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
-- New rows cannot be slipped into a closed settlement either.
CREATE FUNCTION refuse_rows_in_closed_settlement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM settlement s WHERE s.tenant_id = NEW.tenant_id AND s.id = NEW.settlement_id
               AND s.status = 'CLOSED') THEN
        RAISE EXCEPTION 'settlement is closed: INSERT on % refused', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER settlement_closed_immutable BEFORE UPDATE OR DELETE ON settlement
    FOR EACH ROW EXECUTE FUNCTION refuse_closed_settlement_change();
CREATE TRIGGER settlement_no_truncate BEFORE TRUNCATE ON settlement
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_closed_settlement_change();
CREATE TRIGGER settlement_statement_sealed BEFORE UPDATE OR DELETE ON settlement_statement
    FOR EACH ROW EXECUTE FUNCTION refuse_closed_settlement_change();
CREATE TRIGGER settlement_statement_no_truncate BEFORE TRUNCATE ON settlement_statement
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_closed_settlement_change();
CREATE TRIGGER settlement_statement_closed_insert BEFORE INSERT ON settlement_statement
    FOR EACH ROW EXECUTE FUNCTION refuse_rows_in_closed_settlement();
CREATE TRIGGER settlement_line_sealed BEFORE UPDATE OR DELETE ON settlement_line
    FOR EACH ROW EXECUTE FUNCTION refuse_closed_settlement_change();
CREATE TRIGGER settlement_line_no_truncate BEFORE TRUNCATE ON settlement_line
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_closed_settlement_change();
CREATE TRIGGER settlement_line_closed_insert BEFORE INSERT ON settlement_line
    FOR EACH ROW EXECUTE FUNCTION refuse_rows_in_closed_settlement();
CREATE TRIGGER settlement_position_sealed BEFORE UPDATE OR DELETE ON settlement_position
    FOR EACH ROW EXECUTE FUNCTION refuse_closed_settlement_change();
CREATE TRIGGER settlement_position_no_truncate BEFORE TRUNCATE ON settlement_position
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_closed_settlement_change();
CREATE TRIGGER settlement_position_closed_insert BEFORE INSERT ON settlement_position
    FOR EACH ROW EXECUTE FUNCTION refuse_rows_in_closed_settlement();

ALTER TABLE settlement ENABLE ROW LEVEL SECURITY;
ALTER TABLE settlement FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON settlement
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE settlement_statement ENABLE ROW LEVEL SECURITY;
ALTER TABLE settlement_statement FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON settlement_statement
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE settlement_line ENABLE ROW LEVEL SECURITY;
ALTER TABLE settlement_line FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON settlement_line
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE settlement_position ENABLE ROW LEVEL SECURITY;
ALTER TABLE settlement_position FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON settlement_position
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
-- DELETE: a DRAFT is recomputed by replacing its rows (the triggers refuse it once closed).
GRANT SELECT, INSERT, UPDATE, DELETE ON settlement, settlement_statement, settlement_line, settlement_position
    TO ${appRole};

--changeset regiopool:020-settlement-immutable-per-table splitStatements:false
-- PL/pgSQL resolves every field an expression names, so the check of the settlement's status and the
-- check of a child's sealed flag sit in separate branches.
CREATE OR REPLACE FUNCTION refuse_closed_settlement_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    closed boolean;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION '% of % refused: settlements are kept', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_TABLE_NAME = 'settlement' THEN
        closed := OLD.status = 'CLOSED';
    ELSE
        closed := OLD.sealed;
    END IF;
    IF closed THEN
        RAISE EXCEPTION 'settlement is closed: % on % refused', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
