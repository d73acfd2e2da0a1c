package io.servicebook.server.escalation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each case's moves on the escalation ladder, in SQL. */
@Repository
class EscalationRepository {

  private static final String COLUMNS =
      "id, case_id, seq, kind, from_level, to_level, source, team, reason, actor, escalated_at";

  private final JdbcClient jdbc;

  EscalationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored move; {@code kind} is escalated or de_escalated. */
  record Escalation(
      long id,
      String caseId,
      int seq,
      String kind,
      String fromLevel,
      String toLevel,
      String source,
      Optional<String> team,
      String reason,
      String actor,
      Instant at) {}

  /**
   * Stores the case's move number {@code seq}.
   *
   * @throws org.springframework.dao.DuplicateKeyException if another move took that number first
   */
  Escalation insert(Escalation e) {
    jdbc.sql(
            """
            INSERT INTO escalation
              (case_id, seq, kind, from_level, to_level, source, team, reason, actor, escalated_at)
            VALUES (:caseId, :seq, :kind, :from, :to, :source, :team, :reason, :actor, :at)
            """)
        .param("caseId", e.caseId())
        .param("seq", e.seq())
        .param("kind", e.kind())
        .param("from", e.fromLevel())
        .param("to", e.toLevel())
        .param("source", e.source())
        .param("team", e.team().orElse(null))
        .param("reason", e.reason())
        .param("actor", e.actor())
        .param("at", Timestamp.from(e.at()))
        .update();
    return latest(e.caseId()).orElseThrow();
  }

  /** The case's latest move; empty when it was never escalated. */
  Optional<Escalation> latest(String caseId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM escalation WHERE case_id = :caseId ORDER BY seq DESC LIMIT 1")
        .param("caseId", caseId)
        .query(EscalationRepository::row)
        .optional();
  }

  /** The case's moves, oldest first. */
  List<Escalation> of(String caseId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM escalation WHERE case_id = :caseId ORDER BY seq")
        .param("caseId", caseId)
        .query(EscalationRepository::row)
        .list();
  }

  private static Escalation row(ResultSet rs, int n) throws SQLException {
    return new Escalation(
        rs.getLong("id"),
        rs.getString("case_id"),
        rs.getInt("seq"),
        rs.getString("kind"),
        rs.getString("from_level"),
        rs.getString("to_level"),
        rs.getString("source"),
        Optional.ofNullable(rs.getString("team")),
        rs.getString("reason"),
        rs.getString("actor"),
        rs.getTimestamp("escalated_at").toInstant());
  }
}
