package io.servicebook.server.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Failed sign-ins and account lockouts in SQL, shared by every node. */
@Repository
class LoginAttemptRepository {

  private final JdbcClient jdbc;

  LoginAttemptRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** How many failures a key had since a moment, and when the last of them was. */
  record Failures(long count, Optional<Instant> last) {
    static final Failures NONE = new Failures(0, Optional.empty());
  }

  void failed(String username, String source, Instant at) {
    jdbc.sql(
            """
            INSERT INTO login_failure (username, source, failed_at)
            VALUES (:username, :source, :at)
            """)
        .param("username", username)
        .param("source", source)
        .param("at", Timestamp.from(at))
        .update();
  }

  Failures ofAccount(String username, Instant since) {
    return jdbc.sql(
            """
            SELECT COUNT(*), MAX(failed_at) FROM login_failure
            WHERE username = :username AND failed_at > :since
            """)
        .param("username", username)
        .param("since", Timestamp.from(since))
        .query(LoginAttemptRepository::failures)
        .single();
  }

  Failures ofSource(String source, Instant since) {
    return jdbc.sql(
            """
            SELECT COUNT(*), MAX(failed_at) FROM login_failure
            WHERE source = :source AND failed_at > :since
            """)
        .param("source", source)
        .param("since", Timestamp.from(since))
        .query(LoginAttemptRepository::failures)
        .single();
  }

  /** Forgets the failures of one account from one source: its owner signed in from there. */
  void forget(String username, String source) {
    jdbc.sql("DELETE FROM login_failure WHERE username = :username AND source = :source")
        .param("username", username)
        .param("source", source)
        .update();
  }

  /** Deletes the failures that no window counts any more. */
  void forgetOlderThan(Instant cutoff) {
    jdbc.sql("DELETE FROM login_failure WHERE failed_at <= :cutoff")
        .param("cutoff", Timestamp.from(cutoff))
        .update();
  }

  /** The end of the account's lockout, if one is in force at the moment. */
  Optional<Instant> lockedUntil(String username, Instant now) {
    return jdbc.sql(
            """
            SELECT MAX(locked_until) FROM login_lockout
            WHERE username = :username AND locked_until > :now
            """)
        .param("username", username)
        .param("now", Timestamp.from(now))
        .query(Timestamp.class)
        .optional()
        .map(Timestamp::toInstant);
  }

  void lock(String username, String source, Instant at, Instant until) {
    jdbc.sql(
            """
            INSERT INTO login_lockout (username, source, locked_at, locked_until)
            VALUES (:username, :source, :at, :until)
            """)
        .param("username", username)
        .param("source", source)
        .param("at", Timestamp.from(at))
        .param("until", Timestamp.from(until))
        .update();
  }

  private static Failures failures(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    Timestamp last = rs.getTimestamp(2);
    return new Failures(rs.getLong(1), Optional.ofNullable(last).map(Timestamp::toInstant));
  }
}
