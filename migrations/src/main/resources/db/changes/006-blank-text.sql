--liquibase formatted sql

--changeset regiopool:006-is-blank splitStatements:false
-- One definition of blank text, the API's (nl.regiopool.http.Text.BLANK_CLASS, the same character class): nothing
-- but Unicode White_Space and the zero-width characters U+200B-U+200D, U+2060, U+FEFF.
CREATE FUNCTION is_blank(value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT value ~ '^[\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]*$' $$;

--changeset regiopool:006-not-blank
-- Names and reasons are never blank. NOT VALID: rows stored before keep whatever they hold; new and changed rows
-- are checked.
ALTER TABLE cooperative ADD CONSTRAINT cooperative_name_not_blank CHECK (NOT is_blank(name)) NOT VALID;
ALTER TABLE member ADD CONSTRAINT member_name_not_blank CHECK (NOT is_blank(name)) NOT VALID;
ALTER TABLE worker ADD CONSTRAINT worker_given_name_not_blank CHECK (NOT is_blank(given_name)) NOT VALID;
ALTER TABLE worker ADD CONSTRAINT worker_family_name_not_blank CHECK (NOT is_blank(family_name)) NOT VALID;
ALTER TABLE pool ADD CONSTRAINT pool_name_not_blank CHECK (NOT is_blank(name)) NOT VALID;
ALTER TABLE cao_rule_set ADD CONSTRAINT cao_rule_set_name_not_blank CHECK (NOT is_blank(name)) NOT VALID;
ALTER TABLE loan_agreement ADD CONSTRAINT loan_agreement_termination_reason_not_blank
    CHECK (NOT is_blank(termination_reason)) NOT VALID;
ALTER TABLE loan_agreement ADD CONSTRAINT loan_agreement_cancellation_reason_not_blank
    CHECK (NOT is_blank(cancellation_reason)) NOT VALID;
ALTER TABLE placement ADD CONSTRAINT placement_external_id_not_blank CHECK (NOT is_blank(external_id)) NOT VALID;
ALTER TABLE placement ADD CONSTRAINT placement_cancellation_reason_not_blank
    CHECK (NOT is_blank(cancellation_reason)) NOT VALID;
ALTER TABLE placement ADD CONSTRAINT placement_override_reason_not_blank
    CHECK (NOT is_blank(override_reason)) NOT VALID;
