--liquibase formatted sql

--changeset regiopool:030-applicant-retention-setting
ALTER TABLE cooperative_settings ADD COLUMN applicant_retention_days integer NOT NULL DEFAULT 28
    CHECK (applicant_retention_days BETWEEN 1 AND 365);

--changeset regiopool:030-internship-offer
CREATE TABLE internship_offer (
    tenant_id        uuid        NOT NULL REFERENCES cooperative (id),
    id               uuid        NOT NULL,
    member_id        uuid        NOT NULL,
    role             text        NOT NULL CHECK (role IN ('DOKTERSASSISTENT', 'POH_SOMATIEK', 'POH_GGZ')),
    track            text        NOT NULL CHECK (track IN ('BOL', 'BBL')),
    start_date       date        NOT NULL,
    end_date         date        NOT NULL,
    hours_per_week   integer     NOT NULL CHECK (hours_per_week BETWEEN 1 AND 40),
    places           integer     NOT NULL CHECK (places BETWEEN 1 AND 50),
    places_filled    integer     NOT NULL DEFAULT 0 CHECK (places_filled >= 0),
    supervisor_name  text        NOT NULL CHECK (length(supervisor_name) BETWEEN 1 AND 200),
    status           text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'FILLED', 'CLOSED')),
    version          integer     NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, member_id) REFERENCES member (tenant_id, id),
    CONSTRAINT internship_offer_period CHECK (end_date >= start_date),
    -- Never more acceptances than places: every accept adds one to places_filled in its own transaction.
    CONSTRAINT internship_offer_places_available CHECK (places_filled <= places),
    CONSTRAINT internship_offer_filled_status CHECK (status = 'CLOSED' OR (status = 'FILLED') = (places_filled = places))
);
CREATE INDEX internship_offer_start_idx ON internship_offer (tenant_id, start_date);
ALTER TABLE internship_offer ENABLE ROW LEVEL SECURITY;
ALTER TABLE internship_offer FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON internship_offer
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE ON internship_offer TO ${appRole};

--changeset regiopool:030-internship-applicant
-- Personal data lives in the nullable columns; erasure empties them and sets erased_at.
CREATE TABLE internship_applicant (
    tenant_id         uuid        NOT NULL REFERENCES cooperative (id),
    id                uuid        NOT NULL,
    given_name        text        CHECK (length(given_name) BETWEEN 1 AND 100),
    family_name       text        CHECK (length(family_name) BETWEEN 1 AND 100),
    email             text        CHECK (length(email) <= 254 AND email LIKE '%_@_%'),
    phone             text        CHECK (phone ~ '^\+?[0-9][0-9 -]{5,19}$'),
    school            text        CHECK (length(school) BETWEEN 1 AND 200),
    programme         text        CHECK (length(programme) BETWEEN 1 AND 200),
    study_year        integer     CHECK (study_year BETWEEN 1 AND 6),
    wish_roles        text[]      NOT NULL DEFAULT '{}' CHECK (wish_roles <@ ARRAY['DOKTERSASSISTENT', 'POH_SOMATIEK', 'POH_GGZ']),
    wish_start_date   date,
    wish_end_date     date,
    wish_region       text        CHECK (length(wish_region) BETWEEN 1 AND 200),
    consent_given_on  date,
    consent_method    text        CHECK (consent_method IN ('SIGNED_FORM', 'DIGITAL', 'IN_PERSON')),
    erased_at         timestamptz,
    version           integer     NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT internship_applicant_consent CHECK ((consent_given_on IS NULL) = (consent_method IS NULL)),
    CONSTRAINT internship_applicant_erased CHECK ((erased_at IS NULL) = (given_name IS NOT NULL AND family_name IS NOT NULL
        AND school IS NOT NULL AND programme IS NOT NULL))
);
ALTER TABLE internship_applicant ENABLE ROW LEVEL SECURITY;
ALTER TABLE internship_applicant FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON internship_applicant
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE ON internship_applicant TO ${appRole};

--changeset regiopool:030-internship-document
CREATE TABLE internship_document (
    tenant_id     uuid        NOT NULL REFERENCES cooperative (id),
    id            uuid        NOT NULL,
    applicant_id  uuid        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('CV', 'MOTIVATION_LETTER', 'OTHER')),
    file_name     text        NOT NULL CHECK (file_name ~ '^[A-Za-z0-9._-]{1,120}$'),
    content_type  text        NOT NULL CHECK (content_type IN ('application/pdf',
                                  'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
    size_bytes    bigint      NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
    sha256        text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, applicant_id) REFERENCES internship_applicant (tenant_id, id)
);
CREATE INDEX internship_document_applicant_idx ON internship_document (tenant_id, applicant_id, id);
ALTER TABLE internship_document ENABLE ROW LEVEL SECURITY;
ALTER TABLE internship_document FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON internship_document
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, DELETE ON internship_document TO ${appRole};

