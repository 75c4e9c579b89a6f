--liquibase formatted sql

--changeset regiopool:015-worker-availability
-- A worker's stated availability: one row per worker that stated it (its version is the ETag; no row means
-- never stated), a weekly pattern of local-time windows and dated exceptions. Times are minutes of the day
-- in the cooperative's time zone, the end exclusive (1440 = the end of the day).
CREATE TABLE worker_availability (
    tenant_id   uuid        NOT NULL,
    worker_id   uuid        NOT NULL,
    version     integer     NOT NULL DEFAULT 1,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, worker_id),
    FOREIGN KEY (tenant_id, worker_id) REFERENCES worker (tenant_id, id)
);
ALTER TABLE worker_availability ENABLE ROW LEVEL SECURITY;
ALTER TABLE worker_availability FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON worker_availability
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE ON worker_availability TO ${appRole};

CREATE TABLE worker_availability_window (
    tenant_id     uuid    NOT NULL,
    worker_id     uuid    NOT NULL,
    iso_weekday   integer NOT NULL CHECK (iso_weekday BETWEEN 1 AND 7),
    start_minute  integer NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute    integer NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    FOREIGN KEY (tenant_id, worker_id) REFERENCES worker_availability (tenant_id, worker_id),
    CONSTRAINT worker_availability_window_order CHECK (start_minute < end_minute),
    -- The windows of one weekday do not overlap (touching ones may).
    CONSTRAINT worker_availability_window_no_overlap EXCLUDE USING gist (
        tenant_id WITH =, worker_id WITH =, iso_weekday WITH =, int4range(start_minute, end_minute) WITH &&)
);
ALTER TABLE worker_availability_window ENABLE ROW LEVEL SECURITY;
ALTER TABLE worker_availability_window FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON worker_availability_window
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
-- DELETE: a PUT replaces the pattern (the audit events keep the history).
GRANT SELECT, INSERT, DELETE ON worker_availability_window TO ${appRole};

CREATE TABLE worker_availability_exception (
    tenant_id    uuid    NOT NULL,
    worker_id    uuid    NOT NULL,
    position     integer NOT NULL CHECK (position >= 0),
    kind         text    NOT NULL CHECK (kind IN ('AVAILABLE', 'UNAVAILABLE')),
    start_date   date    NOT NULL,
    end_date     date    NOT NULL,
    -- {start, end} minute pairs; empty means the whole day
    windows      integer[] NOT NULL DEFAULT '{}' CHECK (cardinality(windows) % 2 = 0 AND cardinality(windows) <= 20),
    note         text    CHECK (length(note) BETWEEN 1 AND 200),
    PRIMARY KEY (tenant_id, worker_id, position),
    FOREIGN KEY (tenant_id, worker_id) REFERENCES worker_availability (tenant_id, worker_id),
    CONSTRAINT worker_availability_exception_dates CHECK (start_date <= end_date)
);
ALTER TABLE worker_availability_exception ENABLE ROW LEVEL SECURITY;
ALTER TABLE worker_availability_exception FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON worker_availability_exception
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, DELETE ON worker_availability_exception TO ${appRole};
