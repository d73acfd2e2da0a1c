package io.servicebook.server.notifications;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Notification mails held for the user's working hours or gathered for their digest, in SQL. */
@Repository
class MailRepository {

  private final JdbcClient jdbc;

  MailRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A mail waiting: the notification it tells of, and its subject and text. */
  record Waiting(long id, Delivery delivery, String kind, String message, String link) {}

  void hold(long notificationId, String username, Delivery delivery, Instant dueAt) {
    jdbc.sql(
            """
            INSERT INTO notification_mail (notification_id, username, delivery, due_at)
            VALUES (:n, :u, :delivery, :due)
            """)
        .param("n", notificationId)
        .param("u", username)
        .param("delivery", delivery.key())
        .param("due", Timestamp.from(dueAt))
        .update();
  }

  /** The user's unsent mails due by {@code now}, oldest first. */
  List<Waiting> due(String username, Instant now) {
    return jdbc.sql(
            """
            SELECT m.id, m.delivery, n.kind, n.message, n.link, n.case_id
            FROM notification_mail m JOIN notification n ON n.id = m.notification_id
            WHERE m.username = :u AND m.sent_at IS NULL AND m.due_at <= :now
            ORDER BY m.id
            """)
        .param("u", username)
        .param("now", Timestamp.from(now))
        .query(
            (rs, n) ->
                new Waiting(
                    rs.getLong(1),
                    Delivery.of(rs.getString(2)).orElse(Delivery.EMAIL),
                    rs.getString(3),
                    rs.getString(4),
                    Links.of(rs.getString(5), rs.getString(6))))
        .list();
  }

  void markSent(long id, Instant at) {
    jdbc.sql("UPDATE notification_mail SET sent_at = :at WHERE id = :id AND sent_at IS NULL")
        .param("at", Timestamp.from(at))
        .param("id", id)
        .update();
  }
}
