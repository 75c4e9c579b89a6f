--liquibase formatted sql

--changeset regiopool:070-migration-state-readable
-- The migration health check compares the packaged changelog with the applied changesets, as the application
-- role. The table holds changeset ids and checksums only.
GRANT SELECT ON databasechangelog TO ${appRole};
