package io.servicebook.server.notifications;

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
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The notifications in SQL, and whom each case was last given to. */
@Repository
class NotificationRepository {

  static final String USER = "user";
  static final String ROLE = "role";

  private static final String COLUMNS =
      "id, recipient_type, recipient, case_id, kind, message, link, created_at, read_at";

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
      Optional<String> link,
      Instant createdAt,
      Optional<Instant> readAt) {}

  /** What the bell needs to know whether anything changed: the newest id and the unread count. */
  record Standing(long newest, int unread) {}

  long insert(
      String recipientType,
      String recipient,
      String caseId,
      String kind,
      String message,
      String link,
      Instant at) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO notification
              (recipient_type, recipient, case_id, kind, message, link, created_at)
            VALUES (:type, :recipient, :caseId, :kind, :message, :link, :at)
            """)
        .param("type", recipientType)
        .param("recipient", recipient)
        .param("caseId", caseId)
        .param("kind", kind)
        .param("message", message)
        .param("link", link)
        .param("at", Timestamp.from(at))
        .update(key, "id");
    return key.getKeyAs(Number.class).longValue();
  }

  /** What the user or any of their roles should hear: unread first, then newest first. */
  List<Notification> of(String username, Set<String> roles, int limit) {
    return select(username, roles, "CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, ", limit);
  }

  /** The user's and their roles' notifications, newest first. */
  List<Notification> newest(String username, Set<String> roles, int limit) {
    return select(username, roles, "", limit);
  }

  private List<Notification> select(
      String username, Set<String> roles, String orderFirst, int limit) {
    Map<String, Object> params = mine(username, roles);
    params.put("limit", limit);
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM notification WHERE "
                + whose(roles)
                + " ORDER BY "
                + orderFirst
                + "created_at DESC, id DESC LIMIT :limit")
        .params(params)
        .query(NotificationRepository::row)
        .list();
  }

  /**
   * One cheap look for the bell's polling: the newest id (one index probe for the user and one per
   * role) and how many are unread, counted up to {@code cap} so that the cost stays bounded.
   */
  Standing standing(String username, Set<String> roles, int cap) {
    long newest = newest(USER, username);
    for (String role : roles) {
      newest = Math.max(newest, newest(ROLE, role));
    }
    Map<String, Object> params = mine(username, roles);
    params.put("cap", cap);
    int unread =
        jdbc.sql(
                "SELECT COUNT(*) FROM (SELECT id FROM notification WHERE read_at IS NULL AND "
                    + whose(roles)
                    + " LIMIT :cap) unread")
            .params(params)
            .query(Integer.class)
            .single();
    return new Standing(newest, unread);
  }

  private long newest(String type, String recipient) {
    return jdbc.sql(
            "SELECT COALESCE(MAX(id), 0) FROM notification"
                + " WHERE recipient_type = :type AND recipient = :recipient")
        .param("type", type)
        .param("recipient", recipient)
        .query(Long.class)
        .single();
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

  /** Marks every unread notification of the user and their roles read; how many that was. */
  int markAllRead(String username, Set<String> roles, Instant at) {
    Map<String, Object> params = mine(username, roles);
    params.put("at", Timestamp.from(at));
    return jdbc.sql(
            "UPDATE notification SET read_at = :at WHERE read_at IS NULL AND ("
                + whose(roles)
                + ")")
        .params(params)
        .update();
  }

  /** Whom the case was last given to, as far as notifications know. */
  Optional<String> lastAssignee(String caseId) {
    return jdbc.sql("SELECT assignee FROM notification_assignee WHERE case_id = :id")
        .param("id", caseId)
        .query(String.class)
        .optional();
  }

  void rememberAssignee(String caseId, Optional<String> assignee) {
    jdbc.sql("DELETE FROM notification_assignee WHERE case_id = :id").param("id", caseId).update();
    assignee.ifPresent(
        a ->
            jdbc.sql("INSERT INTO notification_assignee (case_id, assignee) VALUES (:id, :a)")
                .param("id", caseId)
                .param("a", a)
                .update());
  }

  private static String whose(Set<String> roles) {
    return roles.isEmpty()
        ? "(recipient_type = :user AND recipient = :username)"
        : "((recipient_type = :user AND recipient = :username)"
            + " OR (recipient_type = :role AND recipient IN (:roles)))";
  }

  private static Map<String, Object> mine(String username, Set<String> roles) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("user", USER);
    params.put("username", username);
    if (!roles.isEmpty()) {
      params.put("role", ROLE);
      params.put("roles", List.copyOf(roles));
    }
    return params;
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
        Optional.ofNullable(rs.getString("link")),
        rs.getTimestamp("created_at").toInstant(),
        Optional.ofNullable(read).map(Timestamp::toInstant));
  }
}
