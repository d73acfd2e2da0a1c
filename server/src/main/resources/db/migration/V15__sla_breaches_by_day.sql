-- The supervisor view lists the breaches of one day: firings by kind and time, without reading
-- every firing ever recorded.
CREATE INDEX sla_firing_fired ON sla_firing (kind, fired_at);
