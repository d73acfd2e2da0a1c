-- The review queue's lowest-scored comments are those answered within a window: the answers of the
-- window by time, instead of every answer ever given.
CREATE INDEX survey_response_answered ON survey_response (answered_at);
