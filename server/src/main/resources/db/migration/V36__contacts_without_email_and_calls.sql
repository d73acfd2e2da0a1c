-- A caller or visitor may give no email address: the customer is then found by phone. Addresses
-- stay unique when present (UNIQUE lets any number of NULLs through, on H2 and PostgreSQL alike).
ALTER TABLE customer ALTER COLUMN email_key DROP NOT NULL;
ALTER TABLE customer ALTER COLUMN email DROP NOT NULL;
ALTER TABLE service_case ALTER COLUMN customer_email DROP NOT NULL;

-- The phone as digits (and a leading +) without the spaces and dashes people write it with; not
-- unique, as a household or an office shares one number: the latest customer with it is found.
ALTER TABLE customer ADD COLUMN phone_key VARCHAR(40);
UPDATE customer SET phone_key = REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(
    phone, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '/', '')
  WHERE phone IS NOT NULL;
CREATE INDEX customer_phone_key ON customer (phone_key);

-- A logged call: who called whom and for how long (NULL for every other interaction, and for the
-- calls logged before, which were the agent's).
ALTER TABLE case_interaction ADD COLUMN call_direction VARCHAR(10);
ALTER TABLE case_interaction ADD COLUMN call_seconds INTEGER;
