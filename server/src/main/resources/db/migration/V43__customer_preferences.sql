-- How a customer likes to be served, kept by agents on the customer's profile and read by
-- protocols as customer.preferences.*. A customer without a row has stated no preferences.
CREATE TABLE customer_preferences (
    customer_id        VARCHAR(36)    PRIMARY KEY REFERENCES customer (id),
    preferred_channel  VARCHAR(20),
    language           VARCHAR(35),
    best_time          VARCHAR(200),
    accessibility      VARCHAR(500),
    note               VARCHAR(2000),
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by         VARCHAR(100)   NOT NULL
);
