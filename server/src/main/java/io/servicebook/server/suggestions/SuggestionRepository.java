package io.servicebook.server.suggestions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The agents' step suggestions in SQL. */
@Repository
class SuggestionRepository {

  private static final String COLUMNS =
      """
      id, protocol_slug, protocol_version, step_id, case_id, run_id, author, body, status,
      created_at, closed_at, closed_by, close_note, version
      """;

  private final JdbcClient jdbc;

  SuggestionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(StepSuggestion s) {
    jdbc.sql(
            """
            INSERT INTO step_suggestion
              (id, protocol_slug, protocol_version, step_id, case_id, run_id, author, body,
               status, created_at, version)
            VALUES (:id, :slug, :protocolVersion, :stepId, :caseId, :runId, :author, :body,
                    :status, :createdAt, 0)
            """)
        .param("id", s.id())
        .param("slug", s.protocolSlug())
        .param("protocolVersion", s.protocolVersion())
        .param("stepId", s.stepId())
        .param("caseId", s.caseId())
        .param("runId", s.runId())
        .param("author", s.author())
        .param("body", s.text())
        .param("status", s.status().name())
        .param("createdAt", Timestamp.from(s.createdAt()))
        .update();
  }

  /** Writes how the suggestion was closed unless somebody changed it since; false if they did. */
  boolean close(StepSuggestion s) {
    return jdbc.sql(
                """
                UPDATE step_suggestion
                SET status = :status, closed_at = :closedAt, closed_by = :closedBy,
                    close_note = :note, version = version + 1
                WHERE id = :id AND version = :version
                """)
            .param("status", s.status().name())
            .param("closedAt", s.closedAt().map(Timestamp::from).orElse(null))
            .param("closedBy", s.closedBy().orElse(null))
            .param("note", s.closeNote().orElse(null))
            .param("id", s.id())
            .param("version", s.version())
            .update()
        == 1;
  }

  Optional<StepSuggestion> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM step_suggestion WHERE id = :id")
        .param("id", id)
        .query(SuggestionRepository::row)
        .optional();
  }

  /** The protocol's suggestions (of every version), newest first; only those with a status. */
  List<StepSuggestion> ofProtocol(String slug, Optional<StepSuggestion.Status> status, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + """
                FROM step_suggestion
                WHERE protocol_slug = :slug AND (:status = '' OR status = :status)
                ORDER BY created_at DESC, id DESC
                LIMIT :limit
                """)
        .param("slug", slug)
        .param("status", status.map(StepSuggestion.Status::name).orElse(""))
        .param("limit", limit)
        .query(SuggestionRepository::row)
        .list();
  }

  long countOpen(String slug) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM step_suggestion WHERE protocol_slug = :slug AND status = 'OPEN'")
        .param("slug", slug)
        .query(Long.class)
        .single();
  }

  private static StepSuggestion row(ResultSet rs, int n) throws SQLException {
    Timestamp closedAt = rs.getTimestamp("closed_at");
    return new StepSuggestion(
        rs.getString("id"),
        rs.getString("protocol_slug"),
        rs.getInt("protocol_version"),
        rs.getString("step_id"),
        rs.getString("case_id"),
        rs.getString("run_id"),
        rs.getString("author"),
        rs.getString("body"),
        StepSuggestion.Status.valueOf(rs.getString("status")),
        rs.getTimestamp("created_at").toInstant(),
        Optional.ofNullable(closedAt).map(Timestamp::toInstant),
        Optional.ofNullable(rs.getString("closed_by")),
        Optional.ofNullable(rs.getString("close_note")),
        rs.getLong("version"));
  }
}
