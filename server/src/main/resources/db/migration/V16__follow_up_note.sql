-- A follow-up an agent schedules by hand (source_kind `manual`) carries a note for whoever makes
-- the call: what to ask, what was promised.
ALTER TABLE follow_up ADD COLUMN note VARCHAR(2000);
