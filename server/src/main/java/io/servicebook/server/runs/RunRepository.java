package io.servicebook.server.runs;

import io.servicebook.runs.Run;
import io.servicebook.runs.RunStatus;
import io.servicebook.server.search.SearchIndex;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Runs in SQL: the pinned protocol version and the run's state as JSON text. */
@Repository
class RunRepository {

  private static final String COLUMNS =
      "id, case_id, protocol_slug, protocol_version, status, path, fields, log, version";

  private final JdbcClient jdbc;
  private final ObjectProvider<SearchIndex> search;

  RunRepository(JdbcClient jdbc, ObjectProvider<SearchIndex> search) {
    this.jdbc = jdbc;
    this.search = search;
  }

  /** The run's captured values are searched with its case: its entry is written anew. */
  private void searchable(Run run) {
    search.ifAvailable(s -> s.runChanged(run.caseId()));
  }

  void insert(Run run, Instant at) {
    jdbc.sql(
            """
            INSERT INTO protocol_run
              (id, case_id, protocol_slug, protocol_version, status, path, fields, log,
               started_at, updated_at, version)
            VALUES (:id, :caseId, :slug, :protocolVersion, :status, :path, :fields, :log,
                    :at, :at, 0)
            """)
        .param("id", run.id())
        .param("caseId", run.caseId())
        .param("slug", run.protocolSlug())
        .param("protocolVersion", run.protocolVersion())
        .param("status", run.status().name())
        .param("path", RunState.path(run.path()))
        .param("fields", RunState.fields(run.fields()))
        .param("log", RunState.log(run.log()))
        .param("at", Timestamp.from(at))
        .update();
    searchable(run);
  }

  /**
   * Writes the run's new state if nobody changed it since {@code version}; false if somebody did.
   */
  boolean update(Run run, long version, Instant at) {
    boolean updated =
        jdbc.sql(
                    """
                UPDATE protocol_run
                SET status = :status, path = :path, fields = :fields, log = :log,
                    updated_at = :at, version = version + 1
                WHERE id = :id AND version = :version
                """)
                .param("status", run.status().name())
                .param("path", RunState.path(run.path()))
                .param("fields", RunState.fields(run.fields()))
                .param("log", RunState.log(run.log()))
                .param("at", Timestamp.from(at))
                .param("id", run.id())
                .param("version", version)
                .update()
            == 1;
    if (updated) {
      searchable(run);
    }
    return updated;
  }

  Optional<StoredRun> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM protocol_run WHERE id = :id")
        .param("id", id)
        .query(RunRepository::row)
        .optional();
  }

  /** The case's newest run. */
  /** The ids of the case's runs, oldest first. */
  List<String> idsOf(String caseId) {
    return jdbc.sql("SELECT id FROM protocol_run WHERE case_id = :caseId ORDER BY started_at, id")
        .param("caseId", caseId)
        .query(String.class)
        .list();
  }

  Optional<StoredRun> latestOf(String caseId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM protocol_run WHERE case_id = :caseId"
                + " ORDER BY started_at DESC, id DESC LIMIT 1")
        .param("caseId", caseId)
        .query(RunRepository::row)
        .optional();
  }

  private static StoredRun row(ResultSet rs, int n) throws SQLException {
    return new StoredRun(
        rs.getString("id"),
        rs.getString("case_id"),
        rs.getString("protocol_slug"),
        rs.getInt("protocol_version"),
        RunStatus.valueOf(rs.getString("status")),
        RunState.path(rs.getString("path")),
        RunState.fields(rs.getString("fields")),
        RunState.log(rs.getString("log")),
        rs.getLong("version"));
  }
}
