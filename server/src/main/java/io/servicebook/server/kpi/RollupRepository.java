package io.servicebook.server.kpi;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stored KPI rollups in SQL: the subjects not yet taken in, each case's share and the rollup
 * rows (see {@code V17__kpi_rollups.sql}).
 */
@Repository
class RollupRepository {

  /** The subject types whose changes change a case's facts, and how to find the case. */
  private static final Map<String, String> CASE_OF =
      Map.of(
          "run", "SELECT case_id FROM protocol_run WHERE id IN (:ids)",
          "compensation", "SELECT case_id FROM compensation_request WHERE id IN (:ids)");

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;

  RollupRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /** A subject not yet taken in. */
  record Pending(long id, String type, String subjectId) {}

  /** Where a case counts: its protocol version, day of creation and dimension values. */
  record Place(
      String protocol,
      int version,
      LocalDate day,
      String agent,
      String team,
      String channel,
      String language,
      String tier) {}

  /** A case's share: where it counts and its counts (a stored counting rollup). */
  record Share(String caseId, Place place, String counts) {}

  /** One rollup row's key. */
  record RowKey(String protocol, LocalDate day, int version, String dimension, String value) {}

  /** Records the changed subjects that change a case's facts. */
  void markPending(Map<String, Set<String>> subjects) {
    List<SqlParameterSource> rows = new ArrayList<>();
    subjects.forEach(
        (type, ids) -> {
          if (type.equals("case") || CASE_OF.containsKey(type)) {
            ids.forEach(
                id ->
                    rows.add(
                        new MapSqlParameterSource().addValue("type", type).addValue("id", id)));
          }
        });
    if (!rows.isEmpty()) {
      batch.batchUpdate(
          "INSERT INTO kpi_pending (subject_type, subject_id) VALUES (:type, :id)",
          rows.toArray(SqlParameterSource[]::new));
    }
  }

  /** Locks the rollups for one updater and tells the time zone their days are in. */
  String lockZone() {
    return jdbc.sql("SELECT day_zone FROM kpi_rollup_state WHERE id = 1 FOR UPDATE")
        .query(String.class)
        .single();
  }

  /** Drops every rollup and share, and has every case of a protocol taken in again. */
  void rebuild(String zone) {
    jdbc.sql("DELETE FROM kpi_rollup").update();
    jdbc.sql("DELETE FROM kpi_case_share").update();
    jdbc.sql("DELETE FROM kpi_pending").update();
    jdbc.sql(
            // oldest first: the passes then take in one day after the other, each touching few rows
            "INSERT INTO kpi_pending (subject_type, subject_id) SELECT 'case', id FROM service_case"
                + " WHERE protocol_slug IS NOT NULL ORDER BY created_at, id")
        .update();
    jdbc.sql("UPDATE kpi_rollup_state SET day_zone = :zone WHERE id = 1")
        .param("zone", zone)
        .update();
  }

  /** The oldest subjects not yet taken in, at most {@code limit}. */
  List<Pending> pending(int limit) {
    return jdbc.sql(
            "SELECT id, subject_type, subject_id FROM kpi_pending ORDER BY id FETCH FIRST :n ROWS ONLY")
        .param("n", limit)
        .query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  /** How many subjects wait; counts at most {@code upTo}. */
  long pendingCount(int upTo) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM (SELECT id FROM kpi_pending FETCH FIRST :n ROWS ONLY) waiting")
        .param("n", upTo)
        .query(Long.class)
        .single();
  }

  /** How many cases the rollups count. */
  long casesCounted() {
    return jdbc.sql("SELECT COUNT(*) FROM kpi_case_share").query(Long.class).single();
  }

  void deletePending(Collection<Long> ids) {
    if (!ids.isEmpty()) {
      jdbc.sql("DELETE FROM kpi_pending WHERE id IN (:ids)")
          .param("ids", List.copyOf(ids))
          .update();
    }
  }

  /** The cases the subjects belong to. */
  Set<String> caseIds(List<Pending> pending) {
    Map<String, List<String>> byType = new HashMap<>();
    pending.forEach(
        p -> byType.computeIfAbsent(p.type(), t -> new ArrayList<>()).add(p.subjectId()));
    Set<String> cases = new HashSet<>(byType.getOrDefault("case", List.of()));
    CASE_OF.forEach(
        (type, sql) -> {
          List<String> ids = byType.getOrDefault(type, List.of());
          if (!ids.isEmpty()) {
            cases.addAll(jdbc.sql(sql).param("ids", ids).query(String.class).list());
          }
        });
    return cases;
  }

  /** The shares stored for these cases, by case id. */
  Map<String, Share> shares(Collection<String> caseIds) {
    Map<String, Share> shares = new HashMap<>();
    if (caseIds.isEmpty()) {
      return shares;
    }
    jdbc.sql(
            """
            SELECT case_id, protocol_slug, protocol_version, created_day, agent, team, channel, language,
                   tier, share
            FROM kpi_case_share WHERE case_id IN (:ids)
            """)
        .param("ids", List.copyOf(caseIds))
        .query(
            rs -> {
              Share share =
                  new Share(
                      rs.getString("case_id"),
                      new Place(
                          rs.getString("protocol_slug"),
                          rs.getInt("protocol_version"),
                          rs.getDate("created_day").toLocalDate(),
                          rs.getString("agent"),
                          rs.getString("team"),
                          rs.getString("channel"),
                          rs.getString("language"),
                          rs.getString("tier")),
                      rs.getString("share"));
              shares.put(share.caseId(), share);
            });
    return shares;
  }

