package io.servicebook.server.channels;

import io.servicebook.protocol.Channel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class OutboxRepository {

  private static final String COLUMNS =
      """
      id, case_id, interaction_id, channel, transport, recipient, subject, body, language,
      message_id, state, attempts, last_error, created_at, sent_at
      """;

  private final JdbcClient jdbc;

  OutboxRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(OutboundMessage m) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO outbound_message
              (case_id, interaction_id, channel, transport, recipient, subject, body, language,
               message_id, state, attempts, next_attempt_at, created_at)
            VALUES (:caseId, :interactionId, :channel, :transport, :recipient, :subject, :body,
                    :language, :messageId, :state, 0, :at, :at)
            """)
        .param("caseId", m.caseId().orElse(null))
        .param("interactionId", m.interactionId().orElse(null))
        .param("channel", m.channel().name())
        .param("transport", m.transport())
        .param("recipient", m.recipient())
        .param("subject", m.subject())
        .param("body", m.body())
        .param("language", m.language())
        .param("messageId", m.messageId())
        .param("state", m.state().key())
        .param("at", Timestamp.from(m.createdAt()))
        .update(key, "id");
    return key.getKey().longValue();
  }

  /** The case's latest timeline entry, just added in this transaction under the case's row lock. */
  long latestInteraction(String caseId) {
    return jdbc.sql("SELECT MAX(id) FROM case_interaction WHERE case_id = :caseId")
        .param("caseId", caseId)
        .query(Long.class)
        .single();
  }

  /** The ids of the case's timeline entries in timeline order. */
  List<Long> interactionIds(String caseId) {
    return jdbc.sql("SELECT id FROM case_interaction WHERE case_id = :caseId ORDER BY id")
        .param("caseId", caseId)
        .query(Long.class)
        .list();
  }

  Optional<OutboundMessage> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM outbound_message WHERE id = :id")
        .param("id", id)
        .query(OutboxRepository::row)
        .optional();
  }

  Optional<OutboundMessage> byMessageId(String messageId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM outbound_message WHERE message_id = :messageId")
        .param("messageId", messageId)
        .query(OutboxRepository::row)
        .optional();
  }

  List<OutboundMessage> ofCase(String caseId) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM outbound_message WHERE case_id = :caseId ORDER BY id")
        .param("caseId", caseId)
        .query(OutboxRepository::row)
        .list();
  }

  /** Queued messages due now whose transport is delivered here, oldest due first. */
  List<Long> due(Instant now, Set<String> transports, int limit) {
    return jdbc.sql(
            """
            SELECT id FROM outbound_message
            WHERE state = 'queued' AND next_attempt_at <= :now AND transport IN (:transports)
              AND (claimed_until IS NULL OR claimed_until < :now)
            ORDER BY next_attempt_at, id
            LIMIT :limit
            """)
        .param("now", Timestamp.from(now))
        .param("transports", transports)
        .param("limit", limit)
        .query(Long.class)
        .list();
  }

  /** Claims a due message for this node until the given time; false when another node has it. */
  boolean claim(long id, Instant now, Instant until) {
    return jdbc.sql(
                """
                UPDATE outbound_message SET claimed_until = :until
                WHERE id = :id AND state = 'queued'
                  AND (claimed_until IS NULL OR claimed_until < :now)
                """)
            .param("id", id)
            .param("now", Timestamp.from(now))
            .param("until", Timestamp.from(until))
            .update()
        == 1;
  }

  void sent(long id, Instant at) {
    jdbc.sql(
            """
            UPDATE outbound_message
            SET state = 'sent', attempts = attempts + 1, sent_at = :at, claimed_until = NULL,
                last_error = NULL
            WHERE id = :id
            """)
        .param("id", id)
        .param("at", Timestamp.from(at))
        .update();
  }

  void failed(long id, String reason) {
    jdbc.sql(
            """
            UPDATE outbound_message
            SET state = 'failed', attempts = attempts + 1, claimed_until = NULL,
                last_error = :reason
            WHERE id = :id
            """)
        .param("id", id)
        .param("reason", clip(reason))
        .update();
  }

  void retryLater(long id, Instant next, String reason) {
    jdbc.sql(
            """
            UPDATE outbound_message
            SET attempts = attempts + 1, next_attempt_at = :next, claimed_until = NULL,
                last_error = :reason
            WHERE id = :id
            """)
        .param("id", id)
        .param("next", Timestamp.from(next))
        .param("reason", clip(reason))
        .update();
  }

  boolean bounced(String messageId, String reason) {
    return jdbc.sql(
                """
                UPDATE outbound_message SET state = 'failed', last_error = :reason
                WHERE message_id = :messageId
                """)
            .param("messageId", messageId)
            .param("reason", clip(reason))
            .update()
        == 1;
  }

  List<OutboundMessage> waiting(Optional<Channel> channel, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM outbound_message WHERE state = 'waiting_for_delivery'"
                + (channel.isPresent() ? " AND channel = :channel" : "")
                + " ORDER BY id LIMIT :limit")
        .params(channel.map(c -> Map.<String, Object>of("channel", c.name())).orElse(Map.of()))
        .param("limit", limit)
        .query(OutboxRepository::row)
        .list();
  }

  boolean gatewaySent(long id, Instant at) {
    return jdbc.sql(
                """
                UPDATE outbound_message
                SET state = 'sent', attempts = attempts + 1, sent_at = :at
                WHERE id = :id AND state = 'waiting_for_delivery'
                """)
            .param("id", id)
            .param("at", Timestamp.from(at))
            .update()
        == 1;
  }

  boolean gatewayFailed(long id, String reason) {
    return jdbc.sql(
                """
                UPDATE outbound_message
                SET state = 'failed', attempts = attempts + 1, last_error = :reason
                WHERE id = :id AND state = 'waiting_for_delivery'
                """)
            .param("id", id)
            .param("reason", clip(reason))
            .update()
        == 1;
  }

  private static String clip(String reason) {
    String text = reason == null ? "unknown" : reason;
    return text.length() > 2000 ? text.substring(0, 1997) + "..." : text;
  }

  private static OutboundMessage row(ResultSet rs, int n) throws SQLException {
    long interaction = rs.getLong("interaction_id");
    Optional<Long> interactionId = rs.wasNull() ? Optional.empty() : Optional.of(interaction);
    Timestamp sent = rs.getTimestamp("sent_at");
    return new OutboundMessage(
        rs.getLong("id"),
        Optional.ofNullable(rs.getString("case_id")),
        interactionId,
        Channel.valueOf(rs.getString("channel")),
        rs.getString("transport"),
        rs.getString("recipient"),
        rs.getString("subject"),
        rs.getString("body"),
        rs.getString("language"),
        rs.getString("message_id"),
        OutboundMessage.State.of(rs.getString("state")),
        rs.getInt("attempts"),
        Optional.ofNullable(rs.getString("last_error")),
        rs.getTimestamp("created_at").toInstant(),
        Optional.ofNullable(sent).map(Timestamp::toInstant));
  }
}
