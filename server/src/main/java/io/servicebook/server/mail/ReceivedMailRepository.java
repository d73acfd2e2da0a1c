package io.servicebook.server.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The mails taken into cases and their attachments. */
@Repository
class ReceivedMailRepository {

  private final JdbcClient jdbc;

  ReceivedMailRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A customer's mail as it is kept beside its case. */
  record Received(
      long id,
      String mailboxId,
      String messageId,
      String caseId,
      String sender,
      String subject,
      Optional<String> quoted,
      Instant receivedAt) {}

  long insertReceived(Received r) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO mail_received (mailbox_id, message_id, case_id, sender, subject, quoted,
                                       received_at)
            VALUES (:mailbox, :messageId, :caseId, :sender, :subject, :quoted, :at)
            """)
        .param("mailbox", r.mailboxId())
        .param("messageId", r.messageId())
        .param("caseId", r.caseId())
        .param("sender", r.sender())
        .param("subject", r.subject().length() > 998 ? r.subject().substring(0, 998) : r.subject())
        .param("quoted", r.quoted().orElse(null))
        .param("at", Timestamp.from(r.receivedAt()))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  /** The mails of a case, oldest first. */
  List<Received> receivedOf(String caseId) {
    return jdbc.sql(
            """
            SELECT id, mailbox_id, message_id, case_id, sender, subject, quoted, received_at
              FROM mail_received WHERE case_id = :caseId ORDER BY id
            """)
        .param("caseId", caseId)
        .query(ReceivedMailRepository::received)
        .list();
  }

  /** The mailbox the case's latest mail came to, if it came by mail. */
  Optional<String> mailboxOfCase(String caseId) {
    return jdbc.sql(
            """
            SELECT mailbox_id FROM mail_received WHERE case_id = :caseId
             ORDER BY id DESC FETCH FIRST 1 ROWS ONLY
            """)
        .param("caseId", caseId)
        .query(String.class)
        .optional();
  }

  private static Received received(ResultSet rs, int n) throws SQLException {
    return new Received(
        rs.getLong("id"),
        rs.getString("mailbox_id"),
        rs.getString("message_id"),
        rs.getString("case_id"),
        rs.getString("sender"),
        rs.getString("subject"),
        Optional.ofNullable(rs.getString("quoted")),
        rs.getTimestamp("received_at").toInstant());
  }

  /** A file attached to a customer's mail; {@code refused} says why its bytes were not kept. */
  record StoredAttachment(
      String id,
      String caseId,
      long receivedId,
      String fileName,
      String contentType,
      String declaredType,
      long size,
      Optional<String> refused,
      Instant createdAt) {}

  void insertAttachment(StoredAttachment a, byte[] content) {
    jdbc.sql(
            """
            INSERT INTO mail_attachment (id, case_id, received_id, file_name, content_type,
                declared_type, size_bytes, content, refused, created_at)
            VALUES (:id, :caseId, :received, :name, :type, :declared, :size, :content, :refused,
                :at)
            """)
        .param("id", a.id())
        .param("caseId", a.caseId())
        .param("received", a.receivedId())
        .param("name", a.fileName())
        .param("type", a.contentType())
        .param(
            "declared",
            a.declaredType().length() > 255 ? a.declaredType().substring(0, 255) : a.declaredType())
        .param("size", a.size())
        .param("content", content)
        .param("refused", a.refused().orElse(null))
        .param("at", Timestamp.from(a.createdAt()))
        .update();
  }

  List<StoredAttachment> attachmentsOf(String caseId) {
    return jdbc.sql(
            """
            SELECT id, case_id, received_id, file_name, content_type, declared_type, size_bytes,
                   refused, created_at
              FROM mail_attachment WHERE case_id = :caseId ORDER BY created_at, file_name
            """)
        .param("caseId", caseId)
        .query(ReceivedMailRepository::attachment)
        .list();
  }

  Optional<StoredAttachment> attachment(String id) {
    return jdbc.sql(
            """
            SELECT id, case_id, received_id, file_name, content_type, declared_type, size_bytes,
                   refused, created_at
              FROM mail_attachment WHERE id = :id
            """)
        .param("id", id)
        .query(ReceivedMailRepository::attachment)
        .optional();
  }

  Optional<byte[]> attachmentContent(String id) {
    return jdbc.sql("SELECT content FROM mail_attachment WHERE id = :id AND content IS NOT NULL")
        .param("id", id)
        .query((rs, n) -> rs.getBytes(1))
        .optional();
  }

  private static StoredAttachment attachment(ResultSet rs, int n) throws SQLException {
    return new StoredAttachment(
        rs.getString("id"),
        rs.getString("case_id"),
        rs.getLong("received_id"),
        rs.getString("file_name"),
        rs.getString("content_type"),
        rs.getString("declared_type"),
        rs.getLong("size_bytes"),
        Optional.ofNullable(rs.getString("refused")),
        rs.getTimestamp("created_at").toInstant());
  }
}
