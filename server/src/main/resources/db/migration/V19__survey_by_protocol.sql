-- The review queue reads a protocol's lowest-scored survey comments of a window: its surveys by
-- protocol and time sent, instead of every survey ever sent.
CREATE INDEX survey_protocol ON survey (protocol_slug, sent_at);
