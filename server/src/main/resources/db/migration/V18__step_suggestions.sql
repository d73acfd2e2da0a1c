-- A suggestion an agent attaches to a step of a protocol during a run ("this script sounds
-- robotic"), kept per protocol for its owner. Open until an author marks it done or dismisses it
-- (or its own author withdraws it), with who closed it, when, and an optional note.
CREATE TABLE step_suggestion (
    id               VARCHAR(36)   PRIMARY KEY,
    protocol_slug    VARCHAR(200)  NOT NULL,
    protocol_version INTEGER       NOT NULL,
    step_id          VARCHAR(200)  NOT NULL,
    case_id          VARCHAR(36)   NOT NULL REFERENCES service_case (id),
    run_id           VARCHAR(36)   NOT NULL REFERENCES protocol_run (id),
    author           VARCHAR(100)  NOT NULL,
    body             VARCHAR(2000) NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at        TIMESTAMP WITH TIME ZONE,
    closed_by        VARCHAR(100),
    close_note       VARCHAR(2000),
    version          BIGINT        NOT NULL
);
-- A protocol's suggestions, newest first; and its open ones for the review queue.
CREATE INDEX step_suggestion_protocol ON step_suggestion (protocol_slug, created_at);
CREATE INDEX step_suggestion_open ON step_suggestion (protocol_slug, status, created_at);