-- The bytes of the PostgreSQL document store, apart from the metadata so listing never reads them.
CREATE TABLE internship_document_content (
    tenant_id    uuid  NOT NULL,
    document_id  uuid  NOT NULL,
    content      bytea NOT NULL,
    PRIMARY KEY (tenant_id, document_id),
    FOREIGN KEY (tenant_id, document_id) REFERENCES internship_document (tenant_id, id) ON DELETE CASCADE
);
ALTER TABLE internship_document_content ENABLE ROW LEVEL SECURITY;
ALTER TABLE internship_document_content FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON internship_document_content
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, DELETE ON internship_document_content TO ${appRole};

-- Who downloaded what: ids only, kept after erasure (the document row is gone then).
CREATE TABLE internship_document_download (
    tenant_id      uuid        NOT NULL REFERENCES cooperative (id),
    id             uuid        NOT NULL,
    applicant_id   uuid        NOT NULL,
    document_id    uuid        NOT NULL,
    subject        text        NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
    member_id      uuid,
    downloaded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, applicant_id) REFERENCES internship_applicant (tenant_id, id)
);
CREATE INDEX internship_document_download_applicant_idx ON internship_document_download (tenant_id, applicant_id, id);
ALTER TABLE internship_document_download ENABLE ROW LEVEL SECURITY;
ALTER TABLE internship_document_download FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON internship_document_download
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT ON internship_document_download TO ${appRole};

--changeset regiopool:030-internship-share
CREATE TABLE internship_share (
    tenant_id     uuid        NOT NULL REFERENCES cooperative (id),
    id            uuid        NOT NULL,
    applicant_id  uuid        NOT NULL,
    member_id     uuid        NOT NULL,
    offer_id      uuid,
    status        text        NOT NULL DEFAULT 'SHARED' CHECK (status IN ('SHARED', 'INTERVIEW', 'OFFERED', 'ACCEPTED',
                                  'DECLINED', 'WITHDRAWN')),
    decided_at    timestamptz,
    version       integer     NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, applicant_id) REFERENCES internship_applicant (tenant_id, id),
    FOREIGN KEY (tenant_id, member_id) REFERENCES member (tenant_id, id),
    FOREIGN KEY (tenant_id, offer_id) REFERENCES internship_offer (tenant_id, id),
    CONSTRAINT internship_share_member_unique UNIQUE (tenant_id, applicant_id, member_id),
    CONSTRAINT internship_share_decided CHECK ((status IN ('ACCEPTED', 'DECLINED', 'WITHDRAWN')) = (decided_at IS NOT NULL))
);
CREATE INDEX internship_share_member_idx ON internship_share (tenant_id, member_id, applicant_id);
ALTER TABLE internship_share ENABLE ROW LEVEL SECURITY;
ALTER TABLE internship_share FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON internship_share
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE ON internship_share TO ${appRole};

--changeset regiopool:030-internship
-- The placed intern, kept by the practice: name and school are copied, as the applicant's data is erased later.
CREATE TABLE internship (
    tenant_id        uuid        NOT NULL REFERENCES cooperative (id),
    id               uuid        NOT NULL,
    applicant_id     uuid        NOT NULL,
    share_id         uuid        NOT NULL,
    offer_id         uuid        NOT NULL,
    member_id        uuid        NOT NULL,
    student_name     text        NOT NULL CHECK (length(student_name) BETWEEN 1 AND 201),
    school           text        NOT NULL CHECK (length(school) BETWEEN 1 AND 200),
    start_date       date        NOT NULL,
    end_date         date        NOT NULL,
    supervisor_name  text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT internship_share_unique UNIQUE (tenant_id, share_id),
    FOREIGN KEY (tenant_id, share_id) REFERENCES internship_share (tenant_id, id),
    FOREIGN KEY (tenant_id, offer_id) REFERENCES internship_offer (tenant_id, id),
    FOREIGN KEY (tenant_id, member_id) REFERENCES member (tenant_id, id)
);
ALTER TABLE internship ENABLE ROW LEVEL SECURITY;
ALTER TABLE internship FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON internship
    USING (tenant_id = current_tenant_id())
    WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT ON internship TO ${appRole};
