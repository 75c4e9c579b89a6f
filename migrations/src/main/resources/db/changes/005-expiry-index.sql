--liquibase formatted sql

--changeset regiopool:005-loan-agreement-version-ending
-- The agreement-expiry job looks for terms in force that ended before today. Without this it read every
-- active agreement of each cooperative on every run (200 ms per cooperative of 10,000 agreements in the
-- region benchmark, with nothing to expire); with it, only the terms whose end date has passed.
CREATE INDEX loan_agreement_version_ending_idx
    ON loan_agreement_version (tenant_id, end_date, agreement_id)
    WHERE in_force_from IS NOT NULL AND superseded_at IS NULL AND end_date IS NOT NULL;
