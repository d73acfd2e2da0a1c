package io.servicebook.server.followups;

import io.servicebook.followups.FollowUpStatus;
import io.servicebook.protocol.Channel;
import io.servicebook.server.followups.StoredFollowUp.Source;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Follow-ups in SQL, and the protocol version a case's run is pinned to. */
@Repository
class FollowUpRepository {

  private static final String COLUMNS =
      """
      id, case_id, source_kind, protocol_slug, protocol_version, run_id, step_id,
      resolution_cycle, after_duration, due_at, channel, assignee, team, status, outcome, reason,
      created_at, created_by, completed_at, completed_by, note, version
      """;

  private final JdbcClient jdbc;

  FollowUpRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Whose follow-ups a queue shows, in which status, oldest due first.
   *
   * @param assignee only this person's follow-ups; empty for everybody's
   * @param orUnassigned also those assigned to nobody: the team's queue
   */
  record Queue(
      FollowUpStatus status,
      Optional<String> assignee,
      boolean orUnassigned,
      Optional<String> team,
      int limit) {}

  /** A published protocol version, by slug and number. */
  record Pinned(String slug, int version) {}

  boolean exists(String id) {
    return jdbc.sql("SELECT COUNT(*) FROM follow_up WHERE id = :id")
            .param("id", id)
            .query(Long.class)
            .single()
        > 0;
  }

  void insert(StoredFollowUp f) {
    jdbc.sql(
            """
            INSERT INTO follow_up
              (id, case_id, source_kind, protocol_slug, protocol_version, run_id, step_id,
               resolution_cycle, after_duration, due_at, channel, assignee, team, status,
               created_at, created_by, note, version)
            VALUES (:id, :caseId, :source, :slug, :protocolVersion, :runId, :stepId, :cycle,
                    :after, :dueAt, :channel, :assignee, :team, :status, :createdAt, :createdBy,
                    :note, :version)
            """)
        .param("id", f.id())
        .param("caseId", f.caseId())
        .param("source", f.source().name())
        .param("slug", f.protocolSlug().orElse(null))
        .param("protocolVersion", f.protocolVersion().orElse(null))
        .param("runId", f.runId().orElse(null))
        .param("stepId", f.stepId().orElse(null))
        .param("cycle", f.resolutionCycle().orElse(null))
        .param("after", f.after())
        .param("dueAt", Timestamp.from(f.dueAt()))
        .param("channel", f.channel().map(Channel::name).orElse(null))
        .param("assignee", f.assignee().orElse(null))
        .param("team", f.team().orElse(null))
        .param("status", f.status().name())
        .param("createdAt", Timestamp.from(f.createdAt()))
        .param("createdBy", f.createdBy())
        .param("note", f.note().orElse(null))
        .param("version", f.version())
        .update();
  }

  /**
   * Writes the follow-up's status and how it ended if nobody changed it since {@code version};
   * false when somebody did.
   */
  boolean update(StoredFollowUp f, long version) {
    return jdbc.sql(
                """
                UPDATE follow_up
                SET status = :status, outcome = :outcome, reason = :reason,
                    completed_at = :completedAt, completed_by = :completedBy,
                    version = version + 1
                WHERE id = :id AND version = :version
                """)
            .param("status", f.status().name())
            .param("outcome", f.outcome().orElse(null))
            .param("reason", f.reason().orElse(null))
            .param("completedAt", f.completedAt().map(Timestamp::from).orElse(null))
            .param("completedBy", f.completedBy().orElse(null))
            .param("id", f.id())
            .param("version", version)
            .update()
        == 1;
  }

  Optional<StoredFollowUp> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM follow_up WHERE id = :id")
        .param("id", id)
        .query(FollowUpRepository::row)
        .optional();
  }

  /** The case's follow-ups, soonest due first. */
  List<StoredFollowUp> ofCase(String caseId) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM follow_up WHERE case_id = :caseId ORDER BY due_at, id")
        .param("caseId", caseId)
        .query(FollowUpRepository::row)
        .list();
  }

  /** The case's follow-ups of a resolution that are not due yet. */
  List<StoredFollowUp> scheduledAfterResolution(String caseId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + """
                FROM follow_up
                WHERE case_id = :caseId AND source_kind = :source AND status = :status
                ORDER BY due_at, id
                """)
        .param("caseId", caseId)
        .param("source", Source.RESOLUTION.name())
        .param("status", FollowUpStatus.SCHEDULED.name())
        .query(FollowUpRepository::row)
        .list();
  }

  List<StoredFollowUp> queue(Queue queue) {
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM follow_up WHERE status = :status");
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("status", queue.status().name());
    queue
        .assignee()
        .ifPresent(
            a -> {
              sql.append(
                  queue.orUnassigned()
                      ? " AND (assignee = :assignee OR assignee IS NULL)"
                      : " AND assignee = :assignee");
              params.put("assignee", a);
            });
    queue
        .team()
        .ifPresent(
            t -> {
              sql.append(" AND team = :team");
              params.put("team", t);
            });
    sql.append(" ORDER BY due_at, id LIMIT :limit");
    params.put("limit", queue.limit());
    return jdbc.sql(sql.toString()).params(params).query(FollowUpRepository::row).list();
  }

  /** The protocol version the case's newest run is pinned to, if it has a run. */
  Optional<Pinned> pinnedProtocol(String caseId) {
    return jdbc.sql(
            """
            SELECT protocol_slug, protocol_version FROM protocol_run WHERE case_id = :caseId
            ORDER BY started_at DESC, id DESC LIMIT 1
            """)
        .param("caseId", caseId)
        .query((rs, n) -> new Pinned(rs.getString(1), rs.getInt(2)))
        .optional();
  }

  private static StoredFollowUp row(ResultSet rs, int n) throws SQLException {
    Timestamp completedAt = rs.getTimestamp("completed_at");
    String channel = rs.getString("channel");
    return new StoredFollowUp(
        rs.getString("id"),
        rs.getString("case_id"),
        Source.valueOf(rs.getString("source_kind")),
        Optional.ofNullable(rs.getString("protocol_slug")),
        integer(rs, "protocol_version"),
        Optional.ofNullable(rs.getString("run_id")),
        Optional.ofNullable(rs.getString("step_id")),
        integer(rs, "resolution_cycle"),
        rs.getString("after_duration"),
        rs.getTimestamp("due_at").toInstant(),
        Optional.ofNullable(channel).map(Channel::valueOf),
        Optional.ofNullable(rs.getString("assignee")),
        Optional.ofNullable(rs.getString("team")),
        FollowUpStatus.valueOf(rs.getString("status")),
        Optional.ofNullable(rs.getString("outcome")),
        Optional.ofNullable(rs.getString("reason")),
        rs.getTimestamp("created_at").toInstant(),
        rs.getString("created_by"),
        Optional.ofNullable(completedAt).map(Timestamp::toInstant),
        Optional.ofNullable(rs.getString("completed_by")),
        Optional.ofNullable(rs.getString("note")),
        rs.getLong("version"));
  }

  private static Optional<Integer> integer(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(value);
  }
}
