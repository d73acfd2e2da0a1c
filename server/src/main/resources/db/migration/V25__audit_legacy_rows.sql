-- The newest audit row chained with plain SHA-256: rows after it must be signed with a key, so a
-- rewrite cannot pass off a new row as one of the old unkeyed ones (0 on a new database).
CREATE TABLE audit_legacy (
    last_event_id BIGINT NOT NULL
);
INSERT INTO audit_legacy (last_event_id) SELECT COALESCE(MAX(id), 0) FROM audit_event;
