-- Sign-in through an OpenID Connect provider: the provider's subject (issuer + sub) is linked to
-- one Servicebook user on the first sign-in and found by it afterwards, whatever the e-mail
-- address or name at the provider becomes later.
CREATE TABLE federated_identity (
    issuer        VARCHAR(500)  NOT NULL,
    subject       VARCHAR(255)  NOT NULL,
    user_id       BIGINT        NOT NULL REFERENCES app_user (id),
    linked_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sign_in  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT federated_identity_key PRIMARY KEY (issuer, subject)
);
CREATE INDEX federated_identity_by_user ON federated_identity (user_id);

-- A deactivated user signs in neither with a password nor through the provider, and their API
-- tokens answer as unknown; the row and its history stay.
ALTER TABLE app_user ADD COLUMN deactivated_at TIMESTAMP WITH TIME ZONE;
