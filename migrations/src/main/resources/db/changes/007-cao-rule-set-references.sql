--liquibase formatted sql

--changeset regiopool:007-cao-rule-set-references
-- Members and agreements name their CAO rule set by code; an unknown code made the rule engine fall back to
-- the law alone and drop every CAO surcharge without a word. The codes now reference the cooperative's rule
-- sets (rule sets are never deleted). NOT VALID: rows written before this changeset are not re-checked, so an
-- existing database with a mistyped code still migrates; every new or changed row is checked. Once such rows
-- are corrected, ALTER TABLE ... VALIDATE CONSTRAINT makes the guarantee complete.
ALTER TABLE member ADD CONSTRAINT member_cao_rule_set_fk
    FOREIGN KEY (tenant_id, cao_rule_set_code) REFERENCES cao_rule_set (tenant_id, code) NOT VALID;
ALTER TABLE loan_agreement ADD CONSTRAINT loan_agreement_cao_rule_set_fk
    FOREIGN KEY (tenant_id, cao_rule_set_code) REFERENCES cao_rule_set (tenant_id, code) NOT VALID;
