-- Live chat: a chat is a case on the chat channel seen through the widget. Its secret (stored as a
-- SHA-256 hash) is the customer's only credential; whether it was answered yet makes the inbox's
-- queue of chats waiting for a first answer; an answer email is where replies go once the
-- customer has left (the company was offline, or they asked for it by email).
CREATE TABLE chat (
    id               VARCHAR(36)   PRIMARY KEY,
    case_id          VARCHAR(36)   NOT NULL REFERENCES service_case (id),
    secret_hash      VARCHAR(64)   NOT NULL,
    customer_email   VARCHAR(320)  NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    first_answer_at  TIMESTAMP WITH TIME ZONE,
    answer_by_email  BOOLEAN       NOT NULL DEFAULT FALSE
);
CREATE INDEX chat_case ON chat (case_id);
CREATE INDEX chat_customer ON chat (customer_email, started_at);
CREATE INDEX chat_waiting ON chat (first_answer_at, started_at);

-- Who can answer a chat now: an agent whose console had its live stream open lately, on any node.
CREATE TABLE chat_agent_presence (
    username  VARCHAR(200)  PRIMARY KEY,
    seen_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
