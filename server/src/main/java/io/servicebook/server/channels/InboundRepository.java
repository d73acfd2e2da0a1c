package io.servicebook.server.channels;

import io.servicebook.protocol.Channel;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class InboundRepository {

  /** A message recorded before: its case and its interaction. */
  record Recorded(String caseId, Optional<Long> interactionId) {}

  private final JdbcClient jdbc;

  InboundRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Recorded> find(String source, String externalId) {
    return jdbc.sql(
            """
            SELECT case_id, interaction_id FROM inbound_message
            WHERE source = :source AND external_id = :externalId
            """)
        .param("source", source)
        .param("externalId", externalId)
        .query(
            (rs, n) -> {
              long interaction = rs.getLong("interaction_id");
              return new Recorded(
                  rs.getString("case_id"),
                  rs.wasNull() ? Optional.empty() : Optional.of(interaction));
            })
        .optional();
  }

  void insert(
      String source,
      String externalId,
      String caseId,
      long interactionId,
      String outcome,
      Instant at) {
    jdbc.sql(
            """
            INSERT INTO inbound_message
              (source, external_id, case_id, interaction_id, outcome, received_at)
            VALUES (:source, :externalId, :caseId, :interactionId, :outcome, :at)
            """)
        .param("source", source)
        .param("externalId", externalId)
        .param("caseId", caseId)
        .param("interactionId", interactionId)
        .param("outcome", outcome)
        .param("at", Timestamp.from(at))
        .update();
  }

  /**
   * The customer's message just added to the case in this transaction: the case row is locked by
   * the change that added it, so no other message of the case can come between.
   */
  long latestInboundInteraction(String caseId) {
    return jdbc.sql(
            """
            SELECT MAX(id) FROM case_interaction
            WHERE case_id = :caseId AND kind = 'INBOUND_MESSAGE'
            """)
        .param("caseId", caseId)
        .query(Long.class)
        .single();
  }

  /**
   * The case of the first of these ids that names a message of a case: one a customer sent in, or
   * one the outbox sent out.
   */
  Optional<String> caseOfMessage(List<String> ids) {
    for (String id : ids) {
      Optional<String> found =
          jdbc
              .sql(
                  """
                  SELECT case_id FROM inbound_message WHERE external_id = :id
                  UNION
                  SELECT case_id FROM outbound_message WHERE message_id = :id
                  """)
              .param("id", id)
              .query(String.class)
              .list()
              .stream()
              .findFirst();
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The sender's latest case on the channel that still waits for an answer or works on one. */
  Optional<String> ongoingCase(Channel channel, Optional<String> email, Optional<String> phone) {
    if (email.isEmpty() && phone.isEmpty()) {
      return Optional.empty();
    }
    return jdbc.sql(
            """
            SELECT id FROM service_case
            WHERE channel = :channel AND status NOT IN ('RESOLVED', 'CLOSED')
              AND (LOWER(customer_email) = :email OR customer_phone = :phone)
            ORDER BY created_at DESC, id DESC LIMIT 1
            """)
        .param("channel", channel.name())
        .param("email", email.map(e -> e.toLowerCase(java.util.Locale.ROOT)).orElse(""))
        .param("phone", phone.orElse(""))
        .query(String.class)
        .optional();
  }

  List<String> externalIds(String caseId) {
    return jdbc.sql(
            """
            SELECT external_id FROM inbound_message
            WHERE case_id = :caseId ORDER BY received_at, external_id
            """)
        .param("caseId", caseId)
        .query(String.class)
        .list();
  }
}
