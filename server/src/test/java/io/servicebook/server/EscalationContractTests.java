package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Escalations (by hand, from steps, from SLA breaches), the notification outbox, and moving about a
 * run (back, off-script, switching protocol) over real HTTP, on every database: H2 ({@link
 * H2EscalationIntegrationTests}) and PostgreSQL ({@link PostgresEscalationIntegrationTests}).
 *
 * <p>The server runs a configured ladder, agent → team lead → supervisor → manager, whose team lead
 * level notifies the supervisor role and the user {@code lead-user}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EscalationContractTests {

  static final Path STARTER_PACK = Path.of("..", "protocols").toAbsolutePath().normalize();

  /** A protocol whose steps escalate, notify, raise the priority and hand the case to a team. */
  static final String DRILL =
      """
      protocol: escalation-drill
      title: Escalation drill
      owner: support-operations
      review_every: P6M
      applies_when: case.category == "escalation-drill"
      priority: 90
      channels: [email]
      languages: [en]
      steps:
        - id: listen
          title: Listen to the customer
          script: {en: "Hello {{customer.first_name}}, tell me more."}
        - id: to-supervisor
          title: Ask the supervisor
          action: [{escalate: supervisor}, {notify: drill-watcher}, {raise_priority: {to: high}}]
        - id: to-billing
          title: Hand to the billing desk
          action: {escalate: billing-desk}
        - id: close
          title: Close
          action: {resolve: true}
      """;

  /** An SLA that breaches two seconds after the case opens and escalates to the supervisor. */
  static final String BREACH_DRILL =
      """
      protocol: breach-drill
      title: Breach drill
      owner: support-operations
      review_every: P6M
      applies_when: case.category == "breach-drill"
      priority: 90
      channels: [email]
      languages: [en]
      sla:
        first_response: PT2S
        on_breach: [{escalate: supervisor}]
      steps:
        - id: answer
          title: Answer the customer
          script: {en: "Hello, we are on it."}
      """;

  RunningServer server;
  String agent;
  String leadUser;
  String supervisor;
  String author;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("servicebook.protocols", STARTER_PACK.toString());
    properties.put("servicebook.timers.polling-interval", "PT0.1S");
    String[][] ladder = {
      {"agent", "Agent", ""},
      {"team_lead", "Team lead", "supervisor,lead-user"},
      {"supervisor", "Supervisor", "supervisor"},
      {"manager", "Manager", "admin"}
    };
    for (int i = 0; i < ladder.length; i++) {
      properties.put("servicebook.escalation.levels[" + i + "].key", ladder[i][0]);
      properties.put("servicebook.escalation.levels[" + i + "].name", ladder[i][1]);
      properties.put("servicebook.escalation.levels[" + i + "].notify", ladder[i][2]);
    }
    server = RunningServer.start(dataDir, database(), properties);
    agent = tokenFor("agent-one", Role.AGENT);
    leadUser = tokenFor("lead-user", Role.AGENT);
    supervisor = tokenFor("super-one", Role.SUPERVISOR);
    author = tokenFor("author-one", Role.AUTHOR);
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(
                Map.of("escalation-drill.yaml", DRILL, "breach-drill.yaml", BREACH_DRILL)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  // --- escalation by hand ---

  @Test
  void escalatingByHandWalksTheLevelsAndIsRefusedBeyondTheTop() throws Exception {
    String id = openCase("return");

    for (String level : List.of("team_lead", "supervisor", "manager")) {
      RunningServer.Reply up = escalate(id, agent, Map.of("reason", "customer asked for " + level));
      assertThat(up.status()).as(up.body()).isEqualTo(201);
      assertThat(up.json().get("to").asString()).isEqualTo(level);
      assertThat(up.json().get("source").asString()).isEqualTo("by_hand");
      assertThat(up.json().get("actor").asString()).isEqualTo("agent-one");
    }
    RunningServer.Reply beyond = escalate(id, agent, Map.of("reason", "still unhappy"));

    assertThat(beyond.status()).isEqualTo(422);
    assertThat(beyond.contentType()).startsWith("application/problem+json");
    assertThat(beyond.json().get("type").asString()).endsWith("/escalation-refused");
    assertThat(beyond.json().get("detail").asString()).contains("already at the top level");
    assertThat(beyond.json().get("current_level").asString()).isEqualTo("manager");
    JsonNode history = server.get("/api/v1/cases/" + id + "/escalations", agent).json();
    assertThat(history.at("/level/key").asString()).isEqualTo("manager");
    assertThat(history.get("items").findValuesAsString("to"))
        .containsExactly("team_lead", "supervisor", "manager");
    assertThat(history.get("items").findValuesAsString("reason"))
        .containsExactly(
            "customer asked for team_lead",
            "customer asked for supervisor",
            "customer asked for manager");
    assertThat(auditOf(id).stream().filter("case.escalated"::equals)).hasSize(3);
  }

  @Test
  void eachLevelNotifiesItsConfiguredRolesAndUsers() throws Exception {
    String id = openCase("return");

    escalate(id, agent, Map.of("reason", "the customer wants a team lead"));
    escalate(id, agent, Map.of("reason", "the team lead cannot approve this"));
    escalate(id, agent, Map.of("reason", "legal threat"));

    assertThat(notificationsOf(leadUser, id))
        .extracting(n -> n.get("kind").asString())
        .containsExactly("case_escalated");
    assertThat(notificationsOf(leadUser, id).get(0).get("text").asString())
        .contains("Agent to Team lead", "the customer wants a team lead");
    assertThat(notificationsOf(supervisor, id)).hasSize(2);
    assertThat(notificationsOf(supervisor, id))
        .allSatisfy(n -> assertThat(n.at("/recipient/type").asString()).isEqualTo("role"));
    assertThat(notificationsOf(RunningServer.TOKEN, id)).hasSize(1);
    assertThat(notificationsOf(RunningServer.TOKEN, id).get(0).get("text").asString())
        .contains("Supervisor to Manager", "legal threat");
    assertThat(notificationsOf(agent, id)).isEmpty();
  }

  @Test
  void escalatingToANamedLevelNeedsAHigherKnownLevelAndAReason() throws Exception {
    String id = openCase("return");

    RunningServer.Reply toSupervisor =
        escalate(id, agent, Map.of("reason", "needs approval", "to", "supervisor"));
    RunningServer.Reply down = escalate(id, agent, Map.of("reason", "oops", "to", "team_lead"));
    RunningServer.Reply unknown = escalate(id, agent, Map.of("reason", "why not", "to", "ceo"));
    RunningServer.Reply noReason = escalate(id, agent, Map.of("to", "manager"));
    RunningServer.Reply blankReason = escalate(id, agent, Map.of("reason", "  "));

    assertThat(toSupervisor.status()).as(toSupervisor.body()).isEqualTo(201);
    assertThat(toSupervisor.json().get("from").asString()).isEqualTo("agent");
    assertThat(toSupervisor.json().get("to").asString()).isEqualTo("supervisor");
    assertThat(down.status()).isEqualTo(422);
    assertThat(down.json().get("detail").asString()).contains("de-escalation");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().findValuesAsString("field")).containsExactly("to");
    assertThat(unknown.json().get("levels").toString()).contains("team_lead", "manager");
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().get("type").asString()).endsWith("/invalid-escalation");
    assertThat(noReason.json().findValuesAsString("field")).containsExactly("reason");
    assertThat(blankReason.status()).isEqualTo(400);
    assertThat(server.get("/api/v1/cases/" + id + "/escalations", agent).json().get("items").size())
        .isEqualTo(1);
  }

  @Test
  void onlySupervisorsAndAdminsDeEscalateAndOnlyDownwardsWithAReason() throws Exception {
    String id = openCase("return");
    escalate(id, agent, Map.of("reason", "needs approval", "to", "manager"));

    RunningServer.Reply byAgent =
        postJson(id, "/escalations/de-escalate", agent, Map.of("reason", "calm", "to", "agent"));
    RunningServer.Reply up =
        postJson(
            id, "/escalations/de-escalate", supervisor, Map.of("reason", "x", "to", "manager"));
    RunningServer.Reply noTarget =
        postJson(id, "/escalations/de-escalate", supervisor, Map.of("reason", "calm"));
    RunningServer.Reply noReason =
        postJson(id, "/escalations/de-escalate", supervisor, Map.of("to", "agent"));
    RunningServer.Reply down =
        postJson(
            id,
            "/escalations/de-escalate",
            supervisor,
            Map.of("reason", "manager agreed the refund; the agent finishes", "to", "agent"));

    assertThat(byAgent.status()).isEqualTo(403);
    assertThat(up.status()).isEqualTo(422);
    assertThat(up.json().get("detail").asString()).contains("not below");
    assertThat(noTarget.status()).isEqualTo(400);
    assertThat(noTarget.json().findValuesAsString("field")).containsExactly("to");
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().findValuesAsString("field")).containsExactly("reason");
    assertThat(down.status()).as(down.body()).isEqualTo(201);
    assertThat(down.json().get("kind").asString()).isEqualTo("de_escalated");
    assertThat(server.get("/api/v1/cases/" + id + "/escalations", agent).json().at("/level/key"))
        .hasToString("\"agent\"");
    List<AuditLog.Entry> deEscalated =
        server.bean(AuditLog.class).entries("case", id).stream()
            .filter(e -> e.eventType().equals("case.de_escalated"))
            .toList();
    assertThat(deEscalated).hasSize(1);
    assertThat(deEscalated.get(0).reason())
        .isEqualTo("manager agreed the refund; the agent finishes");
    assertThat(deEscalated.get(0).actor()).isEqualTo("super-one");
  }

  @Test
  void escalationsNeedATokenAWorkerAndAnExistingCase() throws Exception {
    String id = openCase("return");

    assertThat(escalate(id, null, Map.of("reason", "x")).status()).isEqualTo(401);
    assertThat(server.get("/api/v1/cases/" + id + "/escalations", null).status()).isEqualTo(401);
    assertThat(escalate(id, author, Map.of("reason", "x")).status()).isEqualTo(403);
    assertThat(server.get("/api/v1/cases/" + id + "/escalations", author).status()).isEqualTo(200);
    RunningServer.Reply missing = escalate("nope", agent, Map.of("reason", "x"));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("type").asString()).endsWith("/case-not-found");
    assertThat(server.get("/api/v1/cases/nope/escalations", agent).status()).isEqualTo(404);
    assertThat(server.get("/api/v1/notifications", null).status()).isEqualTo(401);
  }

  // --- notifications ---

  @Test
  void notificationsComeUnreadFirstAndOnlyTheirRecipientsMayReadThem() throws Exception {
    String first = openCase("return");
    String second = openCase("return");
    escalate(first, agent, Map.of("reason", "first"));
    escalate(second, agent, Map.of("reason", "second"));
    long firstId = notificationsOf(leadUser, first).get(0).get("id").asLong();

    RunningServer.Reply byOther = post("/api/v1/notifications/" + firstId + "/read", agent);
    RunningServer.Reply read = post("/api/v1/notifications/" + firstId + "/read", leadUser);
    RunningServer.Reply again = post("/api/v1/notifications/" + firstId + "/read", leadUser);

    assertThat(byOther.status()).isEqualTo(404);
    assertThat(byOther.json().get("type").asString()).endsWith("/notification-not-found");
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    assertThat(read.json().get("read_at").isNull()).isFalse();
    assertThat(again.json().get("read_at")).isEqualTo(read.json().get("read_at"));
    JsonNode mine = server.get("/api/v1/notifications", leadUser).json().get("items");
    List<String> order = new java.util.ArrayList<>();
    mine.forEach(n -> order.add(n.get("case_id").asString()));
    assertThat(order).containsSubsequence(second, first);
    assertThat(mine.get(mine.size() - 1).get("case_id").asString()).isEqualTo(first);
    assertThat(post("/api/v1/notifications/999999999/read", leadUser).status()).isEqualTo(404);
    assertThat(post("/api/v1/notifications/abc/read", leadUser).status()).isEqualTo(404);
  }

  // --- escalations from steps and breaches ---

  @Test
  void stepsThatEscalateNotifyAndRaiseThePriorityDoSoWhenSubmitted() throws Exception {
    JsonNode opened = open("escalation-drill");
    String id = opened.get("id").asString();
    String run = opened.at("/run/id").asString();
    assertThat(submit(run, "listen").status()).isEqualTo(200);

    RunningServer.Reply toSupervisor = submit(run, "to-supervisor");

    assertThat(toSupervisor.status()).as(toSupervisor.body()).isEqualTo(200);
    JsonNode history = server.get("/api/v1/cases/" + id + "/escalations", agent).json();
    assertThat(history.at("/level/key").asString()).isEqualTo("supervisor");
    assertThat(history.at("/items/0/source").asString()).isEqualTo("step");
    assertThat(history.at("/items/0/actor").asString()).isEqualTo("agent-one");
    assertThat(history.at("/items/0/reason").asString())
        .contains("step `to-supervisor` of escalation-drill");
    JsonNode kase = server.get("/api/v1/cases/" + id, agent).json();
    assertThat(kase.get("priority").asString()).isEqualTo("high");
    assertThat(kase.get("team").isNull()).isTrue();
    assertThat(notificationsOf(supervisor, id)).hasSize(1);
    assertThat(
            server
                .bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT COUNT(*) FROM notification WHERE recipient = 'drill-watcher'")
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(auditOf(id))
        .containsSubsequence("case.escalated", "notification.requested", "case.priority_changed");

    RunningServer.Reply toBilling = submit(run, "to-billing");

    assertThat(toBilling.status()).as(toBilling.body()).isEqualTo(200);
    JsonNode after = server.get("/api/v1/cases/" + id + "/escalations", agent).json();
    assertThat(after.at("/level/key").asString()).isEqualTo("manager");
    assertThat(after.at("/items/1/team").asString()).isEqualTo("billing-desk");
    assertThat(server.get("/api/v1/cases/" + id, agent).json().get("team").asString())
        .isEqualTo("billing-desk");
    assertThat(auditOf(id))
        .containsSubsequence("case.escalated", "case.escalated", "case.assigned");
  }

  @Test
  void aBreachEscalatesTheCaseOnTheLadderAndNotifiesTheLevel() throws Exception {
    String id = open("breach-drill").get("id").asString();

    await(() -> auditOf(id).contains("case.escalated"));

    JsonNode history = server.get("/api/v1/cases/" + id + "/escalations", agent).json();
    assertThat(history.at("/level/key").asString()).isEqualTo("supervisor");
    assertThat(history.at("/items/0/source").asString()).isEqualTo("sla_breach");
    assertThat(history.at("/items/0/actor").asString()).isEqualTo("system");
    assertThat(history.at("/items/0/reason").asString())
        .isEqualTo("the first_response SLA was breached");
    assertThat(notificationsOf(supervisor, id)).hasSize(1);
    assertThat(auditOf(id)).containsSubsequence("sla.breached", "case.escalated");
  }

  // --- moving about a run ---

  @Test
  void goingBackNeedsAReasonAndAStepToGoBackTo() throws Exception {
    String run = open("escalation-drill").at("/run/id").asString();

    RunningServer.Reply onFirst = back(run, Map.of("reason", "wrong customer"));
    RunningServer.Reply noReason = back(run, Map.of());
    submit(run, "listen");
    RunningServer.Reply stale = back(run, Map.of("reason", "x", "step_id", "listen"));
    RunningServer.Reply back =
        back(run, Map.of("reason", "the customer added a detail", "step_id", "to-supervisor"));

    assertThat(onFirst.status()).isEqualTo(422);
    assertThat(onFirst.json().get("detail").asString()).contains("nothing was changed");
    assertThat(onFirst.json().get("errors").toString()).contains("nothing to go back to");
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().findValuesAsString("field")).containsExactly("reason");
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.json().get("type").asString()).endsWith("/not-current-step");
    assertThat(back.status()).as(back.body()).isEqualTo(200);
    assertThat(back.json().at("/current_step/id").asString()).isEqualTo("listen");
    assertThat(back.json().at("/log/1/outcome").asString()).isEqualTo("went_back");
    assertThat(back.json().at("/log/1/deviations/0/kind").asString()).isEqualTo("went_back");
    assertThat(back.json().at("/log/1/deviations/0/reason").asString())
        .isEqualTo("the customer added a detail");
    List<AuditLog.Entry> wentBack =
        server.bean(AuditLog.class).entries("run", run).stream()
            .filter(e -> e.eventType().equals("run.went_back"))
            .toList();
    assertThat(wentBack).hasSize(1);
    assertThat(wentBack.get(0).reason()).isEqualTo("the customer added a detail");
  }

  @Test
  void goingBackPassesOverStepsThatDecideByThemselves() throws Exception {
    String run = openCaseJson("return").at("/run/id").asString();
    submit(run, "greet");
    postJson(
        "/api/v1/runs/" + run + "/steps/gather",
        agent,
        Map.of(
            "fields",
            Map.of(
                "order_number", "ORD-123456", "purchase_date", "2026-01-15", "reason", "damaged")));
    RunningServer.Reply skipped =
        postJson(
            "/api/v1/runs/" + run + "/steps/photo/skip", agent, Map.of("reason", "obvious damage"));
    assertThat(skipped.json().at("/current_step/id").asString()).isEqualTo("our-mistake");

    RunningServer.Reply back = back(run, Map.of("reason", "the customer wants to send a photo"));

    assertThat(back.status()).as(back.body()).isEqualTo(200);
    assertThat(back.json().at("/current_step/id").asString()).isEqualTo("photo");
  }

  @Test
  void goingOffScriptIsNotedOnTheCurrentStepWithANote() throws Exception {
    String run = open("escalation-drill").at("/run/id").asString();

    RunningServer.Reply noted =
        offScript(run, Map.of("step_id", "listen", "note", "called the courier for the customer"));
    RunningServer.Reply stale = offScript(run, Map.of("step_id", "close", "note", "x"));
    RunningServer.Reply noNote = offScript(run, Map.of("step_id", "listen"));
    RunningServer.Reply noStep = offScript(run, Map.of("note", "x"));
    RunningServer.Reply unknownRun = offScript("nope", Map.of("step_id", "listen", "note", "x"));

    assertThat(noted.status()).as(noted.body()).isEqualTo(200);
    assertThat(noted.json().at("/current_step/id").asString()).isEqualTo("listen");
    assertThat(noted.json().at("/log/0/deviations/0/kind").asString()).isEqualTo("off_script");
    assertThat(noted.json().at("/log/0/deviations/0/reason").asString())
        .isEqualTo("called the courier for the customer");
    assertThat(stale.status()).isEqualTo(409);
    assertThat(noNote.status()).isEqualTo(400);
    assertThat(noNote.json().findValuesAsString("field")).containsExactly("note");
    assertThat(noStep.json().findValuesAsString("field")).containsExactly("step_id");
    assertThat(unknownRun.status()).isEqualTo(404);
    assertThat(server.bean(AuditLog.class).entries("run", run))
        .extracting(AuditLog.Entry::eventType)
        .contains("run.went_off_script");
    assertThat(offScript(run, Map.of("step_id", "listen", "note", "x"), author).status())
        .isEqualTo(403);
  }

  @Test
  void switchingProtocolLeavesTheRunStartsTheChosenProtocolAndIsAudited() throws Exception {
    JsonNode opened = open("escalation-drill");
    String id = opened.get("id").asString();
    String oldRun = opened.at("/run/id").asString();

    RunningServer.Reply switched =
        switchProtocol(
            id, Map.of("slug", "return-and-refund", "reason", "it is a refund after all"), agent);

    assertThat(switched.status()).as(switched.body()).isEqualTo(200);
    assertThat(switched.json().at("/protocol/slug").asString()).isEqualTo("return-and-refund");
    assertThat(switched.json().at("/previous_protocol/slug").asString())
        .isEqualTo("escalation-drill");
    assertThat(switched.json().get("abandoned_run").asString()).isEqualTo(oldRun);
    String newRun = switched.json().at("/run/id").asString();
    assertThat(newRun).isNotEqualTo(oldRun);
    assertThat(switched.json().at("/run/current_step/id").asString()).isEqualTo("greet");
    JsonNode kase = server.get("/api/v1/cases/" + id, agent).json();
    assertThat(kase.at("/protocol/slug").asString()).isEqualTo("return-and-refund");
    assertThat(kase.at("/run/id").asString()).isEqualTo(newRun);
    assertThat(server.get("/api/v1/runs/" + oldRun, agent).json().get("status").asString())
        .isEqualTo("abandoned");
    AuditLog audit = server.bean(AuditLog.class);
    AuditLog.Entry abandoned =
        audit.entries("run", oldRun).stream()
            .filter(e -> e.eventType().equals("run.abandoned"))
            .findFirst()
            .orElseThrow();
    assertThat(abandoned.reason()).isEqualTo("it is a refund after all");
    AuditLog.Entry audited =
        audit.entries("case", id).stream()
            .filter(e -> e.eventType().equals("case.protocol_switched"))
            .findFirst()
            .orElseThrow();
    assertThat(audited.reason()).isEqualTo("it is a refund after all");
    assertThat(audited.details())
        .contains("\"from\":{\"slug\":\"escalation-drill\"", "\"slug\":\"return-and-refund\"")
        .contains(oldRun, newRun);
    RunningServer.Reply onOld = back(oldRun, Map.of("reason", "too late"));
    assertThat(onOld.status()).isEqualTo(409);
    assertThat(onOld.json().get("type").asString()).endsWith("/run-not-active");
    assertThat(audit.verify()).isEmpty();
  }

  @Test
  void switchingProtocolNeedsAReasonAPublishedProtocolAndAWorker() throws Exception {
    String id = open("escalation-drill").get("id").asString();

    RunningServer.Reply noReason = switchProtocol(id, Map.of("slug", "return-and-refund"), agent);
    RunningServer.Reply noSlug = switchProtocol(id, Map.of("reason", "x"), agent);
    RunningServer.Reply unknown =
        switchProtocol(id, Map.of("slug", "no-such-protocol", "reason", "x"), agent);
    RunningServer.Reply missingCase =
        switchProtocol("nope", Map.of("slug", "return-and-refund", "reason", "x"), agent);
    RunningServer.Reply byAuthor =
        switchProtocol(id, Map.of("slug", "return-and-refund", "reason", "x"), author);
    RunningServer.Reply anonymous =
        switchProtocol(id, Map.of("slug", "return-and-refund", "reason", "x"), null);

    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().findValuesAsString("field")).containsExactly("reason");
    assertThat(noSlug.status()).isEqualTo(400);
    assertThat(noSlug.json().findValuesAsString("field")).containsExactly("slug");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().get("type").asString()).endsWith("/protocol-not-found");
    assertThat(unknown.json().findValuesAsString("field")).containsExactly("slug");
    assertThat(missingCase.status()).isEqualTo(404);
    assertThat(byAuthor.status()).isEqualTo(403);
    assertThat(anonymous.status()).isEqualTo(401);
    JsonNode kase = server.get("/api/v1/cases/" + id, agent).json();
    assertThat(kase.at("/protocol/slug").asString()).isEqualTo("escalation-drill");
    assertThat(kase.at("/run/status").asString()).isEqualTo("active");
  }

  // --- helpers ---

  private String tokenFor(String username, Role role) {
    UserAccounts accounts = server.bean(UserAccounts.class);
    UserAccounts.User user =
        switch (accounts.add(username, username, "secret", EnumSet.of(role), "test")) {
          case UserAccounts.Added.Created created -> created.user();
          case UserAccounts.Added.NameTaken taken -> accounts.find(username).orElseThrow();
        };
    return accounts.createToken(user, "test", "test");
  }

  private JsonNode openCaseJson(String category) throws Exception {
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
    RunningServer.Reply reply = postJson("/api/v1/cases", agent, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json();
  }

  private String openCase(String category) throws Exception {
    return openCaseJson(category).get("id").asString();
  }

  private JsonNode open(String drill) throws Exception {
    JsonNode opened = openCaseJson(drill);
    assertThat(opened.at("/protocol/slug").asString()).isEqualTo(drill);
    return opened;
  }

  private RunningServer.Reply postJson(String path, String token, Object body) throws Exception {
    return server.post(path, token, "application/json", RunningServer.JSON.writeValueAsBytes(body));
  }

  private RunningServer.Reply postJson(String caseId, String tail, String token, Object body)
      throws Exception {
    return postJson("/api/v1/cases/" + caseId + tail, token, body);
  }

  private RunningServer.Reply post(String path, String token) throws Exception {
    return server.post(path, token, "application/json", new byte[0]);
  }

  private RunningServer.Reply escalate(String caseId, String token, Map<String, Object> body)
      throws Exception {
    return postJson(caseId, "/escalations", token, body);
  }

  private RunningServer.Reply submit(String run, String step) throws Exception {
    return postJson("/api/v1/runs/" + run + "/steps/" + step, agent, Map.of());
  }

  private RunningServer.Reply back(String run, Map<String, Object> body) throws Exception {
    return postJson("/api/v1/runs/" + run + "/back", agent, body);
  }

  private RunningServer.Reply offScript(String run, Map<String, Object> body) throws Exception {
    return offScript(run, body, agent);
  }

  private RunningServer.Reply offScript(String run, Map<String, Object> body, String token)
      throws Exception {
    return postJson("/api/v1/runs/" + run + "/off-script", token, body);
  }

  private RunningServer.Reply switchProtocol(String id, Map<String, Object> body, String token)
      throws Exception {
    return postJson(id, "/protocol", token, body);
  }

  /** The caller's notifications about one case. */
  private List<JsonNode> notificationsOf(String token, String caseId) throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/notifications", token);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<JsonNode> about = new java.util.ArrayList<>();
    reply
        .json()
        .get("items")
        .forEach(
            n -> {
              if (caseId.equals(n.get("case_id").asString())) {
                about.add(n);
              }
            });
    return about;
  }

  private List<String> auditOf(String caseId) {
    return server.bean(AuditLog.class).entries("case", caseId).stream()
        .map(AuditLog.Entry::eventType)
        .toList();
  }

  private static void await(BooleanSupplier condition) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(100);
    }
  }
}
