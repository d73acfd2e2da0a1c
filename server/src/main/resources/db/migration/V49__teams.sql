-- Teams (issue 14): a case's team (service_case.team) names one of these by its key. Members are
-- existing users; any number of them may be the team's leads, who hear of the team's breaches and
-- of a protocol's `notify: TEAM`.
CREATE TABLE team (
    team_key    VARCHAR(100)  PRIMARY KEY,
    name        VARCHAR(200)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE team_member (
    team_key  VARCHAR(100)  NOT NULL REFERENCES team (team_key) ON DELETE CASCADE,
    username  VARCHAR(100)  NOT NULL REFERENCES app_user (username),
    is_lead   BOOLEAN       NOT NULL,
    PRIMARY KEY (team_key, username)
);
CREATE INDEX team_member_username ON team_member (username);
