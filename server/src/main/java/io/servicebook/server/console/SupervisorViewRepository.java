package io.servicebook.server.console;

import io.servicebook.escalation.EscalationLadder;
import io.servicebook.escalation.EscalationLevel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the supervisor view reads, in SQL: the open cases per team and per agent with their SLA
 * standing, the breaches of a day, the escalated cases still open and the compensation waiting for
 * approval. A case is open until it is resolved or closed; it is breached when one of its running
 * clocks is past due ({@code sla_due_at}, kept with every change of the case).
 */
@Repository
class SupervisorViewRepository {

  static final int LIMIT = 50;

  /** How many of the day's breaches the page lists, newest first. */
  static final int BREACHES = 25;

  /** Statuses in which a case no longer waits for the team. */
  private static final String DONE = "('RESOLVED', 'CLOSED')";

  private final JdbcClient jdbc;

  SupervisorViewRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Something that happened at a moment the page prints (in the browser's zone, by app.js). */
  interface Dated {
    Instant at();

    default String atIso() {
      return at().toString();
    }

    default String atText() {
      return Times.utc(at());
    }
  }

  /** A team's open cases; {@code team} is empty for the cases no team has. */
  record TeamQueue(String team, long open, long unassigned, long breached, long breachingSoon) {}

  List<TeamQueue> teams(Instant now, Instant soon) {
    return jdbc.sql(
            """
            SELECT team, COUNT(*) AS open_cases,
                   SUM(CASE WHEN assignee IS NULL THEN 1 ELSE 0 END) AS unassigned,
                   SUM(CASE WHEN sla_due_at <= :now THEN 1 ELSE 0 END) AS breached,
                   SUM(CASE WHEN sla_due_at > :now AND sla_due_at <= :soon THEN 1 ELSE 0 END)
                     AS breaching
            FROM service_case
            WHERE status NOT IN %s
            GROUP BY team
            ORDER BY team NULLS LAST
            """
                .formatted(DONE))
        .param("now", Timestamp.from(now))
        .param("soon", Timestamp.from(soon))
        .query(
            (rs, n) ->
                new TeamQueue(
                    Optional.ofNullable(rs.getString("team")).orElse(""),
                    rs.getLong("open_cases"),
                    rs.getLong("unassigned"),
                    rs.getLong("breached"),
                    rs.getLong("breaching")))
        .list();
  }

  /** The day of {@code now} in the zone, as the instants it starts and ends at. */
  record Day(LocalDate date, ZoneId zone, Instant from, Instant until) {

    static Day of(Instant now, ZoneId zone) {
      LocalDate date = LocalDate.ofInstant(now, zone);
      return new Day(
          date,
          zone,
          date.atStartOfDay(zone).toInstant(),
          date.plusDays(1).atStartOfDay(zone).toInstant());
    }
  }

  /** A clock of a case that breached. */
  record Breach(
      String caseId,
      String subject,
      String target,
      String protocol,
      String assignee,
      String team,
      Instant at)
      implements Dated {}

  /** The day's breaches, newest first, at most {@link #BREACHES}. */
  List<Breach> breaches(Day day) {
    return jdbc.sql(
            """
            SELECT f.case_id, f.target, f.fired_at, c.subject, c.protocol_slug,
                   c.protocol_version, c.assignee, c.team
            FROM sla_firing f JOIN service_case c ON c.id = f.case_id
            WHERE f.kind = 'breach' AND f.fired_at >= :from AND f.fired_at < :until
            ORDER BY f.fired_at DESC, f.case_id
            LIMIT :limit
            """)
        .param("from", Timestamp.from(day.from()))
        .param("until", Timestamp.from(day.until()))
        .param("limit", BREACHES)
        .query(
            (rs, n) ->
                new Breach(
                    rs.getString("case_id"),
                    rs.getString("subject"),
                    rs.getString("target").toLowerCase(Locale.ROOT),
                    protocol(rs),
                    text(rs, "assignee"),
                    text(rs, "team"),
                    rs.getTimestamp("fired_at").toInstant()))
        .list();
  }

  long breachCount(Day day) {
    return jdbc.sql(
            """
            SELECT COUNT(*) FROM sla_firing
            WHERE kind = 'breach' AND fired_at >= :from AND fired_at < :until
            """)
        .param("from", Timestamp.from(day.from()))
        .param("until", Timestamp.from(day.until()))
        .query(Long.class)
        .single();
  }

  /** The open cases whose latest move left them above the ladder's first level ({@code :first}). */
  private static final String ESCALATED =
      """
      FROM service_case c JOIN escalation e ON e.case_id = c.id
      WHERE c.status NOT IN %s AND e.to_level <> :first
        AND e.seq = (SELECT MAX(x.seq) FROM escalation x WHERE x.case_id = c.id)
      """
          .formatted(DONE);

  /** An open case above the first level of the escalation ladder, and its latest move. */
  record Escalated(
      String caseId,
      String subject,
      String level,
      String reason,
      String source,
      String actor,
      String assignee,
      String team,
      Instant at)
      implements Dated {}

  /** The open cases that stand above the ladder's first level, the latest escalated first. */
  List<Escalated> escalated(EscalationLadder ladder) {
    return jdbc.sql(
            """
            SELECT c.id, c.subject, c.assignee, c.team, e.to_level, e.reason, e.source, e.actor,
                   e.escalated_at
            """
                + ESCALATED
                + """
                ORDER BY e.escalated_at DESC, c.id
                LIMIT :limit
                """)
        .param("first", ladder.first().key())
        .param("limit", LIMIT)
        .query(
            (rs, n) ->
                new Escalated(
                    rs.getString("id"),
                    rs.getString("subject"),
                    ladder
                        .level(rs.getString("to_level"))
                        .map(EscalationLevel::name)
                        .orElse(rs.getString("to_level")),
                    rs.getString("reason"),
                    rs.getString("source"),
                    rs.getString("actor"),
                    text(rs, "assignee"),
                    text(rs, "team"),
                    rs.getTimestamp("escalated_at").toInstant()))
        .list();
  }

  long escalatedCount(EscalationLadder ladder) {
    return jdbc.sql(
            """
            SELECT COUNT(*)
            """
                + ESCALATED)
        .param("first", ladder.first().key())
        .query(Long.class)
        .single();
  }

  /** A compensation request waiting for a supervisor, with its case. */
  record Approval(
      String id,
      String caseId,
      String subject,
      String amount,
      String reason,
      String requestedBy,
      String team,
      Instant at)
      implements Dated {}

  /** The requests waiting for approval, oldest first. */
  List<Approval> approvals() {
    return jdbc.sql(
            """
            SELECT r.id, r.case_id, r.amount, r.currency, r.reason, r.requested_by,
                   r.requested_at, r.team, c.subject
            FROM compensation_request r JOIN service_case c ON c.id = r.case_id
            WHERE r.status = 'PENDING_APPROVAL'
            ORDER BY r.requested_at, r.id
            LIMIT :limit
            """)
        .param("limit", LIMIT)
        .query(
            (rs, n) ->
                new Approval(
                    rs.getString("id"),
                    rs.getString("case_id"),
                    rs.getString("subject"),
                    money(rs.getBigDecimal("amount"), rs.getString("currency")),
                    rs.getString("reason"),
                    rs.getString("requested_by"),
                    text(rs, "team"),
                    rs.getTimestamp("requested_at").toInstant()))
        .list();
  }

  long approvalCount() {
    return jdbc.sql("SELECT COUNT(*) FROM compensation_request WHERE status = 'PENDING_APPROVAL'")
        .query(Long.class)
        .single();
  }

  /** What one person has on their plate. */
  record Load(String username, String name, long open, long breached, long followUpsDue) {

    /** The first letter of the name, for the avatar. */
    public String initial() {
      return name.isBlank() ? "" : name.substring(0, 1).toUpperCase(Locale.ROOT);
    }
  }

  /** Everyone with open cases or follow-ups due, most open cases first. */
  List<Load> loads(Instant now) {
    Map<String, long[]> counts = new TreeMap<>();
    jdbc.sql(
            """
            SELECT assignee, COUNT(*) AS open_cases,
                   SUM(CASE WHEN sla_due_at <= :now THEN 1 ELSE 0 END) AS breached
            FROM service_case
            WHERE status NOT IN %s AND assignee IS NOT NULL
            GROUP BY assignee
            """
                .formatted(DONE))
        .param("now", Timestamp.from(now))
        .query(
            (rs, n) ->
                Map.entry(
                    rs.getString("assignee"),
                    new long[] {rs.getLong("open_cases"), rs.getLong("breached"), 0}))
        .list()
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    jdbc.sql(
            """
            SELECT assignee, COUNT(*) AS due FROM follow_up
            WHERE status = 'DUE' AND assignee IS NOT NULL
            GROUP BY assignee
            """)
        .query((rs, n) -> Map.entry(rs.getString("assignee"), rs.getLong("due")))
        .list()
        .forEach(e -> counts.computeIfAbsent(e.getKey(), a -> new long[3])[2] = e.getValue());
    Map<String, String> names = new TreeMap<>();
    jdbc.sql("SELECT username, display_name FROM app_user")
        .query((rs, n) -> Map.entry(rs.getString("username"), rs.getString("display_name")))
        .list()
        .forEach(e -> names.put(e.getKey(), e.getValue()));
    return counts.entrySet().stream()
        .map(
            e ->
                new Load(
                    e.getKey(),
                    names.getOrDefault(e.getKey(), e.getKey()),
                    e.getValue()[0],
                    e.getValue()[1],
                    e.getValue()[2]))
        .sorted(Comparator.comparingLong(Load::open).reversed().thenComparing(Load::username))
        .toList();
  }

  private static String protocol(ResultSet rs) throws SQLException {
    String slug = rs.getString("protocol_slug");
    return slug == null ? "" : slug + "@" + rs.getInt("protocol_version");
  }

  private static String text(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column)).orElse("");
  }

  private static String money(BigDecimal amount, String currency) {
    return amount.setScale(2, RoundingMode.HALF_UP).toPlainString() + " " + currency;
  }
}
