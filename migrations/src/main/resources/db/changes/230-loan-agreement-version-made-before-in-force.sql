--liquibase formatted sql

--changeset regiopool:230-loan-agreement-version-made-before-in-force
-- A version comes into force when both sides approved it, or on a later day it names; never before it was made. The
-- asOf list with vatEligible relies on that: a version made after the instant cannot be the terms standing at it, so
-- the walk of the VAT index passes over the versions made later without reading them (created_at is in the index).
-- Without that, an asOf at which fewer than a page of agreements match read every agreement of the cooperative.
ALTER TABLE loan_agreement_version ADD CONSTRAINT loan_agreement_version_in_force_after_made
    CHECK (in_force_from IS NULL OR in_force_from >= created_at);
DROP INDEX loan_agreement_version_vat_idx;
CREATE INDEX loan_agreement_version_vat_idx
    ON loan_agreement_version (tenant_id, vat_eligible, agreement_id)
    INCLUDE (version_no, in_force_from, superseded_at, created_at);
