-- Surveys: one row per survey sent to a customer about a case, after its resolution (source
-- `on_resolve`, the protocol's `feedback`), when a step asked (`step`) or by an agent (`by_hand`).
-- The token is the secret of the public link /s/{token}; the protocol version is the one the case
-- ran on, for the KPIs.
-- Status is as last written; a sent survey past expires_at is expired when read.
CREATE TABLE survey (
    id               VARCHAR(36)   PRIMARY KEY,
    case_id          VARCHAR(36)   NOT NULL REFERENCES service_case (id),
    customer_id      VARCHAR(36)   NOT NULL REFERENCES customer (id),
    kind             VARCHAR(10)   NOT NULL,
    token            VARCHAR(64)   NOT NULL UNIQUE,
    source_kind      VARCHAR(20)   NOT NULL,
    protocol_slug    VARCHAR(200),
    protocol_version INTEGER,
    status           VARCHAR(20)   NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at        TIMESTAMP WITH TIME ZONE,
    created_by       VARCHAR(100)  NOT NULL,
    version          BIGINT        NOT NULL
);
CREATE INDEX survey_case ON survey (case_id, sent_at);

-- The answer to a survey: at most one (the primary key), never changed.
CREATE TABLE survey_response (
    survey_id    VARCHAR(36)   PRIMARY KEY REFERENCES survey (id),
    score        INTEGER       NOT NULL,
    comment      VARCHAR(2000),
    answered_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Customers who asked for no more surveys, from the page of which survey.
CREATE TABLE survey_opt_out (
    customer_id   VARCHAR(36)   PRIMARY KEY REFERENCES customer (id),
    opted_out_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    survey_id     VARCHAR(36)   REFERENCES survey (id)
);
