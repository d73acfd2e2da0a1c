-- Mail to staff (notifications) leaves through the same outbox as mail to customers, and belongs
-- to no case.
ALTER TABLE outbound_message ALTER COLUMN case_id DROP NOT NULL;
