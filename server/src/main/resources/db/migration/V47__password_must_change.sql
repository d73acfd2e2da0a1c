-- A user given a one-time password by an admin must choose their own at the next sign-in: until
-- they do, the console shows only the password page.
ALTER TABLE app_user ADD COLUMN password_must_change BOOLEAN DEFAULT FALSE NOT NULL;
