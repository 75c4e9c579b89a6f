--liquibase formatted sql

--changeset regiopool:009-amendment-effective-from splitStatements:false
-- An amendment may ask to apply from a later day; it comes into force at the start of that day (in the
-- cooperative's time zone) once both sides approved it, or at the second approval when that is later.
ALTER TABLE loan_agreement_version ADD COLUMN effective_from date;
ALTER TABLE loan_agreement_version ADD CONSTRAINT loan_agreement_version_effective_in_period CHECK (
    effective_from IS NULL OR (effective_from >= start_date AND (end_date IS NULL OR effective_from <= end_date)));

CREATE OR REPLACE FUNCTION refuse_rewriting_terms_in_force() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.in_force_from IS NOT NULL AND (
        (NEW.start_date, NEW.end_date, NEW.hours_per_week, NEW.tariff_cents_per_hour, NEW.cost_price_cents_per_hour,
         NEW.vat_eligible, NEW.vat_unmet_conditions, NEW.lender_approved_at, NEW.borrower_approved_at,
         NEW.in_force_from, NEW.version_no, NEW.effective_from)
        IS DISTINCT FROM
        (OLD.start_date, OLD.end_date, OLD.hours_per_week, OLD.tariff_cents_per_hour, OLD.cost_price_cents_per_hour,
         OLD.vat_eligible, OLD.vat_unmet_conditions, OLD.lender_approved_at, OLD.borrower_approved_at,
         OLD.in_force_from, OLD.version_no, OLD.effective_from)
        OR (OLD.superseded_at IS NOT NULL AND NEW.superseded_at IS DISTINCT FROM OLD.superseded_at)) THEN
        RAISE EXCEPTION 'loan agreement terms in force are immutable; amend the agreement instead'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;

--changeset regiopool:009-admin-approves-amendments
-- Whether a coop_admin may approve the sides of an amendment; by default each side approves for itself.
ALTER TABLE cooperative_settings ADD COLUMN admin_approves_amendments boolean NOT NULL DEFAULT false;
