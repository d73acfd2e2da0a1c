package io.servicebook.server.demo;

import io.servicebook.compensation.CompensationOffer;
import io.servicebook.compensation.Money;
import io.servicebook.server.timers.Timers;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Writes a generated past ({@link DemoHistory}) in batches, table by table. */
@Repository
class DemoHistoryRepository {

  // Columns every generated row has the same value in are literals in the SQL, so only what
  // differs travels as parameters. Statements with nullable columns give their parameters' SQL
  // types: then a null goes to the database as the same type as a value, and PostgreSQL's driver
  // prepares a batch's multi-row INSERT once, not again whenever the next rows have their nulls
  // elsewhere (measured: about a third faster for such a batch).
  private static final int TEXT = Types.VARCHAR;
  private static final int TIME = Types.TIMESTAMP;
  private static final int NUMBER = Types.INTEGER;
  private static final int AMOUNT = Types.DECIMAL;

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

  /**
   * A follow-up of a resolution cycle as the follow-up feature stores it.
   *
   * @param version how often it moved: due and then done or skipped is 2
   */
  record FollowUpRow(
      String id,
      String caseId,
      String protocol,
      int protocolVersion,
      int cycle,
      String after,
      Instant dueAt,
      String channel,
      String assignee,
      String team,
      Instant createdAt,
      String createdBy,
      String status,
      String outcome,
      String reason,
      Instant completedAt,
      String completedBy,
      int version) {

    /** Scheduled, not due yet. */
    FollowUpRow(
        String id,
        String caseId,
        String protocol,
        int protocolVersion,
        int cycle,
        String after,
        Instant dueAt,
        String channel,
        String assignee,
        String team,
        Instant createdAt,
        String createdBy) {
      this(
          id,
          caseId,
          protocol,
          protocolVersion,
          cycle,
          after,
          dueAt,
          channel,
          assignee,
          team,
          createdAt,
          createdBy,
          "SCHEDULED",
          null,
          null,
          null,
          null,
          0);
    }

    /** Came due and waits in the queue. */
    FollowUpRow due() {
      return ended("DUE", null, null, null, null, 1);
    }

    FollowUpRow ended(
        String status,
        String outcome,
        String reason,
        Instant completedAt,
        String completedBy,
        int version) {
      return new FollowUpRow(
          id,
          caseId,
          protocol,
          protocolVersion,
          cycle,
          after,
          dueAt,
          channel,
          assignee,
          team,
          createdAt,
          createdBy,
          status,
          outcome,
          reason,
          completedAt,
          completedBy,
          version);
    }
  }

  /** A request for compensation with the offer's terms, and its decision once decided. */
  record RequestRow(
      String id,
      String caseId,
      String runId,
      String stepId,
      String team,
      Money amount,
      String reason,
      CompensationOffer offer,
      String requestedBy,
      Instant requestedAt,
      String status,
      String decidedBy,
      Instant decidedAt,
      String decisionReason) {

    RequestRow(
        String id,
        String caseId,
        String runId,
        String stepId,
        String team,
        Money amount,
        String reason,
        CompensationOffer offer,
        String requestedBy,
        Instant requestedAt) {
      this(
          id,
          caseId,
          runId,
          stepId,
          team,
          amount,
          reason,
          offer,
          requestedBy,
          requestedAt,
          null,
          null,
          null,
          null);
    }

    RequestRow decided(String status, String by, Instant at, String why) {
      return new RequestRow(
          id,
          caseId,
          runId,
          stepId,
          team,
          amount,
          reason,
          offer,
          requestedBy,
          requestedAt,
          status,
          by,
          at,
          why);
    }
  }

  /** A team's budget for a month ({@code YYYY-MM}) and what the ledger spent from it. */
  record BudgetRow(
      String team, String month, BigDecimal amount, String currency, BigDecimal spent) {}

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
    private final List<Object[]> followUps = new ArrayList<>();
    private final List<Timers.Timer> timers = new ArrayList<>();
    private final List<Object[]> offers = new ArrayList<>();
    private final List<Object[]> requests = new ArrayList<>();
    private final List<Object[]> ledger = new ArrayList<>();

    void customer(String id, String caseId, String language, String tier, Instant at) {
      String email = "demo-" + caseId + "@example.com";
      customers.add(new Object[] {id, email, email, language, tier, time(at), time(at)});
    }

    void kase(CaseRow row) {
      cases.add(row);
    }

