-- Follow-ups: a check-in with the customer some time after the case was resolved (the
-- protocol's `follow_up`, source_kind `resolution`) or after a step asked for one (source_kind
-- `step`). The id is derived from what scheduled it, so scheduling the same thing twice finds the
-- first row. The assignee is the case's at scheduling time; without one the follow-up is in the
-- team's queue.
CREATE TABLE follow_up (
    id               VARCHAR(36)   PRIMARY KEY,
    case_id          VARCHAR(36)   NOT NULL REFERENCES service_case (id),
    source_kind      VARCHAR(20)   NOT NULL,
    protocol_slug    VARCHAR(200),
    protocol_version INTEGER,
    run_id           VARCHAR(36),
    step_id          VARCHAR(200),
    resolution_cycle INTEGER,
    after_duration   VARCHAR(40)   NOT NULL,
    due_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    channel          VARCHAR(20),
    assignee         VARCHAR(100),
    team             VARCHAR(100),
    status           VARCHAR(20)   NOT NULL,
    outcome          VARCHAR(2000),
    reason           VARCHAR(2000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by       VARCHAR(100)  NOT NULL,
    completed_at     TIMESTAMP WITH TIME ZONE,
    completed_by     VARCHAR(100),
    version          BIGINT        NOT NULL
);
-- The queue: one status, oldest due first.
CREATE INDEX follow_up_queue ON follow_up (status, due_at, id);
CREATE INDEX follow_up_case ON follow_up (case_id, due_at);

-- Each resolution of a case is a cycle (1, 2, … after reopens); ended_at is set when the case
-- leaves resolved. A timer scheduled for a cycle that has ended finds out and does nothing.
CREATE TABLE case_resolution (
    case_id      VARCHAR(36)   NOT NULL REFERENCES service_case (id),
    cycle        INTEGER       NOT NULL,
    resolved_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at     TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (case_id, cycle)
);
