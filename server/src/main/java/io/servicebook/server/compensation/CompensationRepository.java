package io.servicebook.server.compensation;

import io.servicebook.compensation.CaseTotals;
import io.servicebook.compensation.CompensationOffer;
import io.servicebook.compensation.Money;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Compensation in SQL: offers made by steps, requests and their decisions, team budgets and the
 * append-only ledger. The locks ({@code FOR UPDATE}) are always taken in one order — request, case,
 * budget — so concurrent grants wait for each other instead of deadlocking.
 */
@Repository
class CompensationRepository {

  private static final String REQUEST_COLUMNS =
      """
      id, case_id, run_id, step_id, team, amount, currency, reason, offer_max, offer_currency,
      offer_approval_above, status, requested_by, requested_at, decided_by, decided_at,
      decision_reason\
      """;

  private final JdbcClient jdbc;

  CompensationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The terms a step offered, with the run and step that offered them. */
  record StepOffer(String runId, String stepId, CompensationOffer offer) {}

  void addOffer(String caseId, StepOffer offer, String actor, Instant at) {
    jdbc.sql(
            """
            INSERT INTO compensation_offer
              (case_id, run_id, step_id, max_amount, currency, approval_above, offered_at,
               offered_by)
            VALUES (:caseId, :runId, :stepId, :max, :currency, :approvalAbove, :at, :actor)
            """)
        .param("caseId", caseId)
        .param("runId", offer.runId())
        .param("stepId", offer.stepId())
        .param("max", offer.offer().max().orElse(null))
        .param("currency", offer.offer().currency())
        .param("approvalAbove", offer.offer().approvalAbove().orElse(null))
        .param("at", Timestamp.from(at))
        .param("actor", actor)
        .update();
  }

  /** The case's latest offer from a step, if a step offered any. */
  Optional<StepOffer> latestOffer(String caseId) {
    return jdbc
        .sql(
            """
            SELECT run_id, step_id, max_amount, currency, approval_above FROM compensation_offer
            WHERE case_id = :caseId ORDER BY id DESC
            """)
        .param("caseId", caseId)
        .query(
            (rs, n) ->
                new StepOffer(
                    rs.getString("run_id"),
                    rs.getString("step_id"),
                    new CompensationOffer(
                        Optional.ofNullable(rs.getBigDecimal("max_amount")),
                        rs.getString("currency").strip(),
                        Optional.ofNullable(rs.getBigDecimal("approval_above")))))
        .list()
        .stream()
        .findFirst();
  }

  /**
   * Locks the case's row until the transaction ends, so two requests on one case count each other's
   * amounts against the case's maximum. False when there is no such case.
   */
  boolean lockCase(String caseId) {
    return jdbc.sql("SELECT id FROM service_case WHERE id = :id FOR UPDATE")
        .param("id", caseId)
        .query(String.class)
        .optional()
        .isPresent();
  }

  void insert(StoredCompensation c) {
    jdbc.sql(
            """
            INSERT INTO compensation_request
              (id, case_id, run_id, step_id, team, amount, currency, reason, offer_max,
               offer_currency, offer_approval_above, status, requested_by, requested_at,
               decided_by, decided_at, decision_reason)
            VALUES (:id, :caseId, :runId, :stepId, :team, :amount, :currency, :reason, :offerMax,
                    :offerCurrency, :offerApprovalAbove, :status, :requestedBy, :requestedAt,
                    :decidedBy, :decidedAt, :decisionReason)
            """)
        .param("id", c.id())
        .param("caseId", c.caseId())
        .param("runId", c.runId().orElse(null))
        .param("stepId", c.stepId().orElse(null))
        .param("team", c.team().orElse(null))
        .param("amount", c.amount().amount())
        .param("currency", c.amount().currency())
        .param("reason", c.reason())
        .param("offerMax", c.offer().flatMap(CompensationOffer::max).orElse(null))
        .param("offerCurrency", c.offer().map(CompensationOffer::currency).orElse(null))
        .param(
            "offerApprovalAbove", c.offer().flatMap(CompensationOffer::approvalAbove).orElse(null))
        .param("status", c.status().name())
        .param("requestedBy", c.requestedBy())
        .param("requestedAt", Timestamp.from(c.requestedAt()))
        .param("decidedBy", c.decidedBy().orElse(null))
        .param("decidedAt", c.decidedAt().map(Timestamp::from).orElse(null))
        .param("decisionReason", c.decisionReason().orElse(null))
        .update();
  }

  Optional<StoredCompensation> find(String id) {
    return jdbc.sql("SELECT " + REQUEST_COLUMNS + " FROM compensation_request WHERE id = :id")
        .param("id", id)
        .query(CompensationRepository::request)
        .optional();
  }

