--liquibase formatted sql

--changeset regiopool:010-staffing-request
-- A member's request for help. SHIFTS requests hold their shifts in staffing_request_shift; COVERAGE
-- requests hold a period, hours per week and a reason instead. starts_at is the first moment asked for
-- (the first shift's start, or the start date's midnight in the cooperative's time zone): the expiry job
-- reads it.
CREATE TABLE staffing_request (
    tenant_id                  uuid        NOT NULL REFERENCES cooperative (id),
    id                         uuid        NOT NULL,
    member_id                  uuid        NOT NULL,
    role                       text        NOT NULL CHECK (role IN ('DOKTERSASSISTENT', 'POH_SOMATIEK', 'POH_GGZ',
                                               'VERPLEEGKUNDIGE', 'VERPLEEGKUNDIG_SPECIALIST', 'VERZORGENDE_IG',
                                               'TRIAGIST', 'PRAKTIJKMANAGER', 'HUISARTS', 'OTHER')),
    kind                       text        NOT NULL CHECK (kind IN ('SHIFTS', 'COVERAGE')),
    starts_at                  timestamptz NOT NULL,
    start_date                 date,
    end_date                   date,
    hours_per_week             integer,
    reason                     text,
    location_postcode          text        NOT NULL CHECK (location_postcode ~ '^[1-9][0-9]{3} [A-Z]{2}$'),
    max_tariff_cents_per_hour  bigint      CHECK (max_tariff_cents_per_hour > 0),
    notes                      text        CHECK (length(notes) BETWEEN 1 AND 2000),
    status                     text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'PARTIALLY_FILLED', 'FILLED',
                                               'CANCELLED', 'EXPIRED')),
    cancelled_at               timestamptz,
    cancelled_by               text,
    cancellation_reason        text        CHECK (length(cancellation_reason) BETWEEN 1 AND 1000),
    expired_at                 timestamptz,
    version                    integer     NOT NULL DEFAULT 1,
    created_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, member_id) REFERENCES member (tenant_id, id),
    CONSTRAINT staffing_request_kind_fields CHECK (CASE kind
        WHEN 'SHIFTS' THEN start_date IS NULL AND end_date IS NULL AND hours_per_week IS NULL AND reason IS NULL
        ELSE start_date IS NOT NULL AND end_date IS NOT NULL AND end_date >= start_date
             AND hours_per_week BETWEEN 1 AND 60
             AND reason IN ('SICK_LEAVE_COVER', 'PARENTAL_LEAVE_COVER', 'VACANCY', 'PEAK') END),
    CONSTRAINT staffing_request_cancelled CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL)
        AND (cancelled_at IS NULL) = (cancellation_reason IS NULL)),
    CONSTRAINT staffing_request_expired CHECK ((status = 'EXPIRED') = (expired_at IS NOT NULL))
);
CREATE INDEX staffing_request_member_idx ON staffing_request (tenant_id, member_id, id);
CREATE INDEX staffing_request_open_start_idx ON staffing_request (tenant_id, starts_at) WHERE status = 'OPEN';
ALTER TABLE staffing_request ENABLE ROW LEVEL SECURITY;
ALTER TABLE staffing_request FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON staffing_request
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
-- No DELETE: a request ends as FILLED, CANCELLED or EXPIRED.
GRANT SELECT, INSERT, UPDATE ON staffing_request TO ${appRole};

--changeset regiopool:010-staffing-request-shift
-- The shifts of a SHIFTS request: no two of one request overlap, under any concurrency.
CREATE TABLE staffing_request_shift (
    tenant_id            uuid        NOT NULL,
    id                   uuid        NOT NULL,
    staffing_request_id  uuid        NOT NULL,
    starts_at            timestamptz NOT NULL,
    ends_at              timestamptz NOT NULL,
    break_minutes        integer     NOT NULL DEFAULT 0 CHECK (break_minutes >= 0),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, staffing_request_id) REFERENCES staffing_request (tenant_id, id),
    CONSTRAINT staffing_request_shift_shape CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '24 hours'
        AND make_interval(mins => break_minutes) < ends_at - starts_at),
    CONSTRAINT staffing_request_shift_no_overlap EXCLUDE USING gist (
        tenant_id WITH =, staffing_request_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
);
CREATE INDEX staffing_request_shift_request_idx ON staffing_request_shift (tenant_id, staffing_request_id, starts_at);
ALTER TABLE staffing_request_shift ENABLE ROW LEVEL SECURITY;
ALTER TABLE staffing_request_shift FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON staffing_request_shift
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
-- DELETE: a patch of an OPEN request replaces its shifts.
GRANT SELECT, INSERT, DELETE ON staffing_request_shift TO ${appRole};

--changeset regiopool:010-staffing-request-pool
-- The pools a request limits its candidates to (none: every pool).
CREATE TABLE staffing_request_pool (
    tenant_id            uuid NOT NULL,
    staffing_request_id  uuid NOT NULL,
    pool_id              uuid NOT NULL,
    PRIMARY KEY (tenant_id, staffing_request_id, pool_id),
    FOREIGN KEY (tenant_id, staffing_request_id) REFERENCES staffing_request (tenant_id, id),
    CONSTRAINT staffing_request_pool_fk FOREIGN KEY (tenant_id, pool_id) REFERENCES pool (tenant_id, id)
);
ALTER TABLE staffing_request_pool ENABLE ROW LEVEL SECURITY;
ALTER TABLE staffing_request_pool FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON staffing_request_pool
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, DELETE ON staffing_request_pool TO ${appRole};

--changeset regiopool:010-staffing-request-shift-count splitStatements:false
-- A SHIFTS request has 1-50 shifts, a COVERAGE request none; checked at commit, after all of a write's rows.
CREATE FUNCTION staffing_request_shift_count_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    request_id uuid;
    request_kind text;
    shift_count integer;
BEGIN
    IF TG_TABLE_NAME = 'staffing_request' THEN
        request_id := NEW.id;
    ELSIF TG_OP = 'DELETE' THEN
        request_id := OLD.staffing_request_id;
    ELSE
        request_id := NEW.staffing_request_id;
    END IF;
    SELECT kind INTO request_kind FROM staffing_request WHERE id = request_id;
    SELECT count(*) INTO shift_count FROM staffing_request_shift WHERE staffing_request_id = request_id;
    IF (request_kind = 'SHIFTS' AND shift_count NOT BETWEEN 1 AND 50)
            OR (request_kind = 'COVERAGE' AND shift_count <> 0) THEN
        RAISE EXCEPTION 'staffing request % (%) has % shifts', request_id, request_kind, shift_count
            USING ERRCODE = 'check_violation', CONSTRAINT = 'staffing_request_shift_count';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER staffing_request_shift_count
    AFTER INSERT OR UPDATE ON staffing_request DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION staffing_request_shift_count_check();
CREATE CONSTRAINT TRIGGER staffing_request_shift_count
    AFTER INSERT OR DELETE ON staffing_request_shift DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION staffing_request_shift_count_check();
