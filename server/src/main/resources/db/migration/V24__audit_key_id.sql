-- Which key signed an audit row: the id of an HMAC-SHA256 key kept outside the database, or
-- `sha256` for the rows chained with plain SHA-256 before the chain was keyed (all rows so far).
ALTER TABLE audit_event ADD COLUMN key_id VARCHAR(40) DEFAULT 'sha256' NOT NULL;
ALTER TABLE audit_event ALTER COLUMN key_id DROP DEFAULT;