  /** Replaces the shares of these cases: {@code gone} have none any more. */
  void replaceShares(Collection<String> gone, List<Share> shares) {
    Set<String> replaced = new HashSet<>(gone);
    shares.forEach(s -> replaced.add(s.caseId()));
    if (!replaced.isEmpty()) {
      jdbc.sql("DELETE FROM kpi_case_share WHERE case_id IN (:ids)")
          .param("ids", List.copyOf(replaced))
          .update();
    }
    if (shares.isEmpty()) {
      return;
    }
    batch.batchUpdate(
        """
        INSERT INTO kpi_case_share (case_id, protocol_slug, protocol_version, created_day, agent, team,
          channel, language, tier, share)
        VALUES (:id, :protocol, :version, :day, :agent, :team, :channel, :language, :tier, :share)
        """,
        shares.stream()
            .map(
                s ->
                    new MapSqlParameterSource()
                        .addValue("id", s.caseId())
                        .addValue("protocol", s.place().protocol())
                        .addValue("version", s.place().version())
                        .addValue("day", Date.valueOf(s.place().day()))
                        .addValue("agent", s.place().agent())
                        .addValue("team", s.place().team())
                        .addValue("channel", s.place().channel())
                        .addValue("language", s.place().language())
                        .addValue("tier", s.place().tier())
                        .addValue("share", s.counts()))
            .toArray(SqlParameterSource[]::new));
  }

  /** The stored rows of these protocols' days, by key. */
  Map<RowKey, String> rowsOf(Set<Map.Entry<String, LocalDate>> protocolDays) {
    Map<RowKey, String> rows = new HashMap<>();
    if (protocolDays.isEmpty()) {
      return rows;
    }
    List<Object[]> pairs =
        protocolDays.stream()
            .map(e -> new Object[] {e.getKey(), Date.valueOf(e.getValue())})
            .toList();
    jdbc.sql(
            """
            SELECT protocol_slug, created_day, protocol_version, dimension, dim_value, rollup
            FROM kpi_rollup WHERE (protocol_slug, created_day) IN (:pairs)
            """)
        .param("pairs", pairs)
        .query(
            rs -> {
              rows.put(key(rs), rs.getString("rollup"));
            });
    return rows;
  }

  /** Writes changed rows: inserted when new, updated when stored, deleted when without cases. */
  void writeRows(Map<RowKey, Optional<StoredRollup>> changed, Set<RowKey> stored) {
    List<SqlParameterSource> inserts = new ArrayList<>();
    List<SqlParameterSource> updates = new ArrayList<>();
    List<SqlParameterSource> deletes = new ArrayList<>();
    changed.forEach(
        (key, rollup) -> {
          MapSqlParameterSource row =
              new MapSqlParameterSource()
                  .addValue("protocol", key.protocol())
                  .addValue("day", Date.valueOf(key.day()))
                  .addValue("version", key.version())
                  .addValue("dimension", key.dimension())
                  .addValue("value", key.value());
          if (rollup.isEmpty()) {
            if (stored.contains(key)) {
              deletes.add(row);
            }
            return;
          }
          row.addValue("cases", rollup.get().cases()).addValue("rollup", rollup.get().text());
          (stored.contains(key) ? updates : inserts).add(row);
        });
    String where =
        " WHERE protocol_slug = :protocol AND created_day = :day AND protocol_version = :version"
            + " AND dimension = :dimension AND dim_value = :value";
    if (!deletes.isEmpty()) {
      batch.batchUpdate(
          "DELETE FROM kpi_rollup" + where, deletes.toArray(SqlParameterSource[]::new));
    }
    if (!updates.isEmpty()) {
      batch.batchUpdate(
          "UPDATE kpi_rollup SET cases = :cases, rollup = :rollup" + where,
          updates.toArray(SqlParameterSource[]::new));
    }
    if (!inserts.isEmpty()) {
      batch.batchUpdate(
          """
          INSERT INTO kpi_rollup (protocol_slug, created_day, protocol_version, dimension, dim_value, cases,
            rollup)
          VALUES (:protocol, :day, :version, :dimension, :value, :cases, :rollup)
          """,
          inserts.toArray(SqlParameterSource[]::new));
    }
  }

  /** A row's numbers as text, with its number of cases. */
  record StoredRollup(long cases, String text) {}

  /**
   * The rows of one dimension ({@code ""} for all cases) from day {@code from} up to {@code to}
   * (exclusive): of one protocol (and version) when given, else of every protocol, or of {@code *}
   * (all protocols together) when {@code together}.
   */
  List<Map.Entry<RowKey, String>> read(
      Optional<String> protocol,
      Optional<Integer> version,
      boolean together,
      String dimension,
      LocalDate from,
      LocalDate to) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT protocol_slug, created_day, protocol_version, dimension, dim_value, rollup FROM"
                + " kpi_rollup WHERE dimension = :dimension AND created_day >= :from AND created_day < :to");
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("dimension", dimension);
    params.put("from", Date.valueOf(from));
    params.put("to", Date.valueOf(to));
    if (together) {
      sql.append(" AND protocol_slug = '*'");
    } else if (protocol.isPresent()) {
      sql.append(" AND protocol_slug = :protocol");
      params.put("protocol", protocol.get());
    } else {
      sql.append(" AND protocol_slug <> '*'");
    }
    version.ifPresent(
        v -> {
          sql.append(" AND protocol_version = :version");
          params.put("version", v);
        });
    List<Map.Entry<RowKey, String>> rows = new ArrayList<>();
    jdbc.sql(sql.toString())
        .params(params)
        .query(
            rs -> {
              rows.add(Map.entry(key(rs), rs.getString("rollup")));
            });
    return rows;
  }

  private static RowKey key(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new RowKey(
        rs.getString("protocol_slug"),
        rs.getDate("created_day").toLocalDate(),
        rs.getInt("protocol_version"),
        rs.getString("dimension"),
        rs.getString("dim_value"));
  }
}
