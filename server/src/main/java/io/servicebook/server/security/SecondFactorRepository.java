package io.servicebook.server.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The second factors and recovery codes of users, in SQL. */
@Repository
class SecondFactorRepository {

  private final JdbcClient jdbc;

  SecondFactorRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A user's second factor: its sealed secret, and when it was confirmed (empty: enrolling). */
  record Stored(long userId, String secret, Optional<Instant> confirmedAt, long lastStep) {}

  Optional<Stored> of(long userId) {
    return jdbc.sql(
            """
            SELECT user_id, secret, confirmed_at, last_step FROM second_factor
            WHERE user_id = :user
            """)
        .param("user", userId)
        .query(
            (rs, n) ->
                new Stored(
                    rs.getLong(1),
                    rs.getString(2),
                    Optional.ofNullable(rs.getTimestamp(3)).map(Timestamp::toInstant),
                    rs.getLong(4)))
        .optional();
  }

  /** Starts an enrolment: the secret replaces an unconfirmed one; a confirmed one stays. */
  boolean begin(long userId, String secret, Instant at) {
    jdbc.sql("DELETE FROM second_factor WHERE user_id = :user AND confirmed_at IS NULL")
        .param("user", userId)
        .update();
    if (of(userId).isPresent()) {
      return false;
    }
    jdbc.sql(
            """
            INSERT INTO second_factor (user_id, secret, created_at, confirmed_at, last_step)
            VALUES (:user, :secret, :at, NULL, 0)
            """)
        .param("user", userId)
        .param("secret", secret)
        .param("at", Timestamp.from(at))
        .update();
    return true;
  }

  /**
   * Takes a code's step as used, if it is newer than every step used before: false when another
   * request used this step (or a newer one) first, so a code counts once even across nodes.
   */
  boolean use(long userId, long step) {
    return jdbc.sql(
                """
                UPDATE second_factor SET last_step = :step
                WHERE user_id = :user AND last_step < :step
                """)
            .param("user", userId)
            .param("step", step)
            .update()
        == 1;
  }

  void confirm(long userId, Instant at) {
    jdbc.sql("UPDATE second_factor SET confirmed_at = :at WHERE user_id = :user")
        .param("user", userId)
        .param("at", Timestamp.from(at))
        .update();
  }

  void replaceRecoveryCodes(long userId, List<String> hashes) {
    jdbc.sql("DELETE FROM recovery_code WHERE user_id = :user").param("user", userId).update();
    for (String hash : hashes) {
      jdbc.sql("INSERT INTO recovery_code (user_id, code_hash) VALUES (:user, :hash)")
          .param("user", userId)
          .param("hash", hash)
          .update();
    }
  }

  /** Marks an unused recovery code used; false when there is no such unused code. */
  boolean useRecoveryCode(long userId, String hash, Instant at) {
    return jdbc.sql(
                """
                UPDATE recovery_code SET used_at = :at
                WHERE user_id = :user AND code_hash = :hash AND used_at IS NULL
                """)
            .param("user", userId)
            .param("hash", hash)
            .param("at", Timestamp.from(at))
            .update()
        == 1;
  }

  int unusedRecoveryCodes(long userId) {
    return jdbc.sql("SELECT COUNT(*) FROM recovery_code WHERE user_id = :user AND used_at IS NULL")
        .param("user", userId)
        .query(Integer.class)
        .single();
  }

  /** Removes the user's second factor and recovery codes; false when there was none. */
  boolean remove(long userId) {
    jdbc.sql("DELETE FROM recovery_code WHERE user_id = :user").param("user", userId).update();
    return jdbc.sql("DELETE FROM second_factor WHERE user_id = :user")
            .param("user", userId)
            .update()
        == 1;
  }
}
