-- Customers: one per e-mail address (compared without case), so a customer's cases are found
-- together and their tier and lifetime value carry over to the next case. A case keeps the name,
-- phone and language the customer wrote in with; the customer row keeps the latest.
CREATE TABLE customer (
    id              VARCHAR(36)    PRIMARY KEY,
    email_key       VARCHAR(320)   NOT NULL UNIQUE,
    email           VARCHAR(320)   NOT NULL,
    first_name      VARCHAR(200)   NOT NULL,
    last_name       VARCHAR(200)   NOT NULL,
    phone           VARCHAR(40),
    language        VARCHAR(35)    NOT NULL,
    tier            VARCHAR(50)    NOT NULL,
    lifetime_value  DECIMAL(14, 2) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Cases opened before customers were kept: one customer per address, the earliest case's id.
INSERT INTO customer (id, email_key, email, first_name, last_name, phone, language, tier,
                      lifetime_value, created_at, updated_at)
SELECT MIN(customer_id), LOWER(customer_email), MIN(customer_email), MIN(customer_first_name),
       MIN(customer_last_name), MIN(customer_phone), MIN(customer_language), MAX(customer_tier), 0,
       MIN(created_at), MAX(created_at)
FROM service_case GROUP BY LOWER(customer_email);
UPDATE service_case SET customer_id =
    (SELECT k.id FROM customer k WHERE k.email_key = LOWER(service_case.customer_email));

-- The customer's lifetime value when the case was opened: what its conditions saw.
ALTER TABLE service_case ADD COLUMN customer_lifetime_value DECIMAL(14, 2) DEFAULT 0 NOT NULL;
CREATE INDEX service_case_customer ON service_case (customer_id);

-- The earliest due time of the case's running SLA clocks (NULL when none runs or all are paused),
-- kept with every change of the case, for the "breaching soon" listing.
ALTER TABLE service_case ADD COLUMN sla_due_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX service_case_sla_due ON service_case (sla_due_at);
CREATE INDEX service_case_assignee ON service_case (assignee);
CREATE INDEX service_case_team ON service_case (team);
