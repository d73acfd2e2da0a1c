package io.servicebook.server.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Mail that could not be read, kept whole. */
@Repository
class QuarantineRepository {

  private final JdbcClient jdbc;

  QuarantineRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Keeps the mail unless the same bytes are kept already; answers whether it was new. */
  boolean hold(
      String id,
      String mailboxId,
      String fingerprint,
      Optional<String> messageId,
      byte[] raw,
      String reason,
      Instant at) {
    Integer known =
        jdbc.sql(
                "SELECT COUNT(*) FROM mail_quarantine"
                    + " WHERE mailbox_id = :mailbox AND fingerprint = :fingerprint")
            .param("mailbox", mailboxId)
            .param("fingerprint", fingerprint)
            .query(Integer.class)
            .single();
    if (known > 0) {
      return false;
    }
    jdbc.sql(
            """
            INSERT INTO mail_quarantine (id, mailbox_id, fingerprint, message_id, raw, reason,
                                         held_at)
            VALUES (:id, :mailbox, :fingerprint, :messageId, :raw, :reason, :at)
            """)
        .param("id", id)
        .param("mailbox", mailboxId)
        .param("fingerprint", fingerprint)
        .param(
            "messageId",
            messageId.map(m -> m.length() > 998 ? m.substring(0, 998) : m).orElse(null))
        .param("raw", raw)
        .param("reason", reason.length() > 2000 ? reason.substring(0, 2000) : reason)
        .param("at", Timestamp.from(at))
        .update();
    return true;
  }

  /** The mails still held, newest first, with their mailbox's address. */
  List<Quarantine.Held> held() {
    return jdbc.sql(
            """
            SELECT q.id, m.address, q.mailbox_id, q.message_id, q.reason, q.held_at,
                   OCTET_LENGTH(q.raw) AS bytes
              FROM mail_quarantine q JOIN mailbox m ON m.id = q.mailbox_id
             WHERE q.released_at IS NULL
             ORDER BY q.held_at DESC, q.id
            """)
        .query(QuarantineRepository::row)
        .list();
  }

  Optional<Quarantine.Held> find(String id) {
    return jdbc.sql(
            """
            SELECT q.id, m.address, q.mailbox_id, q.message_id, q.reason, q.held_at,
                   OCTET_LENGTH(q.raw) AS bytes
              FROM mail_quarantine q JOIN mailbox m ON m.id = q.mailbox_id
             WHERE q.id = :id AND q.released_at IS NULL
            """)
        .param("id", id)
        .query(QuarantineRepository::row)
        .optional();
  }

  Optional<byte[]> raw(String id) {
    return jdbc.sql("SELECT raw FROM mail_quarantine WHERE id = :id")
        .param("id", id)
        .query((rs, n) -> rs.getBytes(1))
        .optional();
  }

  void reason(String id, String reason) {
    jdbc.sql("UPDATE mail_quarantine SET reason = :reason WHERE id = :id")
        .param("id", id)
        .param("reason", reason.length() > 2000 ? reason.substring(0, 2000) : reason)
        .update();
  }

  void released(String id, Optional<String> caseId, Instant at) {
    jdbc.sql("UPDATE mail_quarantine SET released_at = :at, released_case = :caseId WHERE id = :id")
        .param("id", id)
        .param("caseId", caseId.orElse(null))
        .param("at", Timestamp.from(at))
        .update();
  }

  private static Quarantine.Held row(ResultSet rs, int n) throws SQLException {
    return new Quarantine.Held(
        rs.getString("id"),
        rs.getString("address"),
        rs.getString("mailbox_id"),
        Optional.ofNullable(rs.getString("message_id")),
        rs.getString("reason"),
        rs.getLong("bytes"),
        rs.getTimestamp("held_at").toInstant());
  }
}
