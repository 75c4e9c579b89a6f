--liquibase formatted sql

--changeset regiopool:130-settlement-line-sealed-placement
-- What closed settlements charged for a placement, read per placement while a month is computed: sealed lines
-- are exactly the lines of closed settlements, so the lookup needs neither the settlement nor the DRAFT lines.
CREATE INDEX settlement_line_sealed_placement_idx ON settlement_line (tenant_id, placement_id) WHERE sealed;

--changeset regiopool:130-settlement-closed-insert-per-statement splitStatements:false
-- New lines cannot be slipped into a closed settlement: checked once per INSERT statement over all its rows
-- (a month's lines are inserted thousands at a time), instead of once per row. Statements and positions, a few
-- per month, keep their check per row before the insert.
CREATE FUNCTION refuse_inserts_in_closed_settlement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM settlement s
               WHERE s.status = 'CLOSED'
                 AND (s.tenant_id, s.id) IN (SELECT DISTINCT n.tenant_id, n.settlement_id FROM new_rows n)) THEN
        RAISE EXCEPTION 'settlement is closed: INSERT on % refused', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NULL;
END
$$;
DROP TRIGGER settlement_line_closed_insert ON settlement_line;
CREATE TRIGGER settlement_line_closed_insert AFTER INSERT ON settlement_line
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_inserts_in_closed_settlement();
