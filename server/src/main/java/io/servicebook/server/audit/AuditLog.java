package io.servicebook.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only audit trail: every change of a case, run, protocol or user, with actor, time and
 * reason. Rows are hash-chained (each hash covers the previous hash and the row), so an edited or
 * deleted row shows up in {@link #verify()}.
 */
@Component
public class AuditLog {

  static final String GENESIS = "0".repeat(64);

  private final JdbcClient jdbc;
  private final Clock clock;

  AuditLog(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** One recorded change; {@code id} is 0 for an entry just appended (the row has its own). */
  public record Entry(
      long id,
      String subjectType,
      String subjectId,
      String eventType,
      String actor,
      Instant at,
      String reason,
      String details,
      String previousHash,
      String hash) {}

  /** Appends a change in the caller's transaction; appends are serialised on the chain's head. */
  @Transactional
  public Entry append(
      String subjectType,
      String subjectId,
      String eventType,
      String actor,
      String reason,
      String details) {
    String previous =
        jdbc.sql("SELECT hash FROM audit_head WHERE id = 1 FOR UPDATE")
            .query(String.class)
            .single();
    Instant at = clock.instant();
    String hash = hash(previous, subjectType, subjectId, eventType, actor, at, reason, details);
    jdbc.sql(
            """
            INSERT INTO audit_event
              (subject_type, subject_id, event_type, actor, occurred_at, reason, details, previous_hash, hash)
            VALUES (:subjectType, :subjectId, :eventType, :actor, :at, :reason, :details, :previous, :hash)
            """)
        .param("subjectType", subjectType)
        .param("subjectId", subjectId)
        .param("eventType", eventType)
        .param("actor", actor)
        .param("at", Timestamp.from(at))
        .param("reason", reason)
        .param("details", details)
        .param("previous", previous)
        .param("hash", hash)
        .update();
    jdbc.sql("UPDATE audit_head SET hash = :hash WHERE id = 1").param("hash", hash).update();
    return new Entry(
        0, subjectType, subjectId, eventType, actor, at, reason, details, previous, hash);
  }

  public List<Entry> entries(String subjectType, String subjectId) {
    return jdbc.sql(
            """
            SELECT id, subject_type, subject_id, event_type, actor, occurred_at, reason, details,
                   previous_hash, hash
            FROM audit_event WHERE subject_type = :type AND subject_id = :id ORDER BY id
            """)
        .param("type", subjectType)
        .param("id", subjectId)
        .query(AuditLog::entry)
        .list();
  }

  /** The first entry whose hash does not match its content or its predecessor, if any. */
  public Optional<Entry> verify() {
    String previous = GENESIS;
    for (Entry e :
        jdbc.sql(
                """
            SELECT id, subject_type, subject_id, event_type, actor, occurred_at, reason, details,
                   previous_hash, hash
            FROM audit_event ORDER BY id
            """)
            .query(AuditLog::entry)
            .list()) {
      String expected =
          hash(
              previous,
              e.subjectType(),
              e.subjectId(),
              e.eventType(),
              e.actor(),
              e.at(),
              e.reason(),
              e.details());
      if (!e.previousHash().equals(previous) || !e.hash().equals(expected)) {
        return Optional.of(e);
      }
      previous = e.hash();
    }
    return Optional.empty();
  }

  private static Entry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Entry(
        rs.getLong("id"),
        rs.getString("subject_type"),
        rs.getString("subject_id"),
        rs.getString("event_type"),
        rs.getString("actor"),
        rs.getTimestamp("occurred_at").toInstant(),
        rs.getString("reason"),
        rs.getString("details"),
        rs.getString("previous_hash"),
        rs.getString("hash"));
  }

  static String hash(
      String previous,
      String subjectType,
      String subjectId,
      String eventType,
      String actor,
      Instant at,
      String reason,
      String details) {
    String content =
        String.join(
            "\u001f",
            previous,
            subjectType,
            subjectId,
            eventType,
            actor,
            Long.toString(at.toEpochMilli()),
            reason == null ? "" : reason,
            details);
    return sha256(content);
  }

  /** Hex SHA-256 of a text. */
  public static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
