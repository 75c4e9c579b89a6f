--liquibase formatted sql

--changeset regiopool:008-vat-condition-names splitStatements:true
-- The VAT assessment's unmet conditions are named as the condition that must hold (INDEFINITE_PERIOD) instead
-- of the state found (FIXED_PERIOD), which read as the opposite of what it meant. Stored terms are renamed
-- once, for every cooperative: row-level security and the immutability trigger are lifted for this
-- transaction only (the meaning of the terms does not change, only the name of the code).
ALTER TABLE loan_agreement_version NO FORCE ROW LEVEL SECURITY;
ALTER TABLE loan_agreement_version DISABLE TRIGGER loan_agreement_version_immutable;
UPDATE loan_agreement_version SET vat_unmet_conditions = ARRAY(
        SELECT CASE code
                   WHEN 'FIXED_PERIOD' THEN 'INDEFINITE_PERIOD'
                   WHEN 'NON_INDEFINITE_CONTRACT' THEN 'INDEFINITE_CONTRACT'
                   WHEN 'FLEXIBLE_HOURS_CONTRACT' THEN 'FIXED_HOURS_CONTRACT'
                   WHEN 'FEE_ABOVE_WAGE_COST_PLUS_5PCT' THEN 'FEE_WITHIN_WAGE_COST_PLUS_5PCT'
                   ELSE code END
        FROM unnest(vat_unmet_conditions) WITH ORDINALITY AS u(code, position) ORDER BY position)
    WHERE cardinality(vat_unmet_conditions) > 0;
ALTER TABLE loan_agreement_version ENABLE TRIGGER loan_agreement_version_immutable;
ALTER TABLE loan_agreement_version FORCE ROW LEVEL SECURITY;
