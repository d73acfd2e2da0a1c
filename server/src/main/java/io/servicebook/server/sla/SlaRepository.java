package io.servicebook.server.sla;

import io.servicebook.cases.CaseStatus;
import io.servicebook.protocol.Priority;
import io.servicebook.sla.SlaEvent;
import io.servicebook.sla.SlaTarget;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What SLA clocks remember beyond the case itself, in SQL: a case's opening, status and priority
 * changes in order, the pack's calendars, and which warnings and breaches already fired.
 */
@Repository
class SlaRepository {

  private final JdbcClient jdbc;

  SlaRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void addChange(String caseId, SlaEvent event) {
    String kind;
    String status = null;
    String priority = null;
    switch (event) {
      case SlaEvent.Opened o -> {
        kind = "OPENED";
        status = o.status().name();
        priority = o.priority().name();
      }
      case SlaEvent.StatusChanged s -> {
        kind = "STATUS";
        status = s.status().name();
      }
      case SlaEvent.PriorityChanged p -> {
        kind = "PRIORITY";
        priority = p.priority().name();
      }
      case SlaEvent.CustomerMessage m ->
          throw new IllegalArgumentException("messages are in the conversation; this is a bug");
      case SlaEvent.AgentReply r ->
          throw new IllegalArgumentException("replies are in the conversation; this is a bug");
    }
    jdbc.sql(
            """
            INSERT INTO sla_case_change (case_id, kind, status, priority, occurred_at)
            VALUES (:caseId, :kind, :status, :priority, :at)
            """)
        .param("caseId", caseId)
        .param("kind", kind)
        .param("status", status)
        .param("priority", priority)
        .param("at", Timestamp.from(event.at()))
        .update();
  }

  /** The case's opening, status and priority changes, oldest first. */
  List<SlaEvent> changes(String caseId) {
    return jdbc.sql(
            """
            SELECT kind, status, priority, occurred_at FROM sla_case_change
            WHERE case_id = :caseId ORDER BY id
            """)
        .param("caseId", caseId)
        .query((rs, n) -> change(rs))
        .list();
  }

  /**
   * The opening, status and priority changes of many cases, oldest first per case; one query per
   * {@value #CHUNK} cases.
   */
  Map<String, List<SlaEvent>> changes(Collection<String> caseIds) {
    Map<String, List<SlaEvent>> changes = new HashMap<>();
    List<String> ids = List.copyOf(caseIds);
    for (int start = 0; start < ids.size(); start += CHUNK) {
      jdbc.sql(
              """
              SELECT case_id, kind, status, priority, occurred_at FROM sla_case_change
              WHERE case_id IN (:ids) ORDER BY case_id, id
              """)
          .param("ids", ids.subList(start, Math.min(ids.size(), start + CHUNK)))
          .query(
              rs -> {
                changes
                    .computeIfAbsent(rs.getString("case_id"), id -> new ArrayList<>())
                    .add(change(rs));
              });
    }
    return changes;
  }

  private static final int CHUNK = 500;

  private static SlaEvent change(ResultSet rs) throws SQLException {
    Instant at = rs.getTimestamp("occurred_at").toInstant();
    return switch (rs.getString("kind")) {
      case "OPENED" ->
          new SlaEvent.Opened(
              at,
              CaseStatus.valueOf(rs.getString("status")),
              Priority.valueOf(rs.getString("priority")));
      case "STATUS" -> new SlaEvent.StatusChanged(at, CaseStatus.valueOf(rs.getString("status")));
      case "PRIORITY" ->
          new SlaEvent.PriorityChanged(at, Priority.valueOf(rs.getString("priority")));
      default ->
          throw new IllegalStateException(
              "unknown SLA change kind " + rs.getString("kind") + "; this is a bug");
    };
  }

  static final String WARNING = "warning";
  static final String BREACH = "breach";

  /** A warning or a breach of one clock cycle of a case. */
  record Firing(String caseId, SlaTarget target, int cycle, String kind) {}

  boolean hasFired(Firing firing) {
    return jdbc.sql(
                """
                SELECT COUNT(*) FROM sla_firing
                WHERE case_id = :caseId AND target = :target AND cycle = :cycle AND kind = :kind
                """)
            .param("caseId", firing.caseId())
            .param("target", firing.target().name())
            .param("cycle", firing.cycle())
            .param("kind", firing.kind())
            .query(Long.class)
            .single()
        > 0;
  }

  /**
   * Records that the warning or breach fired, once: false when it had fired already. Two nodes
   * racing on the same firing meet on the primary key; the loser's transaction fails and its timer
   * is retried, which then finds the firing recorded.
   */
  boolean recordFiring(Firing firing, Instant at) {
    if (hasFired(firing)) {
      return false;
    }
    jdbc.sql(
            """
            INSERT INTO sla_firing (case_id, target, cycle, kind, fired_at)
            VALUES (:caseId, :target, :cycle, :kind, :at)
            """)
        .param("caseId", firing.caseId())
        .param("target", firing.target().name())
        .param("cycle", firing.cycle())
        .param("kind", firing.kind())
        .param("at", Timestamp.from(at))
        .update();
    return true;
  }
}
