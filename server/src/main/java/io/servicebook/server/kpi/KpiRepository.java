package io.servicebook.server.kpi;

import io.servicebook.compensation.Money;
import io.servicebook.followups.FollowUpStatus;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the KPIs read beyond the cases themselves, in SQL: the runs, resolutions, escalations,
 * follow-ups and grants of the cases a query counts, each in one query bounded by the window.
 */
@Repository
class KpiRepository {

  private final JdbcClient jdbc;

  KpiRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A run of a case as stored: its pinned version, status, path and step log (JSON). */
  record RunRow(
      String id, String caseId, String slug, int version, String status, String path, String log) {}

  /** One resolution cycle of a case. */
  record ResolutionRow(int cycle, Instant resolvedAt) {}

  /** Everything read about the cases of one query, by case id. */
  record Facts(
      Map<String, List<RunRow>> runs,
      Map<String, String> abandonReasons,
      Map<String, List<ResolutionRow>> resolutions,
      Set<String> escalated,
      Map<String, List<FollowUpStatus>> followUps,
      Map<String, Money> compensation) {}

  /** Which cases facts are read for: a subquery of their ids and its parameters. */
  record Scope(String cases, Map<String, Object> params) {

    /** The cases a query counts. */
    static Scope of(KpiQuery query) {
      StringBuilder cases =
          new StringBuilder(
              "SELECT id FROM service_case WHERE created_at >= :from AND created_at < :to"
                  + " AND protocol_slug IS NOT NULL");
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("from", Timestamp.from(query.window().from()));
      params.put("to", Timestamp.from(query.window().to()));
      query
          .protocol()
          .ifPresent(
              p -> {
                cases.append(" AND protocol_slug = :protocol");
                params.put("protocol", p);
              });
      query
          .version()
          .ifPresent(
              v -> {
                cases.append(" AND protocol_version = :version");
                params.put("version", v);
              });
      return new Scope(cases.toString(), params);
    }

    /** The cases with these ids (at least one). */
    static Scope ids(Collection<String> ids) {
      return new Scope(":ids", Map.of("ids", List.copyOf(ids)));
    }
  }

  Facts facts(Scope query) {
    return new Facts(
        runs(query),
        abandonReasons(query),
        resolutions(query),
        escalated(query),
        followUps(query),
        compensation(query));
  }

  /** The runs of each case, oldest first. */
  private Map<String, List<RunRow>> runs(Scope query) {
    Map<String, List<RunRow>> runs = new HashMap<>();
    select(
            """
            SELECT id, case_id, protocol_slug, protocol_version, status, path, log FROM protocol_run
            WHERE case_id IN (%s) ORDER BY case_id, started_at, id
            """,
            query)
        .query(
            rs -> {
              RunRow row =
                  new RunRow(
                      rs.getString("id"),
                      rs.getString("case_id"),
                      rs.getString("protocol_slug"),
                      rs.getInt("protocol_version"),
                      rs.getString("status"),
                      rs.getString("path"),
                      rs.getString("log"));
              runs.computeIfAbsent(row.caseId(), id -> new ArrayList<>()).add(row);
            });
    return runs;
  }

  /** Why each abandoned run was left (the agent switched protocol), by run id. */
  private Map<String, String> abandonReasons(Scope query) {
    Map<String, String> reasons = new HashMap<>();
    select(
            """
            SELECT a.subject_id, a.reason FROM audit_event a
            WHERE a.subject_type = 'run' AND a.event_type = 'run.abandoned'
              AND a.subject_id IN (SELECT r.id FROM protocol_run r WHERE r.case_id IN (%s))
            """,
            query)
        .query(
            rs -> {
              if (rs.getString("reason") != null) {
                reasons.put(rs.getString("subject_id"), rs.getString("reason"));
              }
            });
    return reasons;
  }

  private Map<String, List<ResolutionRow>> resolutions(Scope query) {
    Map<String, List<ResolutionRow>> resolutions = new HashMap<>();
    select(
            """
            SELECT case_id, cycle, resolved_at FROM case_resolution
            WHERE case_id IN (%s) ORDER BY case_id, cycle
            """,
            query)
        .query(
            rs -> {
              resolutions
                  .computeIfAbsent(rs.getString("case_id"), id -> new ArrayList<>())
                  .add(
                      new ResolutionRow(
                          rs.getInt("cycle"), rs.getTimestamp("resolved_at").toInstant()));
            });
    return resolutions;
  }

  private Set<String> escalated(Scope query) {
    return new HashSet<>(
        select(
                """
                SELECT DISTINCT case_id FROM escalation
                WHERE kind = 'escalated' AND case_id IN (%s)
                """,
                query)
            .query(String.class)
            .list());
  }

  private Map<String, List<FollowUpStatus>> followUps(Scope query) {
    Map<String, List<FollowUpStatus>> followUps = new HashMap<>();
    select(
            """
            SELECT case_id, status FROM follow_up
            WHERE case_id IN (%s) ORDER BY case_id, due_at, id
            """,
            query)
        .query(
            rs -> {
              followUps
                  .computeIfAbsent(rs.getString("case_id"), id -> new ArrayList<>())
                  .add(FollowUpStatus.valueOf(rs.getString("status")));
            });
    return followUps;
  }

  /**
   * What was granted on each case. A case granted in several currencies (which budgets do not allow
   * today) counts its largest sum's currency only.
   */
  private Map<String, Money> compensation(Scope query) {
    Map<String, Money> granted = new HashMap<>();
    select(
            """
            SELECT case_id, currency, SUM(amount) AS granted FROM compensation_ledger
            WHERE case_id IN (%s) GROUP BY case_id, currency
            """,
            query)
        .query(
            rs -> {
              BigDecimal amount = rs.getBigDecimal("granted");
              if (amount.signum() > 0) {
                Money money = new Money(amount, rs.getString("currency"));
                granted.merge(
                    rs.getString("case_id"),
                    money,
                    (a, b) -> a.amount().compareTo(b.amount()) >= 0 ? a : b);
              }
            });
    return granted;
  }

  /** How many audit events are recorded, and the latest one's id: what a cached report is of. */
  ReportCache.DataState dataState() {
    return jdbc.sql("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM audit_event")
        .query((rs, n) -> new ReportCache.DataState(rs.getLong(1), rs.getLong(2)))
        .single();
  }

  /** The statement with the ids of the scope's cases in place of {@code %s}. */
  private JdbcClient.StatementSpec select(String sql, Scope scope) {
    return jdbc.sql(sql.formatted(scope.cases())).params(scope.params());
  }
}