    void interaction(String caseId, String kind, String channel, String author, Instant at) {
      interactions.add(new Object[] {caseId, kind, channel, author, time(at)});
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
        String[] pathFieldsAndLog,
        Instant started,
        Instant updated) {
      runs.add(
          new Object[] {
            id,
            caseId,
            protocol,
            version,
            status,
            pathFieldsAndLog[0],
            pathFieldsAndLog[1],
            pathFieldsAndLog[2],
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

    void followUp(FollowUpRow f) {
      followUps.add(
          new Object[] {
            f.id(),
            f.caseId(),
            f.protocol(),
            f.protocolVersion(),
            f.cycle(),
            f.after(),
            time(f.dueAt()),
            f.channel(),
            f.assignee(),
            f.team(),
            f.status(),
            f.outcome(),
            f.reason(),
            time(f.createdAt()),
            f.createdBy(),
            f.completedAt() == null ? null : time(f.completedAt()),
            f.completedBy(),
            f.version()
          });
    }

    /** A timer to schedule in the batch's transaction. */
    void timer(Timers.Timer timer) {
      timers.add(timer);
    }

    void offer(
        String caseId,
        String runId,
        String stepId,
        CompensationOffer offer,
        Instant at,
        String actor) {
      offers.add(
          new Object[] {
            caseId,
            runId,
            stepId,
            offer.max().orElse(null),
            offer.currency(),
            offer.approvalAbove().orElse(null),
            time(at),
            actor
          });
    }

    void request(RequestRow r) {
      requests.add(
          new Object[] {
            r.id(),
            r.caseId(),
            r.runId(),
            r.stepId(),
            r.team(),
            r.amount().amount(),
            r.amount().currency(),
            r.reason(),
            r.offer().max().orElse(null),
            r.offer().currency(),
            r.offer().approvalAbove().orElse(null),
            r.status(),
            r.requestedBy(),
            time(r.requestedAt()),
            r.decidedBy(),
            r.decidedAt() == null ? null : time(r.decidedAt()),
            r.decisionReason()
          });
    }

    void ledger(RequestRow r, String month, String grantedBy, Instant at) {
      ledger.add(
          new Object[] {
            r.id(),
            r.caseId(),
            r.team(),
            month,
            r.amount().amount(),
            r.amount().currency(),
            grantedBy,
            time(at)
          });
    }

    /** How many cases the batch has. */
    int cases() {
      return cases.size();
    }

    List<Object[]> interactions() {
      return interactions;
    }

    List<Object[]> followUps() {
      return followUps;
    }

    List<Object[]> ledger() {
      return ledger;
    }

    List<Timers.Timer> timers() {
      return timers;
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

  /** The budgets set for months from {@code from} to {@code to} (YYYY-MM), with what they spent. */
  List<BudgetRow> budgets(String from, String to) {
    return jdbc.query(
        """
        SELECT b.team, b.budget_month, b.amount, b.currency,
          (SELECT COALESCE(SUM(l.amount), 0) FROM compensation_ledger l
           WHERE l.team = b.team AND l.budget_month = b.budget_month
             AND l.currency = b.currency) AS spent
        FROM compensation_budget b WHERE b.budget_month BETWEEN ? AND ?
        """,
        (rs, n) ->
            new BudgetRow(
                rs.getString("team"),
                rs.getString("budget_month").strip(),
                rs.getBigDecimal("amount"),
                rs.getString("currency").strip(),
                rs.getBigDecimal("spent")),
        from,
        to);
  }

  /** Sets budgets, each as a supervisor would at the start of its month (UTC). */
  void insertBudgets(List<BudgetRow> budgets) {
    jdbc.batchUpdate(
        """
        INSERT INTO compensation_budget (team, budget_month, amount, currency, set_by, set_at)
        VALUES (?, ?, ?, ?, 'demo-data', ?)
        """,
        budgets.stream()
            .map(
                b ->
                    new Object[] {
                      b.team(),
                      b.month(),
                      b.amount(),
                      b.currency(),
                      Timestamp.from(
                          YearMonth.parse(b.month())
                              .atDay(1)
                              .atStartOfDay(ZoneOffset.UTC)
                              .toInstant())
                    })
            .toList());
  }

  void write(Batch batch) {
    jdbc.batchUpdate(
        """
        INSERT INTO customer (id, email_key, email, first_name, last_name, language, tier,
          lifetime_value, created_at, updated_at)
        VALUES (?, ?, ?, 'Demo', 'Customer', ?, ?, 0, ?, ?)
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
        VALUES (?, ?, ?, ?, '(demo history)', 'PUBLIC', ?)
        """,
        batch.interactions);
    jdbc.batchUpdate(
        "INSERT INTO sla_case_change (case_id, kind, status, priority, occurred_at)"
            + " VALUES (?, ?, ?, ?, ?)",
        batch.sla,
        new int[] {TEXT, TEXT, TEXT, TEXT, TIME});
    jdbc.batchUpdate(
        """
        INSERT INTO protocol_run (id, case_id, protocol_slug, protocol_version, status, path,
          fields, log, started_at, updated_at, version)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
        """,
        batch.runs);
    jdbc.batchUpdate(
        "INSERT INTO case_resolution (case_id, cycle, resolved_at, ended_at) VALUES (?, ?, ?, ?)",
        batch.resolutions,
        new int[] {TEXT, NUMBER, TIME, TIME});
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
        batch.answers,
        new int[] {TEXT, NUMBER, TEXT, TIME});
    jdbc.batchUpdate(
        """
        INSERT INTO follow_up (id, case_id, source_kind, protocol_slug, protocol_version,
          resolution_cycle, after_duration, due_at, channel, assignee, team, status, outcome,
          reason, created_at, created_by, completed_at, completed_by, version)
        VALUES (?, ?, 'RESOLUTION', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        batch.followUps,
        new int[] {
          TEXT, TEXT, TEXT, NUMBER, NUMBER, TEXT, TIME, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TIME,
          TEXT, TIME, TEXT, NUMBER
        });
    jdbc.batchUpdate(
        """
        INSERT INTO compensation_offer (case_id, run_id, step_id, max_amount, currency,
          approval_above, offered_at, offered_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
        batch.offers,
        new int[] {TEXT, TEXT, TEXT, AMOUNT, TEXT, AMOUNT, TIME, TEXT});
    jdbc.batchUpdate(
        """
        INSERT INTO compensation_request (id, case_id, run_id, step_id, team, amount, currency,
          reason, offer_max, offer_currency, offer_approval_above, status, requested_by,
          requested_at, decided_by, decided_at, decision_reason)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        batch.requests,
        new int[] {
          TEXT, TEXT, TEXT, TEXT, TEXT, AMOUNT, TEXT, TEXT, AMOUNT, TEXT, AMOUNT, TEXT, TEXT, TIME,
          TEXT, TIME, TEXT
        });
    jdbc.batchUpdate(
        """
        INSERT INTO compensation_ledger (compensation_id, case_id, team, budget_month, amount,
          currency, granted_by, granted_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
        batch.ledger);
  }
}
