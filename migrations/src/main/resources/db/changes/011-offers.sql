--liquibase formatted sql

--changeset regiopool:011-offer
-- A staffing request offered to one worker. One offer per worker and request; one accepted (or released, or
-- placed) offer per request, under any concurrency: the first accept wins, the database refuses the others.
CREATE TABLE offer (
    tenant_id            uuid        NOT NULL REFERENCES cooperative (id),
    id                   uuid        NOT NULL,
    staffing_request_id  uuid        NOT NULL,
    worker_id            uuid        NOT NULL,
    employer_member_id   uuid        NOT NULL,
    status               text        NOT NULL DEFAULT 'OFFERED' CHECK (status IN ('OFFERED', 'ACCEPTED', 'DECLINED',
                                         'RELEASED', 'PLACED', 'WITHDRAWN', 'EXPIRED', 'TAKEN')),
    offered_by           text        NOT NULL,
    accepted_at          timestamptz,
    placed_at            timestamptz,
    agreement_id         uuid,
    version              integer     NOT NULL DEFAULT 1,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, staffing_request_id) REFERENCES staffing_request (tenant_id, id),
    FOREIGN KEY (tenant_id, worker_id) REFERENCES worker (tenant_id, id),
    FOREIGN KEY (tenant_id, employer_member_id) REFERENCES member (tenant_id, id),
    FOREIGN KEY (tenant_id, agreement_id) REFERENCES loan_agreement (tenant_id, id),
    CONSTRAINT offer_worker_unique UNIQUE (tenant_id, staffing_request_id, worker_id),
    CONSTRAINT offer_accepted CHECK ((status IN ('ACCEPTED', 'RELEASED', 'PLACED')) <= (accepted_at IS NOT NULL)),
    CONSTRAINT offer_placed CHECK ((status = 'PLACED') = (placed_at IS NOT NULL AND agreement_id IS NOT NULL))
);
CREATE UNIQUE INDEX offer_one_taker_per_request ON offer (tenant_id, staffing_request_id)
    WHERE status IN ('ACCEPTED', 'RELEASED', 'PLACED');
CREATE INDEX offer_worker_idx ON offer (tenant_id, worker_id, id);
ALTER TABLE offer ENABLE ROW LEVEL SECURITY;
ALTER TABLE offer FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON offer
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE ON offer TO ${appRole};
