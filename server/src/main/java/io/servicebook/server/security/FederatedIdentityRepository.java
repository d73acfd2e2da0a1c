package io.servicebook.server.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which Servicebook user each identity-provider subject (issuer + sub) is, in SQL. */
@Repository
class FederatedIdentityRepository {

  private final JdbcClient jdbc;

  FederatedIdentityRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The user name linked to the subject, if any. */
  Optional<String> user(String issuer, String subject) {
    return jdbc.sql(
            """
            SELECT u.username FROM federated_identity f JOIN app_user u ON u.id = f.user_id
            WHERE f.issuer = :issuer AND f.subject = :subject
            """)
        .param("issuer", issuer)
        .param("subject", subject)
        .query(String.class)
        .optional();
  }

  /** Whether the user is linked to some subject of this issuer. */
  boolean linked(long userId, String issuer) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM federated_identity WHERE user_id = :user AND issuer = :issuer")
            .param("user", userId)
            .param("issuer", issuer)
            .query(Integer.class)
            .single()
        > 0;
  }

  void link(String issuer, String subject, long userId, Instant at) {
    jdbc.sql(
            """
            INSERT INTO federated_identity (issuer, subject, user_id, linked_at, last_sign_in)
            VALUES (:issuer, :subject, :user, :at, :at)
            """)
        .param("issuer", issuer)
        .param("subject", subject)
        .param("user", userId)
        .param("at", Timestamp.from(at))
        .update();
  }

  void signedIn(String issuer, String subject, Instant at) {
    jdbc.sql(
            """
            UPDATE federated_identity SET last_sign_in = :at
            WHERE issuer = :issuer AND subject = :subject
            """)
        .param("issuer", issuer)
        .param("subject", subject)
        .param("at", Timestamp.from(at))
        .update();
  }
}
