package io.servicebook.server.demo;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Writes a generated past ({@link DemoHistory}) in batches, table by table. */
@Repository
class DemoHistoryRepository {

  private final JdbcTemplate jdbc;

  DemoHistoryRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A case as generated. */
  record CaseRow(
      String id,
      String status,
      String channel,
      String category,
      String subject,
      String priority,
      String assignee,
      String team,
      String customerId,
      String language,
      String tier,
      String protocol,
      int version,
      Instant createdAt) {}

  /** The rows of some generated cases, table by table, in the order they are written. */
  static final class Batch {
    private final List<Object[]> customers = new ArrayList<>();
    private final List<CaseRow> cases = new ArrayList<>();
    private final List<Object[]> interactions = new ArrayList<>();
    private final List<Object[]> sla = new ArrayList<>();
    private final List<Object[]> runs = new ArrayList<>();
    private final List<Object[]> resolutions = new ArrayList<>();
    private final List<Object[]> escalations = new ArrayList<>();
    private final List<Object[]> surveys = new ArrayList<>();
    private final List<Object[]> answers = new ArrayList<>();

    void customer(String id, String caseId, String language, String tier, Instant at) {
      String email = "demo-" + caseId + "@example.com";
      customers.add(
          new Object[] {id, email, email, "Demo", "Customer", language, tier, time(at), time(at)});
    }

    void kase(CaseRow row) {
      cases.add(row);
    }

    void interaction(String caseId, String kind, String channel, String author, Instant at) {
      interactions.add(
          new Object[] {caseId, kind, channel, author, "(demo history)", "PUBLIC", time(at)});
    }

    void sla(String caseId, String kind, String status, String priority, Instant at) {
      sla.add(new Object[] {caseId, kind, status, priority, time(at)});
    }

    void run(
        String id,
        String caseId,
        String protocol,
        int version,
        String status,
        String[] pathAndLog,
        Instant started,
        Instant updated) {
      runs.add(
          new Object[] {
            id,
            caseId,
            protocol,
            version,
            status,
            pathAndLog[0],
            "{}",
            pathAndLog[1],
            time(started),
            time(updated)
          });
    }

    void resolution(String caseId, int cycle, Instant resolved, Instant ended) {
      resolutions.add(
          new Object[] {caseId, cycle, time(resolved), ended == null ? null : time(ended)});
    }

    void escalation(String caseId, String team, String actor, Instant at) {
      escalations.add(
          new Object[] {
            caseId, team, actor, "The customer asked for a manager (demo history)", time(at)
          });
    }

    void survey(
        String id,
        String caseId,
        String customer,
        String protocol,
        int version,
        String kind,
        String token,
        String status,
        Instant sent) {
      surveys.add(
          new Object[] {
            id,
            caseId,
            customer,
            kind,
            token,
            protocol,
            version,
            status,
            time(sent),
            time(sent.plusSeconds(30L * 86_400))
          });
    }

    void answer(String surveyId, int score, String comment, Instant at) {
      answers.add(new Object[] {surveyId, score, comment, time(at)});
    }

    List<Object[]> interactions() {
      return interactions;
    }

    List<Object[]> surveys() {
      return surveys;
    }

    private static Timestamp time(Instant at) {
      return Timestamp.from(at);
    }
  }

  /** Has the database update its statistics (H2 and PostgreSQL both know `ANALYZE`). */
  void analyze() {
    jdbc.execute("ANALYZE");
  }

  void write(Batch batch) {
    jdbc.batchUpdate(
        """
        INSERT INTO customer (id, email_key, email, first_name, last_name, language, tier,
          lifetime_value, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
        """,
        batch.customers);
    jdbc.batchUpdate(
        """
        INSERT INTO service_case (id, status, channel, category, subject, priority, assignee, team,
          customer_id, customer_first_name, customer_last_name, customer_email, customer_language,
          customer_tier, protocol_slug, protocol_version, alternatives, created_at, created_by,
          version)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'Demo', 'Customer', ?, ?, ?, ?, ?, '[]', ?, 'demo-data', 0)
        """,
        batch.cases.stream()
            .map(
                c ->
                    new Object[] {
                      c.id(),
                      c.status(),
                      c.channel(),
                      c.category(),
                      c.subject(),
                      c.priority(),
                      c.assignee(),
                      c.team(),
                      c.customerId(),
                      "demo-" + c.id() + "@example.com",
                      c.language(),
                      c.tier(),
                      c.protocol(),
                      c.version(),
                      Timestamp.from(c.createdAt())
                    })
            .toList());
    jdbc.batchUpdate(
        """
        INSERT INTO case_interaction (case_id, kind, channel, author, body, visibility, occurred_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
        batch.interactions);
    jdbc.batchUpdate(
        "INSERT INTO sla_case_change (case_id, kind, status, priority, occurred_at)"
            + " VALUES (?, ?, ?, ?, ?)",
        batch.sla);
    jdbc.batchUpdate(
        """
        INSERT INTO protocol_run (id, case_id, protocol_slug, protocol_version, status, path,
          fields, log, started_at, updated_at, version)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
        """,
        batch.runs);
    jdbc.batchUpdate(
        "INSERT INTO case_resolution (case_id, cycle, resolved_at, ended_at) VALUES (?, ?, ?, ?)",
        batch.resolutions);
    jdbc.batchUpdate(
        """
        INSERT INTO escalation (case_id, seq, kind, from_level, to_level, source, team, reason,
          actor, escalated_at)
        VALUES (?, 1, 'escalated', 'agent', 'team_lead', 'by_hand', ?, ?, ?, ?)
        """,
        batch.escalations.stream().map(e -> new Object[] {e[0], e[1], e[3], e[2], e[4]}).toList());
    jdbc.batchUpdate(
        """
        INSERT INTO survey (id, case_id, customer_id, kind, token, source_kind, protocol_slug,
          protocol_version, status, sent_at, expires_at, created_by, version)
        VALUES (?, ?, ?, ?, ?, 'ON_RESOLVE', ?, ?, ?, ?, ?, 'demo-data', 0)
        """,
        batch.surveys);
    jdbc.batchUpdate(
        "INSERT INTO survey_response (survey_id, score, comment, answered_at) VALUES (?, ?, ?, ?)",
        batch.answers);
  }
}
