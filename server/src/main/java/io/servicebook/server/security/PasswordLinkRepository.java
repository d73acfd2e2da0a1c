package io.servicebook.server.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code password_link} table: set-password links, by the SHA-256 hash of their token. */
@Repository
class PasswordLinkRepository {

  private final JdbcClient jdbc;

  PasswordLinkRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Ends the user's links that still work. */
  void endOpenLinks(long userId, Instant now) {
    jdbc.sql(
            "UPDATE password_link SET expires_at = :now"
                + " WHERE user_id = :user AND used_at IS NULL AND expires_at > :now")
        .param("user", userId)
        .param("now", Timestamp.from(now))
        .update();
  }

  void insert(long userId, String tokenHash, Instant now, String actor, Instant expiresAt) {
    jdbc.sql(
            """
            INSERT INTO password_link (user_id, token_hash, created_at, created_by, expires_at)
            VALUES (:user, :hash, :now, :actor, :expires)
            """)
        .param("user", userId)
        .param("hash", tokenHash)
        .param("now", Timestamp.from(now))
        .param("actor", actor)
        .param("expires", Timestamp.from(expiresAt))
        .update();
  }

  /** Marks the link used if it still works; whether it did. */
  boolean use(String tokenHash, Instant now) {
    return jdbc.sql(
                "UPDATE password_link SET used_at = :now"
                    + " WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now")
            .param("now", Timestamp.from(now))
            .param("hash", tokenHash)
            .update()
        == 1;
  }

  /** The username of an active user whose link this is, while it works. */
  Optional<String> holder(String tokenHash, Instant now) {
    return jdbc.sql(
            """
            SELECT u.username FROM password_link l JOIN app_user u ON u.id = l.user_id
            WHERE l.token_hash = :hash AND l.used_at IS NULL AND l.expires_at > :now
              AND u.deactivated_at IS NULL
            """)
        .param("hash", tokenHash)
        .param("now", Timestamp.from(now))
        .query(String.class)
        .optional();
  }
}
