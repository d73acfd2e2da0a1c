package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.security.UserAccounts;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the supervisor view's tests set up on a running server: a drill protocol whose first
 * response breaches two seconds after a case opens and escalates it to the supervisor, cases of it
 * that the demo agent works on, team budgets and compensation waiting for approval.
 */
final class SupervisorDrill {

  /** Breaches two seconds after opening, escalates to the supervisor, offers compensation. */
  static final String PROTOCOL =
      """
      protocol: supervisor-drill
      title: Supervisor drill
      owner: support-operations
      review_every: P6M
      applies_when: case.category == "supervisor-drill"
      priority: 90
      channels: [email]
      languages: [en]
      sla:
        first_response: PT2S
        on_breach: [{escalate: supervisor}]
      steps:
        - id: make-good
          title: Make good
          action: {compensate: {max: 100, currency: EUR, approval_above: 10}}
          script: {en: "We are sorry for the trouble."}
      """;

  /** Server settings the drill needs: the demo data, and timers that fire without delay. */
  static final Map<String, Object> SETTINGS =
      Map.of("servicebook.demo", true, "servicebook.timers.polling-interval", "PT0.1S");

  private final RunningServer server;
  private final String agentToken;

  private SupervisorDrill(RunningServer server, String agentToken) {
    this.server = server;
    this.agentToken = agentToken;
  }

  /** Imports the drill protocol and gives the demo user {@code agent} an API token. */
  static SupervisorDrill on(RunningServer server) throws Exception {
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(Map.of("supervisor-drill.yaml", PROTOCOL)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    UserAccounts accounts = server.bean(UserAccounts.class);
    return new SupervisorDrill(
        server, accounts.createToken(accounts.find("agent").orElseThrow(), "test", "test"));
  }

  /** Opens a drill case as the agent and gives it to the agent in the team. */
  String openCase(String team, String subject) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "email");
    body.put("category", "supervisor-drill");
    body.put("subject", subject);
    body.put("message", "Hello, something went wrong with my order.");
    body.put(
        "customer", Map.of("first_name", "Ana", "last_name", "García", "email", "ana@example.com"));
    RunningServer.Reply opened = post("/api/v1/cases", body);
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    assertThat(opened.json().at("/protocol/slug").asString()).isEqualTo("supervisor-drill");
    String id = opened.json().get("id").asString();
    RunningServer.Reply assigned =
        post("/api/v1/cases/" + id + "/assignee", Map.of("assignee", "agent", "team", team));
    assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
    return id;
  }

  /** Sets the team's budget for this month, in EUR. */
  void budget(String team, String amount) throws Exception {
    RunningServer.Reply set =
        server.put(
            "/api/v1/budgets/" + team + "/" + YearMonth.now(ZoneOffset.UTC),
            RunningServer.TOKEN,
            Map.of("amount", amount, "currency", "EUR"));
    assertThat(set.status()).as(set.body()).isBetween(200, 201);
  }

  /** The agent asks for compensation above the drill's approval limit; answers its id. */
  String requestCompensation(String caseId, String amount) throws Exception {
    RunningServer.Reply asked =
        post(
            "/api/v1/cases/" + caseId + "/compensations",
            Map.of("amount", amount, "currency", "EUR", "reason", "it arrived broken"));
    assertThat(asked.status()).as(asked.body()).isEqualTo(201);
    assertThat(asked.json().get("status").asString()).isEqualTo("pending_approval");
    return asked.json().get("id").asString();
  }

  /** The compensation's status, such as {@code granted}, as the API tells it. */
  String compensationStatus(String id) throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/compensations/" + id, RunningServer.TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().get("status").asString();
  }

  private RunningServer.Reply post(String path, Object body) throws Exception {
    return server.post(
        path, agentToken, "application/json", RunningServer.JSON.writeValueAsBytes(body));
  }
}
