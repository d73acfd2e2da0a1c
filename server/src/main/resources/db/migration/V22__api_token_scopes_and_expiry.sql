-- API tokens get scopes narrower than their user's roles, an optional expiry, revocation and the time
-- they were last used. Tokens made before keep working as they did: scope `admin`, no expiry.
ALTER TABLE api_token ADD COLUMN scopes VARCHAR(100) DEFAULT 'admin' NOT NULL;
ALTER TABLE api_token ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_token ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_token ADD COLUMN revoked_by VARCHAR(100);
ALTER TABLE api_token ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX api_token_by_user ON api_token (user_id);