  /** The request, locked until the transaction ends, so it is decided once. */
  Optional<StoredCompensation> findForDecision(String id) {
    return jdbc.sql(
            "SELECT " + REQUEST_COLUMNS + " FROM compensation_request WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query(CompensationRepository::request)
        .optional();
  }

  /** Writes the decision of a pending request; the caller holds its lock. */
  void decide(StoredCompensation decided) {
    jdbc.sql(
            """
            UPDATE compensation_request
            SET status = :status, decided_by = :by, decided_at = :at, decision_reason = :why
            WHERE id = :id
            """)
        .param("status", decided.status().name())
        .param("by", decided.decidedBy().orElse(null))
        .param("at", decided.decidedAt().map(Timestamp::from).orElse(null))
        .param("why", decided.decisionReason().orElse(null))
        .param("id", decided.id())
        .update();
  }

  List<StoredCompensation> ofCase(String caseId) {
    return jdbc.sql(
            "SELECT "
                + REQUEST_COLUMNS
                + " FROM compensation_request WHERE case_id = :caseId ORDER BY requested_at, id")
        .param("caseId", caseId)
        .query(CompensationRepository::request)
        .list();
  }

  /** Requests in a status, oldest first (the approval queue), at most {@code limit}. */
  List<StoredCompensation> withStatus(StoredCompensation.Status status, int limit) {
    return jdbc.sql(
            "SELECT "
                + REQUEST_COLUMNS
                + " FROM compensation_request WHERE status = :status ORDER BY requested_at, id"
                + " FETCH FIRST "
                + limit
                + " ROWS ONLY")
        .param("status", status.name())
        .query(CompensationRepository::request)
        .list();
  }

  /**
   * What the case has in {@code currency}: granted (ledger) and pending, leaving out the request
   * {@code except} (the one being decided).
   */
  CaseTotals totals(String caseId, String currency, String except) {
    BigDecimal granted =
        jdbc.sql(
                """
                SELECT COALESCE(SUM(amount), 0) FROM compensation_ledger
                WHERE case_id = :caseId AND currency = :currency AND compensation_id <> :except
                """)
            .param("caseId", caseId)
            .param("currency", currency)
            .param("except", except)
            .query(BigDecimal.class)
            .single();
    BigDecimal pending =
        jdbc.sql(
                """
                SELECT COALESCE(SUM(amount), 0) FROM compensation_request
                WHERE case_id = :caseId AND currency = :currency AND status = 'PENDING_APPROVAL'
                  AND id <> :except
                """)
            .param("caseId", caseId)
            .param("currency", currency)
            .param("except", except)
            .query(BigDecimal.class)
            .single();
    return new CaseTotals(granted, pending);
  }

  /** A team's budget for a month. */
  record Budget(String team, YearMonth month, Money amount, String setBy, Instant setAt) {}

  Optional<Budget> budget(String team, YearMonth month) {
    return budget(team, month, "");
  }

  /** The budget, locked until the transaction ends: grants against it take turns. */
  Optional<Budget> budgetForGrant(String team, YearMonth month) {
    return budget(team, month, " FOR UPDATE");
  }

  private Optional<Budget> budget(String team, YearMonth month, String lock) {
    return jdbc.sql(
            """
            SELECT team, budget_month, amount, currency, set_by, set_at FROM compensation_budget
            WHERE team = :team AND budget_month = :month\
            """
                + lock)
        .param("team", team)
        .param("month", month.toString())
        .query(CompensationRepository::budget)
        .optional();
  }

  void insertBudget(Budget budget) {
    jdbc.sql(
            """
            INSERT INTO compensation_budget (team, budget_month, amount, currency, set_by, set_at)
            VALUES (:team, :month, :amount, :currency, :by, :at)
            """)
        .param("team", budget.team())
        .param("month", budget.month().toString())
        .param("amount", budget.amount().amount())
        .param("currency", budget.amount().currency())
        .param("by", budget.setBy())
        .param("at", Timestamp.from(budget.setAt()))
        .update();
  }

  void updateBudget(Budget budget) {
    jdbc.sql(
            """
            UPDATE compensation_budget SET amount = :amount, currency = :currency, set_by = :by,
                   set_at = :at
            WHERE team = :team AND budget_month = :month
            """)
        .param("team", budget.team())
        .param("month", budget.month().toString())
        .param("amount", budget.amount().amount())
        .param("currency", budget.amount().currency())
        .param("by", budget.setBy())
        .param("at", Timestamp.from(budget.setAt()))
        .update();
  }

  /** One grant in the ledger. */
  record LedgerLine(
      String compensationId,
      String caseId,
      String team,
      YearMonth month,
      Money amount,
      String grantedBy,
      Instant grantedAt) {}

  void addToLedger(LedgerLine line) {
    jdbc.sql(
            """
            INSERT INTO compensation_ledger
              (compensation_id, case_id, team, budget_month, amount, currency, granted_by,
               granted_at)
            VALUES (:compensationId, :caseId, :team, :month, :amount, :currency, :by, :at)
            """)
        .param("compensationId", line.compensationId())
        .param("caseId", line.caseId())
        .param("team", line.team())
        .param("month", line.month().toString())
        .param("amount", line.amount().amount())
        .param("currency", line.amount().currency())
        .param("by", line.grantedBy())
        .param("at", Timestamp.from(line.grantedAt()))
        .update();
  }

  /** What the team granted in the month, in the currency. */
  BigDecimal spent(String team, YearMonth month, String currency) {
    return jdbc.sql(
            """
            SELECT COALESCE(SUM(amount), 0) FROM compensation_ledger
            WHERE team = :team AND budget_month = :month AND currency = :currency
            """)
        .param("team", team)
        .param("month", month.toString())
        .param("currency", currency)
        .query(BigDecimal.class)
        .single();
  }

  /** The currencies the team granted in during the month. */
  List<String> currenciesSpent(String team, YearMonth month) {
    return jdbc
        .sql(
            """
            SELECT DISTINCT currency FROM compensation_ledger
            WHERE team = :team AND budget_month = :month
            """)
        .param("team", team)
        .param("month", month.toString())
        .query(String.class)
        .list()
        .stream()
        .map(String::strip)
        .toList();
  }

  List<LedgerLine> ledger(String team, YearMonth month) {
    return jdbc.sql(
            """
            SELECT compensation_id, case_id, team, budget_month, amount, currency, granted_by,
                   granted_at
            FROM compensation_ledger WHERE team = :team AND budget_month = :month ORDER BY id
            """)
        .param("team", team)
        .param("month", month.toString())
        .query(
            (rs, n) ->
                new LedgerLine(
                    rs.getString("compensation_id"),
                    rs.getString("case_id"),
                    rs.getString("team"),
                    YearMonth.parse(rs.getString("budget_month").strip()),
                    new Money(rs.getBigDecimal("amount"), rs.getString("currency").strip()),
                    rs.getString("granted_by"),
                    rs.getTimestamp("granted_at").toInstant()))
        .list();
  }

  /** The teams that have a budget in any month or work cases, by name. */
  List<String> teams() {
    return jdbc.sql(
            """
            SELECT team FROM compensation_budget
            UNION SELECT team FROM service_case WHERE team IS NOT NULL
            ORDER BY 1
            """)
        .query(String.class)
        .list();
  }

  /** Every team's budget for the month. */
  List<Budget> budgets(YearMonth month) {
    return jdbc.sql(
            """
            SELECT team, budget_month, amount, currency, set_by, set_at FROM compensation_budget
            WHERE budget_month = :month ORDER BY team
            """)
        .param("month", month.toString())
        .query(CompensationRepository::budget)
        .list();
  }

  /** The team's newest budget of a month before {@code month}. */
  Optional<Budget> budgetBefore(String team, YearMonth month) {
    return jdbc.sql(
            """
            SELECT team, budget_month, amount, currency, set_by, set_at FROM compensation_budget
            WHERE team = :team AND budget_month < :month ORDER BY budget_month DESC
            FETCH FIRST 1 ROWS ONLY
            """)
        .param("team", team)
        .param("month", month.toString())
        .query(CompensationRepository::budget)
        .optional();
  }

  /** The team's requests waiting for approval in the currency, oldest first. */
  List<StoredCompensation> pendingOfTeam(String team, String currency) {
    return jdbc.sql(
            "SELECT "
                + REQUEST_COLUMNS
                + """
                 FROM compensation_request
                WHERE team = :team AND currency = :currency AND status = 'PENDING_APPROVAL'
                ORDER BY requested_at, id
                """)
        .param("team", team)
        .param("currency", currency)
        .query(CompensationRepository::request)
        .list();
  }

  private static Budget budget(ResultSet rs, int row) throws SQLException {
    return new Budget(
        rs.getString("team"),
        YearMonth.parse(rs.getString("budget_month").strip()),
        new Money(rs.getBigDecimal("amount"), rs.getString("currency").strip()),
        rs.getString("set_by"),
        rs.getTimestamp("set_at").toInstant());
  }

  private static StoredCompensation request(ResultSet rs, int row) throws SQLException {
    String offerCurrency = rs.getString("offer_currency");
    Optional<CompensationOffer> offer =
        offerCurrency == null
            ? Optional.empty()
            : Optional.of(
                new CompensationOffer(
                    Optional.ofNullable(rs.getBigDecimal("offer_max")),
                    offerCurrency.strip(),
                    Optional.ofNullable(rs.getBigDecimal("offer_approval_above"))));
    Timestamp decidedAt = rs.getTimestamp("decided_at");
    return new StoredCompensation(
        rs.getString("id"),
        rs.getString("case_id"),
        Optional.ofNullable(rs.getString("run_id")),
        Optional.ofNullable(rs.getString("step_id")),
        Optional.ofNullable(rs.getString("team")),
        new Money(rs.getBigDecimal("amount"), rs.getString("currency").strip()),
        rs.getString("reason"),
        offer,
        StoredCompensation.Status.valueOf(rs.getString("status")),
        rs.getString("requested_by"),
        rs.getTimestamp("requested_at").toInstant(),
        Optional.ofNullable(rs.getString("decided_by")),
        Optional.ofNullable(decidedAt).map(Timestamp::toInstant),
        Optional.ofNullable(rs.getString("decision_reason")));
  }
}
