-- The search index's entries: one per case (subject, the timeline's texts, captured values, the
-- case's token and id, the customer's name, address and phone) and one per customer (name, address,
-- phone), written in the transaction that changes what they show, with the language the entry is
-- stemmed in (english, german, spanish or simple: PostgreSQL's text search configurations). On
-- PostgreSQL, V40 adds the stemmed words (tsvector) and their GIN index; on H2 a Lucene index in
-- memory is read from these rows at startup. Cases that were there before are indexed at startup.
CREATE TABLE search_entry (
    kind        VARCHAR(10)   NOT NULL,
    ref_id      VARCHAR(36)   NOT NULL,
    language    VARCHAR(10)   NOT NULL,
    title       VARCHAR(500)  NOT NULL,
    body        TEXT          NOT NULL,
    status      VARCHAR(30),
    team        VARCHAR(100),
    channel     VARCHAR(20),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT search_entry_pk PRIMARY KEY (kind, ref_id)
);
-- Newest first, of one kind.
CREATE INDEX search_entry_created ON search_entry (kind, created_at, ref_id);
