-- The escalation ladder as the admins edit it (issue 14), lowest level first (rank 0). When the
-- table is empty the ladder of the properties (servicebook.escalation.levels) or the standard one
-- applies, and the server stores it at start. notify lists role keys, team keys or usernames,
-- separated by commas.
CREATE TABLE escalation_level (
    rank        INTEGER        PRIMARY KEY,
    level_key   VARCHAR(100)   NOT NULL,
    name        VARCHAR(200)   NOT NULL,
    notify      VARCHAR(2000)  NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by  VARCHAR(100)   NOT NULL,
    CONSTRAINT escalation_level_key UNIQUE (level_key)
);
