--liquibase formatted sql

--changeset regiopool:170-settlement-line-statement-index
-- A statement's lines in id order, as its CSV export pages through them: without it each page walked the whole
-- settlement's lines and kept the statement's.
CREATE INDEX settlement_line_statement_idx ON settlement_line (tenant_id, statement_id, id);

--changeset regiopool:170-settlement-line-placement-key-first
-- The one-line-per-placement key, led by the placement, also serves what the plain placement index served (the
-- foreign key's check when a home shift is deleted), so a month's insert maintains one index fewer.
ALTER TABLE settlement_line
    DROP CONSTRAINT settlement_line_placement_once,
    ADD CONSTRAINT settlement_line_placement_once UNIQUE (tenant_id, placement_id, settlement_id);
DROP INDEX settlement_line_placement_idx;

--changeset regiopool:170-settlement-line-statement-of-its-settlement
-- A line's statement must belong to the line's settlement: one foreign key to the statement by both says so, and
-- replaces the two separate ones (the statement's own key names the settlement), one check per line fewer.
ALTER TABLE settlement_statement
    ADD CONSTRAINT settlement_statement_in_settlement UNIQUE (tenant_id, settlement_id, id);
DROP INDEX settlement_statement_settlement_idx;
ALTER TABLE settlement_line
    DROP CONSTRAINT settlement_line_tenant_id_settlement_id_fkey,
    DROP CONSTRAINT settlement_line_tenant_id_statement_id_fkey,
    ADD CONSTRAINT settlement_line_statement_fkey FOREIGN KEY (tenant_id, settlement_id, statement_id)
        REFERENCES settlement_statement (tenant_id, settlement_id, id);
