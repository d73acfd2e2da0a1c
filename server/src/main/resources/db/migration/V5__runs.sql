-- Runs: one published protocol version guiding one case. The run's state is kept as JSON text
-- (path of step ids, typed captured fields, step log) next to the pinned slug and version, so a
-- run reloads by re-reading that protocol version and never changes when a new one is published.
CREATE TABLE protocol_run (
    id               VARCHAR(36)   PRIMARY KEY,
    case_id          VARCHAR(36)   NOT NULL REFERENCES service_case (id),
    protocol_slug    VARCHAR(200)  NOT NULL,
    protocol_version INTEGER       NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    path             TEXT          NOT NULL,
    fields           TEXT          NOT NULL,
    log              TEXT          NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    version          BIGINT        NOT NULL
);
CREATE INDEX protocol_run_case ON protocol_run (case_id, started_at);
