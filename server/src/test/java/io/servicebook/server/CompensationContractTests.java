package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.compensation.CompensationRules;
import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Compensation over real HTTP, run against every database: H2 ({@link
 * H2CompensationIntegrationTests}) and PostgreSQL ({@link PostgresCompensationIntegrationTests}).
 * The pack is the starter pack plus two drills: {@code comp-drill} offers up to 50.00 EUR per case
 * with a supervisor's approval above 20.00 EUR; {@code plain-drill} offers nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CompensationContractTests {

  static final Path STARTER_PACK = Path.of("..", "protocols").toAbsolutePath().normalize();

  static final String COMP_DRILL =
      """
      protocol: comp-drill
      title: Compensation drill
      owner: support-operations
      review_every: P6M
      applies_when: case.category == "comp-drill"
      priority: 90
      channels: [email]
      languages: [en]
      steps:
        - id: offer
          title: Offer a gesture
          script: {en: "We are sorry; let us make it up to you."}
          action: {compensate: {max: 50, currency: EUR, approval_above: 20}}
        - id: close
          title: Close the case
          script: {en: "Thank you for your patience."}
          action: {resolve: true}
      """;

  static final String PLAIN_DRILL =
      """
      protocol: plain-drill
      title: Drill without compensation
      owner: support-operations
      review_every: P6M
      applies_when: case.category == "plain-drill"
      priority: 90
      channels: [email]
      languages: [en]
      steps:
        - id: answer
          title: Answer the customer
          script: {en: "Hello, we are on it."}
          action: {resolve: true}
      """;

  RunningServer server;
  String admin = RunningServer.TOKEN;
  String agent;
  String otherAgent;
  String supervisor;
  String otherSupervisor;
  private final HttpClient http = HttpClient.newHttpClient();

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dir) throws IOException {
    Path pack = dir.resolve("pack");
    copy(STARTER_PACK, pack);
    Files.writeString(pack.resolve("comp-drill.yaml"), COMP_DRILL);
    Files.writeString(pack.resolve("plain-drill.yaml"), PLAIN_DRILL);
    server =
        RunningServer.start(
            dir.resolve("data"),
            database(),
            Map.of(
                "servicebook.protocols",
                pack.toString(),
                "servicebook.timers.polling-interval",
                "PT0.1S"));
    agent = tokenFor("agent-ana", Role.AGENT);
    otherAgent = tokenFor("agent-ben", Role.AGENT);
    supervisor = tokenFor("supervisor-sue", Role.SUPERVISOR);
    otherSupervisor = tokenFor("supervisor-sam", Role.SUPERVISOR);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  // --- grants, approvals and the ledger ---

  @Test
  void aCompensationWithinEveryLimitIsGrantedAndGoesIntoTheLedger() throws Exception {
    String team = team();
    budget(team, "500", "EUR");
    String kase = openCase("comp-drill", team);

    RunningServer.Reply reply = ask(agent, kase, "15.50", "EUR", "the parcel came late");

    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    JsonNode granted = reply.json();
    assertThat(granted.get("status").asString()).isEqualTo("granted");
    assertThat(granted.get("amount").asString()).isEqualTo("15.50");
    assertThat(granted.get("currency").asString()).isEqualTo("EUR");
    assertThat(granted.get("team").asString()).isEqualTo(team);
    assertThat(granted.at("/offer/max").asString()).isEqualTo("50.00");
    assertThat(granted.get("requested_by").asString()).isEqualTo("agent-ana");
    JsonNode budget = get("/api/v1/budgets/" + team + "/" + month(), agent).json();
    assertThat(budget.get("budget").asString()).isEqualTo("500.00");
    assertThat(budget.get("spent").asString()).isEqualTo("15.50");
    assertThat(budget.get("left").asString()).isEqualTo("484.50");
    assertThat(budget.get("ledger")).hasSize(1);
    assertThat(budget.at("/ledger/0/compensation_id").asString())
        .isEqualTo(granted.get("id").asString());
    assertThat(budget.at("/ledger/0/granted_by").asString()).isEqualTo("agent-ana");
    assertThat(auditOf("compensation", granted.get("id").asString()))
        .containsExactly("compensation.requested", "compensation.granted");
    assertThat(auditOf("budget", team + "/" + month())).containsExactly("budget.set");
    JsonNode listed = get("/api/v1/cases/" + kase + "/compensations", agent).json();
    assertThat(listed.get("items")).hasSize(1);
    assertThat(server.bean(AuditLog.class).verify()).isEmpty();
  }

  @Test
  void aboveTheThresholdASupervisorApprovesAndOnlyThenItIsInTheLedger() throws Exception {
    String team = team();
    budget(team, "500", "EUR");
    String kase = openCase("comp-drill", team);

    RunningServer.Reply reply = ask(agent, kase, "35", "EUR", "broken twice in a row");
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.json().get("status").asString()).isEqualTo("pending_approval");
    assertThat(reply.json().get("decision_reason").asString())
        .contains("a supervisor to approve more than 20.00 EUR per case");
    String id = reply.json().get("id").asString();
    assertThat(ledger(team)).isEmpty();
    assertThat(
            get("/api/v1/compensations?status=pending_approval", supervisor)
                .json()
                .findValuesAsString("id"))
        .contains(id);

    RunningServer.Reply byAgent =
        send("POST", "/api/v1/compensations/" + id + "/approve", agent, Map.of());
    assertThat(byAgent.status()).isEqualTo(403);
    assertThat(byAgent.json().get("type").asString()).endsWith("/forbidden");

    RunningServer.Reply approved =
        send(
            "POST",
            "/api/v1/compensations/" + id + "/approve",
            supervisor,
            Map.of("reason", "loyal customer, second failure"));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().get("status").asString()).isEqualTo("granted");
    assertThat(approved.json().get("decided_by").asString()).isEqualTo("supervisor-sue");
    assertThat(approved.json().get("decision_reason").asString())
        .isEqualTo("loyal customer, second failure");
    assertThat(ledger(team)).hasSize(1);
    assertThat(ledger(team).get(0).get("granted_by").asString()).isEqualTo("supervisor-sue");
    assertThat(get("/api/v1/budgets/" + team + "/" + month(), agent).json().get("left").asString())
        .isEqualTo("465.00");
    assertThat(
            get("/api/v1/compensations?status=pending_approval", supervisor)
                .json()
                .findValuesAsString("id"))
        .doesNotContain(id);
    assertThat(auditOf("compensation", id))
        .containsExactly(
            "compensation.requested",
            "compensation.approval_needed",
            "compensation.approved",
            "compensation.granted");

    RunningServer.Reply again =
        send("POST", "/api/v1/compensations/" + id + "/approve", otherSupervisor, Map.of());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("type").asString()).endsWith("/compensation-not-pending");
    assertThat(ledger(team)).hasSize(1);
  }

  @Test
  void aSupervisorDoesNotApproveTheirOwnRequestButAnotherOneDoes() throws Exception {
    String team = team();
    budget(team, "500", "EUR");
    String kase = openCase("comp-drill", team);
    String id = ask(supervisor, kase, "30", "EUR", "goodwill").json().get("id").asString();

    RunningServer.Reply own =
        send("POST", "/api/v1/compensations/" + id + "/approve", supervisor, Map.of());
    assertThat(own.status()).isEqualTo(403);
    assertThat(own.json().get("type").asString()).endsWith("/compensation-own-request");

    assertThat(
            send("POST", "/api/v1/compensations/" + id + "/approve", otherSupervisor, null)
                .json()
                .get("status")
                .asString())
        .isEqualTo("granted");
  }

  @Test
  void aRejectionNeedsAReasonAndLeavesTheBudgetAlone() throws Exception {
    String team = team();
    budget(team, "500", "EUR");
    String kase = openCase("comp-drill", team);
    String id = ask(agent, kase, "40", "EUR", "wants a refund").json().get("id").asString();

    RunningServer.Reply noReason =
        send("POST", "/api/v1/compensations/" + id + "/reject", supervisor, Map.of());
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().findValuesAsString("field")).containsExactly("reason");
    assertThat(
            send("POST", "/api/v1/compensations/" + id + "/reject", agent, Map.of("reason", "no"))
                .status())
        .isEqualTo(403);

    RunningServer.Reply rejected =
        send(
            "POST",
            "/api/v1/compensations/" + id + "/reject",
            supervisor,
            Map.of("reason", "the replacement already went out"));
    assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
    assertThat(rejected.json().get("status").asString()).isEqualTo("rejected");
    assertThat(ledger(team)).isEmpty();
    assertThat(auditOf("compensation", id)).endsWith("compensation.rejected");
    assertThat(
            send(
                    "POST",
                    "/api/v1/compensations/" + id + "/reject",
                    supervisor,
                    Map.of("reason", "x"))
                .status())
        .isEqualTo(409);
    // a rejected request no longer counts against the case's maximum
    assertThat(ask(agent, kase, "20", "EUR", "a smaller gesture").json().get("status").asString())
        .isEqualTo("granted");
  }

  @Test
  void anApprovalChecksTheBudgetAgainAndWaitsWhenItIsSpent() throws Exception {
    String team = team();
    budget(team, "60", "EUR");
    String pendingCase = openCase("comp-drill", team);
    String id = ask(agent, pendingCase, "40", "EUR", "big gesture").json().get("id").asString();
    String other = openCase("comp-drill", team);
    assertThat(ask(agent, other, "20", "EUR", "small").json().get("status").asString())
        .isEqualTo("granted");
    String third = openCase("comp-drill", team);
    assertThat(ask(agent, third, "15", "EUR", "small").json().get("status").asString())
        .isEqualTo("granted");

    RunningServer.Reply approval =
        send("POST", "/api/v1/compensations/" + id + "/approve", supervisor, Map.of());

    assertThat(approval.status()).as(approval.body()).isEqualTo(422);
    assertThat(approval.json().get("type").asString()).endsWith("/compensation-refused");
    assertThat(approval.json().get("status").asString()).isEqualTo("pending_approval");
    assertThat(approval.json().at("/reasons/0/code").asString()).isEqualTo("over-budget");
    assertThat(approval.json().at("/reasons/0/message").asString())
        .isEqualTo(
            "the team "
                + team
                + " has 25.00 EUR left of its 60.00 EUR budget for "
                + month()
                + " (asked: 40.00 EUR)");
    assertThat(get("/api/v1/compensations/" + id, agent).json().get("status").asString())
        .isEqualTo("pending_approval");

    budget(team, "100", "EUR");
    RunningServer.Reply now =
        send("POST", "/api/v1/compensations/" + id + "/approve", supervisor, Map.of());
    assertThat(now.status()).as(now.body()).isEqualTo(200);
    assertThat(get("/api/v1/budgets/" + team + "/" + month(), agent).json().get("left").asString())
        .isEqualTo("25.00");
  }

  // --- refusals say why ---

  @Test
  void moreThanTheProtocolsMaximumPerCaseIsRefusedSayingWhatRemains() throws Exception {
    String team = team();
    budget(team, "500", "EUR");
    String kase = openCase("comp-drill", team);
    ask(agent, kase, "20", "EUR", "first gesture");
    RunningServer.Reply second = ask(agent, kase, "10", "EUR", "second gesture");
    assertThat(second.json().get("status").asString()).isEqualTo("pending_approval");

    RunningServer.Reply reply = ask(agent, kase, "25", "EUR", "third gesture");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().get("type").asString()).endsWith("/compensation-refused");
    assertThat(reply.json().at("/reasons/0/code").asString()).isEqualTo("over-case-maximum");
    assertThat(reply.json().at("/reasons/0/message").asString())
        .isEqualTo(
            "the protocol allows at most 50.00 EUR per case; 20.00 EUR were already granted and"
                + " 10.00 EUR await approval on this case, so at most 20.00 EUR remain (asked:"
                + " 25.00 EUR)");
    String refused = reply.json().get("compensation_id").asString();
    assertThat(get("/api/v1/compensations/" + refused, agent).json().get("status").asString())
        .isEqualTo("refused");
    assertThat(auditOf("compensation", refused))
        .containsExactly("compensation.requested", "compensation.refused");
    assertThat(ledger(team)).hasSize(1);
  }

  @Test
  void moreThanTheTeamHasLeftThisMonthIsRefusedSayingHowMuchIsLeft() throws Exception {
    String team = team();
    budget(team, "12", "EUR");

    RunningServer.Reply reply = ask(agent, openCase("comp-drill", team), "15", "EUR", "late");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().findValuesAsString("code")).containsExactly("over-budget");
    assertThat(reply.json().at("/reasons/0/message").asString())
        .isEqualTo(
            "the team "
                + team
                + " has 12.00 EUR left of its 12.00 EUR budget for "
                + month()
                + " (asked: 15.00 EUR)");
  }

  @Test
  void anotherCurrencyThanTheProtocolsIsRefused() throws Exception {
    String team = team();
    budget(team, "500", "EUR");

    RunningServer.Reply reply = ask(agent, openCase("comp-drill", team), "5", "usd", "late");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().findValuesAsString("message"))
        .contains("currency USD does not match the protocol's EUR");
  }

  @Test
  void aCaseWhoseProtocolOffersNoCompensationGetsNone() throws Exception {
    String team = team();
    budget(team, "500", "EUR");

    RunningServer.Reply reply = ask(agent, openCase("plain-drill", team), "5", "EUR", "late");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().findValuesAsString("code")).containsExactly("no-offer");
    assertThat(reply.json().at("/reasons/0/message").asString())
        .isEqualTo("no protocol step of this case offers compensation");
  }

  @Test
  void aTeamWithoutABudgetAndACaseWithoutATeamAreRefusedSayingWhatToDo() throws Exception {
    String team = team();
    RunningServer.Reply noBudget = ask(agent, openCase("comp-drill", team), "5", "EUR", "late");
    assertThat(noBudget.status()).isEqualTo(422);
    assertThat(noBudget.json().at("/reasons/0/message").asString())
        .isEqualTo(
            "the team "
                + team
                + " has no compensation budget for "
                + month()
                + "; ask an admin to set one under Administration → Compensation budgets"
                + " (/admin/budgets?month="
                + month()
                + ")");

    RunningServer.Reply noTeam = ask(agent, openCase("comp-drill", null), "5", "EUR", "late");
    assertThat(noTeam.status()).isEqualTo(422);
    assertThat(noTeam.json().findValuesAsString("code")).containsExactly("no-team");
  }

  // --- bad requests ---

  @Test
  void aBadRequestNamesEveryBadFieldAndStoresNothing() throws Exception {
    String kase = openCase("comp-drill", team());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("amount", -5);
    body.put("currency", "EURO");

    RunningServer.Reply reply =
        send("POST", "/api/v1/cases/" + kase + "/compensations", agent, body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("type").asString()).endsWith("/invalid-compensation");
    assertThat(reply.json().findValuesAsString("field"))
        .containsExactlyInAnyOrder("amount", "currency", "reason");
    RunningServer.Reply decimals = ask(agent, kase, "10.005", "EUR", "late");
    assertThat(decimals.status()).isEqualTo(400);
    assertThat(decimals.json().at("/errors/0/field").asString()).isEqualTo("amount");
    assertThat(decimals.json().at("/errors/0/message").asString())
        .contains("has 3 decimals; give at most 2");
    assertThat(ask(agent, kase, "0", "EUR", "late").status()).isEqualTo(400);
    assertThat(ask(agent, kase, "ten", "EUR", "late").status()).isEqualTo(400);
    assertThat(get("/api/v1/cases/" + kase + "/compensations", agent).json().get("items"))
        .isEmpty();
  }

  @Test
  void anUnknownCaseOrCompensationIsNotFound() throws Exception {
    RunningServer.Reply reply = ask(agent, "no-such-case", "5", "EUR", "late");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().get("type").asString()).endsWith("/case-not-found");
    assertThat(get("/api/v1/cases/no-such-case/compensations", agent).status()).isEqualTo(404);
    assertThat(send("POST", "/api/v1/compensations/nope/approve", supervisor, Map.of()).status())
        .isEqualTo(404);
    assertThat(get("/api/v1/compensations/nope", agent).status()).isEqualTo(404);
  }

  @Test
  void budgetsAreSetBySupervisorsAndAdminsAndReadByEveryone() throws Exception {
    String team = team();
    assertThat(put("/api/v1/budgets/" + team + "/" + month(), agent, "100", "EUR").status())
        .isEqualTo(403);
    RunningServer.Reply missing = get("/api/v1/budgets/" + team + "/" + month(), agent);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("type").asString()).endsWith("/budget-not-found");

    RunningServer.Reply bad = put("/api/v1/budgets/" + team + "/2026-13", admin, "-1", "E");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().findValuesAsString("field"))
        .containsExactlyInAnyOrder("month", "amount", "currency");

    RunningServer.Reply set = put("/api/v1/budgets/" + team + "/" + month(), admin, "100", "EUR");
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().get("left").asString()).isEqualTo("100.00");
    ask(agent, openCase("comp-drill", team), "20", "EUR", "late");
    RunningServer.Reply below =
        put("/api/v1/budgets/" + team + "/" + month(), supervisor, "10", "EUR");
    assertThat(below.status()).isEqualTo(409);
    assertThat(below.json().get("type").asString()).endsWith("/budget-below-spent");
    RunningServer.Reply dollars =
        put("/api/v1/budgets/" + team + "/" + month(), supervisor, "100", "USD");
    assertThat(dollars.status()).isEqualTo(409);
    assertThat(dollars.json().get("type").asString()).endsWith("/budget-currency-taken");
    assertThat(auditOf("budget", team + "/" + month())).containsExactly("budget.set");
  }

  // --- the offer from a step ---

  @Test
  void aStepsCompensateActionIsRecordedAsAnOfferAndItsTermsApply() throws Exception {
    String team = team();
    budget(team, "500", "EUR");
    String kase = openCase("return", team);
    String run = get("/api/v1/cases/" + kase, agent).json().at("/run/id").asString();
    step(run, "greet", Map.of());
    step(
        run,
        "gather",
        Map.of(
            "fields",
            Map.of(
                "order_number", "ORD-123456", "purchase_date", "2026-01-15", "reason", "damaged")));
    send("POST", "/api/v1/runs/" + run + "/steps/photo/skip", agent, Map.of("reason", "obvious"));
    RunningServer.Reply offered = step(run, "our-mistake", Map.of());
    assertThat(offered.status()).as(offered.body()).isEqualTo(200);
    assertThat(auditOf("case", kase)).contains("compensation.offered");

    RunningServer.Reply reply = ask(agent, kase, "30", "EUR", "the label was wrong too");

    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.json().get("run_id").asString()).isEqualTo(run);
    assertThat(reply.json().get("step_id").asString()).isEqualTo("our-mistake");
    assertThat(reply.json().at("/offer/max").asString()).isEqualTo("100.00");
    assertThat(reply.json().at("/offer/approval_above").asString()).isEqualTo("50.00");
    assertThat(reply.json().get("status").asString()).isEqualTo("granted");
  }

  // --- concurrency ---

  @Test
  void grantsRacingForTheLastOfABudgetNeverOverspendIt() throws Exception {
    String team = team();
    budget(team, "30", "EUR");
    List<String> cases = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      cases.add(openCase("comp-drill", team));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<RunningServer.Reply>> replies = new ArrayList<>();
    try {
      for (String kase : cases) {
        Callable<RunningServer.Reply> call =
            () -> {
              go.await();
              return ask(agent, kase, "10", "EUR", "outage");
            };
        replies.add(pool.submit(call));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<RunningServer.Reply> reply : replies) {
        RunningServer.Reply r = reply.get();
        statuses.add(r.status());
        if (r.status() == 422) {
          assertThat(r.json().findValuesAsString("code")).containsExactly("over-budget");
        }
      }
      assertThat(statuses).containsOnly(201, 422);
      assertThat(statuses.stream().filter(s -> s == 201)).hasSize(3);
    } finally {
      pool.shutdownNow();
    }
    JsonNode budget = get("/api/v1/budgets/" + team + "/" + month(), agent).json();
    assertThat(budget.get("spent").asString()).isEqualTo("30.00");
    assertThat(budget.get("ledger")).hasSize(3);
    BigDecimalSum sum = new BigDecimalSum();
    server
        .bean(JdbcClient.class)
        .sql("SELECT amount FROM compensation_ledger WHERE team = :team")
        .param("team", team)
        .query(java.math.BigDecimal.class)
        .list()
        .forEach(sum::add);
    assertThat(sum.total).isEqualByComparingTo("30");
  }

  /** Adds up amounts read back from the database. */
  private static final class BigDecimalSum {
    java.math.BigDecimal total = java.math.BigDecimal.ZERO;

    void add(java.math.BigDecimal amount) {
      total = total.add(amount);
    }
  }

  // --- helpers ---

  private static int teams;

  private static synchronized String team() {
    return "support-" + (++teams) + "-" + Long.toString(System.nanoTime(), 36);
  }

  private String month() {
    return CompensationRules.budgetMonth(server.bean(Clock.class).instant()).toString();
  }

  private void budget(String team, String amount, String currency) throws Exception {
    RunningServer.Reply reply =
        put("/api/v1/budgets/" + team + "/" + month(), admin, amount, currency);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  private List<JsonNode> ledger(String team) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    get("/api/v1/budgets/" + team + "/" + month(), agent).json().get("ledger").forEach(lines::add);
    return lines;
  }

  /** Opens a case of the category and gives it to the team (none when null). */
  private String openCase(String category, String team) throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Ana");
    customer.put("last_name", "García");
    customer.put("email", "ana@example.com");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "email");
    body.put("category", category);
    body.put("subject", "The kettle arrived broken");
    body.put("message", "Hello, the kettle I ordered arrived with a cracked lid.");
    body.put("customer", customer);
    RunningServer.Reply opened = send("POST", "/api/v1/cases", agent, body);
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    String id = opened.json().get("id").asString();
    if (team != null) {
      RunningServer.Reply assigned =
          send("POST", "/api/v1/cases/" + id + "/assignee", agent, Map.of("team", team));
      assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
    }
    return id;
  }

  private RunningServer.Reply ask(
      String token, String caseId, String amount, String currency, String reason) throws Exception {
    return send(
        "POST",
        "/api/v1/cases/" + caseId + "/compensations",
        token,
        Map.of("amount", amount, "currency", currency, "reason", reason));
  }

  private RunningServer.Reply step(String run, String step, Map<String, Object> body)
      throws Exception {
    return send("POST", "/api/v1/runs/" + run + "/steps/" + step, agent, body);
  }

  private RunningServer.Reply put(String path, String token, String amount, String currency)
      throws Exception {
    return send("PUT", path, token, Map.of("amount", amount, "currency", currency));
  }

  private RunningServer.Reply get(String path, String token) throws Exception {
    return server.get(path, token);
  }

  private RunningServer.Reply send(String method, String path, String token, Object body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.base + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(
                        RunningServer.JSON.writeValueAsBytes(body)));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new RunningServer.Reply(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  private List<String> auditOf(String type, String id) {
    return server.bean(AuditLog.class).entries(type, id).stream()
        .map(AuditLog.Entry::eventType)
        .toList();
  }

  private String tokenFor(String username, Role role) {
    UserAccounts accounts = server.bean(UserAccounts.class);
    UserAccounts.User user =
        switch (accounts.add(username, username, "secret", EnumSet.of(role), "test")) {
          case UserAccounts.Added.Created created -> created.user();
          case UserAccounts.Added.NameTaken taken -> accounts.find(username).orElseThrow();
        };
    return accounts.createToken(user, "test", "test");
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
