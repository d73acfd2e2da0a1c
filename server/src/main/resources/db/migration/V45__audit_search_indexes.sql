-- The administration's audit search finds rows by actor and by time, newest first, a page at a
-- time cut by id: these indexes answer both without reading the whole trail (the subject has its
-- index since V2).
CREATE INDEX audit_event_actor ON audit_event (actor, id);
CREATE INDEX audit_event_occurred ON audit_event (occurred_at, id);
