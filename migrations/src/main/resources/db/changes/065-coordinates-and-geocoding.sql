--liquibase formatted sql

--changeset regiopool:065-member-worker-coordinates
-- Optional coordinates (WGS84 degrees) of a member's practice and a worker's home; both or neither. Without
-- them, matching derives a location from the postcode through the geocoder cache below.
ALTER TABLE member ADD COLUMN latitude double precision, ADD COLUMN longitude double precision,
    ADD CONSTRAINT member_coordinates CHECK ((latitude IS NULL) = (longitude IS NULL)
        AND latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180);
ALTER TABLE worker ADD COLUMN latitude double precision, ADD COLUMN longitude double precision,
    ADD CONSTRAINT worker_coordinates CHECK ((latitude IS NULL) = (longitude IS NULL)
        AND latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180);

--changeset regiopool:065-postcode-location
-- The geocoder's answers, cached: a postcode's centroid, or no coordinates when the geocoder found none. A
-- postcode's location is public reference data shared by every cooperative (like the cooperative table, not
-- tenant data), so the table has no tenant_id and no row-level security: every tenant's transaction reads and
-- fills the same cache, and it reveals nothing about any tenant.
CREATE TABLE postcode_location (
    postcode    text             PRIMARY KEY CHECK (postcode ~ '^[1-9][0-9]{3} [A-Z]{2}$'),
    latitude    double precision,
    longitude   double precision,
    fetched_at  timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT postcode_location_coordinates CHECK ((latitude IS NULL) = (longitude IS NULL)
        AND latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180)
);
GRANT SELECT, INSERT, UPDATE ON postcode_location TO ${appRole};
