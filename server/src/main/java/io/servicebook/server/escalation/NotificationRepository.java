package io.servicebook.server.escalation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notification outbox in SQL. */
@Repository
class NotificationRepository {

  static final String USER = "user";
  static final String ROLE = "role";

  private static final String COLUMNS =
      "id, recipient_type, recipient, case_id, kind, message, created_at, read_at";

  private final JdbcClient jdbc;

  NotificationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A notification for a user or for everyone of a role ({@code recipientType}). */
  record Notification(
      long id,
      String recipientType,
      String recipient,
      Optional<String> caseId,
      String kind,
      String message,
      Instant createdAt,
      Optional<Instant> readAt) {}

  void insert(
      String recipientType,
      String recipient,
      String caseId,
      String kind,
      String message,
      Instant at) {
    jdbc.sql(
            """
            INSERT INTO notification
              (recipient_type, recipient, case_id, kind, message, created_at)
            VALUES (:type, :recipient, :caseId, :kind, :message, :at)
            """)
        .param("type", recipientType)
        .param("recipient", recipient)
        .param("caseId", caseId)
        .param("kind", kind)
        .param("message", message)
        .param("at", Timestamp.from(at))
        .update();
  }

  /** What the user or any of their roles should hear: unread first, then newest first. */
  List<Notification> of(String username, Set<String> roles, int limit) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("user", USER);
    params.put("username", username);
    StringBuilder sql =
        new StringBuilder(
            "SELECT "
                + COLUMNS
                + " FROM notification WHERE (recipient_type = :user AND recipient = :username)");
    if (!roles.isEmpty()) {
      sql.append(" OR (recipient_type = :role AND recipient IN (:roles))");
      params.put("role", ROLE);
      params.put("roles", List.copyOf(roles));
    }
    sql.append(
        " ORDER BY CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, created_at DESC, id DESC"
            + " LIMIT :limit");
    params.put("limit", limit);
    return jdbc.sql(sql.toString()).params(params).query(NotificationRepository::row).list();
  }

  Optional<Notification> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE id = :id")
        .param("id", id)
        .query(NotificationRepository::row)
        .optional();
  }

  /** Marks it read unless it already is; the first reading counts. */
  void markRead(long id, Instant at) {
    jdbc.sql("UPDATE notification SET read_at = :at WHERE id = :id AND read_at IS NULL")
        .param("at", Timestamp.from(at))
        .param("id", id)
        .update();
  }

  private static Notification row(ResultSet rs, int n) throws SQLException {
    Timestamp read = rs.getTimestamp("read_at");
    return new Notification(
        rs.getLong("id"),
        rs.getString("recipient_type"),
        rs.getString("recipient"),
        Optional.ofNullable(rs.getString("case_id")),
        rs.getString("kind"),
        rs.getString("message"),
        rs.getTimestamp("created_at").toInstant(),
        Optional.ofNullable(read).map(Timestamp::toInstant));
  }
}
