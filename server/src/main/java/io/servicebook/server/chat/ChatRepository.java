package io.servicebook.server.chat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Chats and the agents' presence, in SQL. */
@Repository
class ChatRepository {

  private final JdbcClient jdbc;

  ChatRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A chat as stored; the secret only as its hash. */
  record StoredChat(
      String id,
      String caseId,
      String secretHash,
      String customerEmail,
      Instant startedAt,
      Optional<Instant> firstAnswerAt,
      boolean answerByEmail) {}

  void insert(StoredChat chat) {
    jdbc.sql(
            """
            INSERT INTO chat (id, case_id, secret_hash, customer_email, started_at, answer_by_email)
            VALUES (:id, :caseId, :hash, :email, :at, :byEmail)
            """)
        .param("id", chat.id())
        .param("caseId", chat.caseId())
        .param("hash", chat.secretHash())
        .param("email", chat.customerEmail())
        .param("at", Timestamp.from(chat.startedAt()))
        .param("byEmail", chat.answerByEmail())
        .update();
  }

  Optional<StoredChat> find(String id) {
    return jdbc.sql(
            """
            SELECT id, case_id, secret_hash, customer_email, started_at, first_answer_at,
                   answer_by_email
            FROM chat WHERE id = :id
            """)
        .param("id", id)
        .query(
            (rs, n) ->
                new StoredChat(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getTimestamp(5).toInstant(),
                    Optional.ofNullable(rs.getTimestamp(6)).map(Timestamp::toInstant),
                    rs.getBoolean(7)))
        .optional();
  }

  /** Whether the case is a chat's, and whether its answers go out by email. */
  Optional<Boolean> answersByEmail(String caseId) {
    return jdbc.sql(
            "SELECT MAX(CASE WHEN answer_by_email THEN 1 ELSE 0 END) FROM chat"
                + " WHERE case_id = :caseId HAVING COUNT(*) > 0")
        .param("caseId", caseId)
        .query(Integer.class)
        .optional()
        .map(flag -> flag == 1);
  }

  void answerByEmail(String chatId) {
    jdbc.sql("UPDATE chat SET answer_by_email = TRUE WHERE id = :id").param("id", chatId).update();
  }

  /** Marks the case's chats answered; whether this was their first answer. */
  boolean answered(String caseId, Instant at) {
    return jdbc.sql(
                "UPDATE chat SET first_answer_at = :at WHERE case_id = :caseId"
                    + " AND first_answer_at IS NULL")
            .param("at", Timestamp.from(at))
            .param("caseId", caseId)
            .update()
        > 0;
  }

  /** The cases of chats nobody has answered yet, longest waiting first. */
  List<String> waiting(int limit) {
    return jdbc.sql(
            """
            SELECT case_id FROM chat WHERE first_answer_at IS NULL
            ORDER BY started_at, id FETCH FIRST :limit ROWS ONLY
            """)
        .param("limit", limit)
        .query(String.class)
        .list();
  }

  void seen(String username, Instant at) {
    int updated =
        jdbc.sql("UPDATE chat_agent_presence SET seen_at = :at WHERE username = :username")
            .param("at", Timestamp.from(at))
            .param("username", username)
            .update();
    if (updated == 0) {
      jdbc.sql(
              """
              INSERT INTO chat_agent_presence (username, seen_at)
              SELECT :username, :at WHERE NOT EXISTS
                (SELECT 1 FROM chat_agent_presence WHERE username = :username)
              """)
          .param("at", Timestamp.from(at))
          .param("username", username)
          .update();
    }
  }

  long onlineSince(Instant since) {
    return jdbc.sql("SELECT COUNT(*) FROM chat_agent_presence WHERE seen_at > :since")
        .param("since", Timestamp.from(since))
        .query(Long.class)
        .single();
  }
}
