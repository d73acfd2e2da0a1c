package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import io.servicebook.server.timers.Timers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Follow-ups and the auto-close of resolved cases over real HTTP, run against every database: H2
 * ({@link H2FollowUpIntegrationTests}) and PostgreSQL ({@link PostgresFollowUpIntegrationTests}).
 * Resolved cases close after three seconds here, and the drill protocols follow up after a second
 * or after days, so nothing waits long.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FollowUpContractTests {

  static final String AUTO_CLOSE_AFTER = "PT3S";

  /** Follows up a second after resolution, by phone; its one step does nothing else. */
  static final String SOON =
      """
      protocol: follow-up-soon
      title: Follow-up drill, soon
      owner: support-operations
      review_every: P6M
      applies_when: case.category == "follow-up-soon"
      priority: 90
      channels: [email]
      languages: [en]
      steps:
        - id: answer
          title: Answer the customer
          script: {en: "Hello, we are on it."}
      follow_up: {after: PT1S, channel: phone}
      """;

  /** Follows up three days after resolution, on the case's channel. */
  static final String LATER =
      """
      protocol: follow-up-later
      title: Follow-up drill, later
      owner: support-operations
      review_every: P6M
      applies_when: case.category == "follow-up-later"
      priority: 90
      channels: [email]
      languages: [en]
      steps:
        - id: answer
          title: Answer the customer
          script: {en: "Hello, we are on it."}
      follow_up:
        after: P3D
        script: {en: "Hello {{customer.first_name}}, is everything all right since we solved it?"}
      """;

  /** Follows up a second after resolution by email, with a script: it goes out by itself. */
  static final String BY_MAIL =
      """
      protocol: follow-up-by-mail
      title: Follow-up drill, by mail
      owner: support-operations
      review_every: P6M
      applies_when: case.category == "follow-up-by-mail"
      priority: 90
      channels: [email]
      languages: [en]
      steps:
        - id: answer
          title: Answer the customer
          script: {en: "Hello, we are on it."}
      follow_up:
        after: PT1S
        channel: email
        script: {en: "Hello {{customer.first_name}}, did the new kettle arrive?"}
      """;

  /** A step schedules a follow-up two days after it, by SMS. */
  static final String BY_STEP =
      """
      protocol: follow-up-by-step
      title: Follow-up drill, by a step
      owner: support-operations
      review_every: P6M
      applies_when: case.category == "follow-up-by-step"
      priority: 90
      channels: [email]
      languages: [en]
      steps:
        - id: promise
          title: Promise to check in
          script: {en: "I will check in with you in two days."}
          action: {follow_up: {after: P2D, channel: sms}}
        - id: wrap-up
          title: Wrap up
          script: {en: "Thanks."}
      """;

  Path dataDir;
  RunningServer server;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    dataDir = dir;
    server =
        RunningServer.start(
            dataDir,
            database(),
            Map.of(
                "servicebook.protocols",
                ServerContractTests.STARTER_PACK.toString(),
                "servicebook.timers.polling-interval",
                "PT0.1S",
                "servicebook.cases.auto-close-after",
                AUTO_CLOSE_AFTER));
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(
                Map.of(
                    "follow-up-soon.yaml", SOON,
                    "follow-up-later.yaml", LATER,
                    "follow-up-by-step.yaml", BY_STEP,
                    "follow-up-by-mail.yaml", BY_MAIL)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  // --- fixtures ---

  private String tokenFor(String username, Role role) {
    UserAccounts accounts = server.bean(UserAccounts.class);
    UserAccounts.User user =
        switch (accounts.add(username, username, "secret", EnumSet.of(role), "test")) {
          case UserAccounts.Added.Created created -> created.user();
          case UserAccounts.Added.NameTaken taken -> accounts.find(username).orElseThrow();
        };
    return accounts.createToken(user, "test", "test");
  }

  private static String unique(String name) {
    return name + "-" + System.nanoTime();
  }

  private RunningServer.Reply postJson(String path, String token, Object body) throws Exception {
    return server.post(path, token, "application/json", RunningServer.JSON.writeValueAsBytes(body));
  }

  private JsonNode open(String category) throws Exception {
    return open(category, "email");
  }

  /** A case no protocol applies to: the starter pack has none for text messages about this. */
  private JsonNode openWithoutProtocol() throws Exception {
    JsonNode opened = open("nothing-we-know", "sms");
    assertThat(opened.get("protocol").isNull()).isTrue();
    return opened;
  }

  private JsonNode open(String category, String channel) throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Ana");
    customer.put("last_name", "García");
    customer.put("email", "ana@example.com");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", channel);
    body.put("category", category);
    body.put("subject", "The kettle arrived broken");
    body.put("message", "Hello, the kettle I ordered arrived with a cracked lid.");
    body.put("customer", customer);
    RunningServer.Reply reply = postJson("/api/v1/cases", RunningServer.TOKEN, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json();
  }

  private void assign(String caseId, String assignee, String team) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("assignee", assignee);
    body.put("team", team);
    RunningServer.Reply reply =
        postJson("/api/v1/cases/" + caseId + "/assignee", RunningServer.TOKEN, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  private RunningServer.Reply moveTo(String caseId, String status) throws Exception {
    return moveTo(caseId, status, RunningServer.TOKEN);
  }

  private RunningServer.Reply moveTo(String caseId, String status, String token) throws Exception {
    return postJson(
        "/api/v1/cases/" + caseId + "/status",
        token,
        Map.of("status", status, "reason", "drill: " + status));
  }

  private void resolve(String caseId) throws Exception {
    RunningServer.Reply reply = moveTo(caseId, "resolved");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  private JsonNode followUpsOf(String caseId) throws Exception {
    RunningServer.Reply reply =
        server.get("/api/v1/cases/" + caseId + "/follow-ups", RunningServer.TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().get("items");
  }

  private JsonNode onlyFollowUpOf(String caseId) throws Exception {
    JsonNode items = followUpsOf(caseId);
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  private String statusOfFollowUp(String id) {
    try {
      return server
          .get("/api/v1/follow-ups/" + id, RunningServer.TOKEN)
          .json()
          .get("status")
          .asString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String statusOfCase(String id) {
    try {
      return server.get("/api/v1/cases/" + id, RunningServer.TOKEN).json().get("status").asString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> ids(JsonNode items) {
    return items.valueStream().map(i -> i.get("id").asString()).toList();
  }

  private List<AuditLog.Entry> auditOf(String caseId) {
    return server.bean(AuditLog.class).entries("case", caseId);
  }

  private List<String> eventsOf(String caseId) {
    return auditOf(caseId).stream().map(AuditLog.Entry::eventType).toList();
  }

  private List<String> timers(String like) {
    return server
        .bean(JdbcClient.class)
        .sql("SELECT task_instance FROM scheduled_tasks WHERE task_instance LIKE :like")
        .param("like", like)
        .query(String.class)
        .list();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(100);
    }
  }

  /** A follow-up of the quick drill that has come due, in the queue of {@code assignee}. */
  private JsonNode dueFollowUp(String assignee) throws Exception {
    String caseId = open("follow-up-soon").get("id").asString();
    if (assignee != null) {
      assign(caseId, assignee, "returns");
    }
    resolve(caseId);
    String id = onlyFollowUpOf(caseId).get("id").asString();
    await(() -> statusOfFollowUp(id).equals("due"));
    assertThat(statusOfFollowUp(id)).isEqualTo("due");
    return server.get("/api/v1/follow-ups/" + id, RunningServer.TOKEN).json();
  }

  // --- scheduling ---

  @Test
  void resolvingACaseSchedulesItsProtocolsFollowUpDueThatLongAfterTheResolution() throws Exception {
    JsonNode opened = open("follow-up-later");
    String caseId = opened.get("id").asString();
    String resolver = unique("gus");
    String token = tokenFor(resolver, Role.AGENT);
    assign(caseId, "agent-ana", "returns");
    Instant before = server.bean(Clock.class).instant();
    assertThat(moveTo(caseId, "resolved", token).status()).isEqualTo(200);
    Instant after = server.bean(Clock.class).instant();

    JsonNode f = onlyFollowUpOf(caseId);
    Instant resolvedAt = Instant.parse(f.get("created_at").asString());
    assertThat(resolvedAt).isBetween(before.minusMillis(1), after);
    assertThat(Instant.parse(f.get("due_at").asString()))
        .isEqualTo(resolvedAt.plus(Duration.ofDays(3)));
    assertThat(f.get("status").asString()).isEqualTo("scheduled");
    assertThat(f.get("after").asString()).isEqualTo("P3D");
    assertThat(f.get("channel").asString()).as("the case's channel").isEqualTo("email");
    assertThat(f.get("assignee").asString()).isEqualTo("agent-ana");
    assertThat(f.get("team").asString()).isEqualTo("returns");
    assertThat(f.at("/source/kind").asString()).isEqualTo("resolution");
    assertThat(f.at("/source/protocol/slug").asString()).isEqualTo("follow-up-later");
    assertThat(f.at("/source/protocol/version").asInt())
        .isEqualTo(opened.at("/protocol/version").asInt());
    assertThat(f.at("/source/resolution_cycle").asInt()).isEqualTo(1);
    assertThat(timers("%" + f.get("id").asString()))
        .containsExactly("follow-up-due:" + f.get("id").asString());
    assertThat(timers("case-auto-close:" + caseId + ":%"))
        .containsExactly("case-auto-close:" + caseId + ":1");
    AuditLog.Entry scheduled =
        auditOf(caseId).stream()
            .filter(e -> e.eventType().equals("followup.scheduled"))
            .findFirst()
            .orElseThrow();
    assertThat(scheduled.actor()).isEqualTo(resolver);
    assertThat(scheduled.reason()).contains("follow-up-later", "P3D");
    assertThat(scheduled.details()).contains(f.get("id").asString(), "\"due_at\"");
    JsonNode shown = server.get("/api/v1/follow-ups/" + f.get("id").asString(), token).json();
    assertThat(shown.get("script").asString())
        .as("the protocol's follow-up script, personalised")
        .isEqualTo("Hello Ana, is everything all right since we solved it?");
  }

  @Test
  void aFollowUpByEmailWithAScriptGoesOutByItselfThroughTheOutboxAndIsDone() throws Exception {
    String caseId = open("follow-up-by-mail").get("id").asString();
    resolve(caseId);
    String id = onlyFollowUpOf(caseId).get("id").asString();
    await(() -> statusOfFollowUp(id).equals("done"));
    JsonNode done = server.get("/api/v1/follow-ups/" + id, RunningServer.TOKEN).json();
    assertThat(done.get("status").asString()).isEqualTo("done");
    assertThat(done.get("outcome").asString()).isEqualTo("sent by email");

    JsonNode kase = server.get("/api/v1/cases/" + caseId, RunningServer.TOKEN).json();
    JsonNode last = kase.get("interactions").get(kase.get("interactions").size() - 1);
    assertThat(last.get("kind").asString()).isEqualTo("automated");
    assertThat(last.get("channel").asString()).isEqualTo("email");
    assertThat(last.get("body").asString()).isEqualTo("Hello Ana, did the new kettle arrive?");
    assertThat(server.bean(io.servicebook.server.channels.Outbox.class).ofCase(caseId))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.recipient()).isEqualTo("ana@example.com");
              assertThat(m.transport()).isEqualTo("email");
              assertThat(m.body()).isEqualTo("Hello Ana, did the new kettle arrive?");
            });
  }

  @Test
  void aCaseWithoutAProtocolFollowUpGetsNone() throws Exception {
    String caseId = openWithoutProtocol().get("id").asString();
    resolve(caseId);
    assertThat(followUpsOf(caseId)).isEmpty();
  }

  @Test
  void aStepsFollowUpIsDueThatLongAfterTheStep() throws Exception {
    JsonNode opened = open("follow-up-by-step");
    String caseId = opened.get("id").asString();
    String run = opened.at("/run/id").asString();
    Instant before = server.bean(Clock.class).instant();
    RunningServer.Reply submitted =
        postJson("/api/v1/runs/" + run + "/steps/promise", RunningServer.TOKEN, Map.of());
    Instant after = server.bean(Clock.class).instant();
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);

    JsonNode f = onlyFollowUpOf(caseId);
    Instant stepAt = Instant.parse(f.get("created_at").asString());
    assertThat(stepAt).isBetween(before.minusMillis(1), after);
    assertThat(Instant.parse(f.get("due_at").asString()))
        .isEqualTo(stepAt.plus(Duration.ofDays(2)));
    assertThat(f.get("channel").asString()).isEqualTo("sms");
    assertThat(f.at("/source/kind").asString()).isEqualTo("step");
    assertThat(f.at("/source/step").asString()).isEqualTo("promise");
    assertThat(f.at("/source/run_id").asString()).isEqualTo(run);
    assertThat(f.get("status").asString()).isEqualTo("scheduled");
    assertThat(eventsOf(caseId)).containsOnlyOnce("followup.scheduled");
  }

  // --- due, the queue ---

  @Test
  void aFollowUpComesDueAndShowsInItsAssigneesQueueOnly() throws Exception {
    String ana = unique("ana");
    String anaToken = tokenFor(ana, Role.AGENT);
    String otherToken = tokenFor(unique("bo"), Role.AGENT);
    JsonNode f = dueFollowUp(ana);
    String id = f.get("id").asString();
    assertThat(f.get("channel").asString()).isEqualTo("phone");
    assertThat(f.get("assignee").asString()).isEqualTo(ana);

    assertThat(ids(server.get("/api/v1/follow-ups", anaToken).json().get("items"))).contains(id);
    assertThat(ids(server.get("/api/v1/follow-ups?assignee=me", anaToken).json().get("items")))
        .contains(id);
    assertThat(ids(server.get("/api/v1/follow-ups", otherToken).json().get("items")))
        .doesNotContain(id);
    assertThat(ids(server.get("/api/v1/follow-ups?status=scheduled", anaToken).json().get("items")))
        .doesNotContain(id);
    AuditLog.Entry due =
        auditOf(f.get("case_id").asString()).stream()
            .filter(e -> e.eventType().equals("followup.due"))
            .findFirst()
            .orElseThrow();
    assertThat(due.actor()).isEqualTo("system");
    assertThat(due.details()).contains(id);
  }

  @Test
  void anUnassignedFollowUpIsInTheTeamQueueOfEveryAgentAndTheQueueIsOldestDueFirst()
      throws Exception {
    String token = tokenFor(unique("cy"), Role.AGENT);
    String first = dueFollowUp(null).get("id").asString();
    String second = dueFollowUp(null).get("id").asString();

    List<String> queue = ids(server.get("/api/v1/follow-ups", token).json().get("items"));
    assertThat(queue).containsSubsequence(first, second);
    JsonNode items = server.get("/api/v1/follow-ups", token).json().get("items");
    List<Instant> dueTimes =
        items.valueStream().map(i -> Instant.parse(i.get("due_at").asString())).toList();
    assertThat(dueTimes).isSorted();
    assertThat(ids(server.get("/api/v1/follow-ups?assignee=me", token).json().get("items")))
        .as("assigned to nobody, so not to me")
        .doesNotContain(first, second);
  }

  @Test
  void aSupervisorSeesAnybodysQueueAndATeamsWholeQueue() throws Exception {
    String dee = unique("dee");
    String supervisor = tokenFor(unique("sue"), Role.SUPERVISOR);
    String id = dueFollowUp(dee).get("id").asString();

    assertThat(
            ids(server.get("/api/v1/follow-ups?assignee=" + dee, supervisor).json().get("items")))
        .containsExactly(id);
    assertThat(ids(server.get("/api/v1/follow-ups?team=returns", supervisor).json().get("items")))
        .contains(id);
    assertThat(ids(server.get("/api/v1/follow-ups?team=billing", supervisor).json().get("items")))
        .doesNotContain(id);
  }

  // --- done and skipped ---

  @Test
  void doneRecordsTheOutcomeAndWhoAndSkippedTheReason() throws Exception {
    String eve = unique("eve");
    String token = tokenFor(eve, Role.AGENT);
    JsonNode due = dueFollowUp(eve);
    String id = due.get("id").asString();
    String caseId = due.get("case_id").asString();

    RunningServer.Reply done =
        postJson(
            "/api/v1/follow-ups/" + id + "/done",
            token,
            Map.of("outcome", "  Refund arrived; customer happy.  "));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.json().get("status").asString()).isEqualTo("done");
    assertThat(done.json().get("outcome").asString()).isEqualTo("Refund arrived; customer happy.");
    assertThat(done.json().get("completed_by").asString()).isEqualTo(eve);
    assertThat(done.json().get("completed_at").isNull()).isFalse();
    assertThat(ids(server.get("/api/v1/follow-ups", token).json().get("items"))).doesNotContain(id);
    AuditLog.Entry audited =
        auditOf(caseId).stream()
            .filter(e -> e.eventType().equals("followup.done"))
            .findFirst()
            .orElseThrow();
    assertThat(audited.actor()).isEqualTo(eve);
    assertThat(audited.reason()).isEqualTo("Refund arrived; customer happy.");

    String other = dueFollowUp(eve).get("id").asString();
    RunningServer.Reply skipped =
        postJson(
            "/api/v1/follow-ups/" + other + "/skip",
            token,
            Map.of("reason", "Customer asked not to be contacted."));
    assertThat(skipped.status()).as(skipped.body()).isEqualTo(200);
    assertThat(skipped.json().get("status").asString()).isEqualTo("skipped");
    assertThat(skipped.json().get("reason").asString())
        .isEqualTo("Customer asked not to be contacted.");
    assertThat(skipped.json().get("outcome").isNull()).isTrue();
    assertThat(server.bean(AuditLog.class).verify()).isEmpty();
  }

  @Test
  void aFollowUpNotDueYetMayBeDoneEarlyAndItsTimerGoes() throws Exception {
    String caseId = open("follow-up-later").get("id").asString();
    resolve(caseId);
    String id = onlyFollowUpOf(caseId).get("id").asString();

    RunningServer.Reply done =
        postJson(
            "/api/v1/follow-ups/" + id + "/done",
            RunningServer.TOKEN,
            Map.of("outcome", "The customer called us first; all fine."));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(timers("follow-up-due:" + id)).isEmpty();
  }

  @Test
  void aMissingOrBlankOutcomeOrReasonIsRefusedNamingTheFieldAndChangesNothing() throws Exception {
    String id = dueFollowUp(null).get("id").asString();

    RunningServer.Reply missing =
        postJson("/api/v1/follow-ups/" + id + "/done", RunningServer.TOKEN, Map.of());
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.contentType()).startsWith("application/problem+json");
    assertThat(missing.json().get("type").asString()).endsWith("/invalid-follow-up-outcome");
    assertThat(missing.json().findValuesAsString("field")).containsExactly("outcome");
    RunningServer.Reply blank =
        postJson("/api/v1/follow-ups/" + id + "/done", RunningServer.TOKEN, Map.of("outcome", " "));
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.json().findValuesAsString("field")).containsExactly("outcome");
    RunningServer.Reply noBody =
        server.post(
            "/api/v1/follow-ups/" + id + "/skip",
            RunningServer.TOKEN,
            "application/json",
            new byte[0]);
    assertThat(noBody.status()).isEqualTo(400);
    assertThat(noBody.json().get("type").asString()).endsWith("/invalid-follow-up-skip");
    assertThat(noBody.json().findValuesAsString("field")).containsExactly("reason");
    RunningServer.Reply notText =
        postJson("/api/v1/follow-ups/" + id + "/skip", RunningServer.TOKEN, Map.of("reason", 7));
    assertThat(notText.status()).isEqualTo(400);
    assertThat(notText.json().findValuesAsString("field")).containsExactly("reason");

    assertThat(statusOfFollowUp(id)).isEqualTo("due");
  }

  @Test
  void completingAFollowUpThatIsFinishedIsAConflict() throws Exception {
    String id = dueFollowUp(null).get("id").asString();
    assertThat(
            postJson(
                    "/api/v1/follow-ups/" + id + "/done",
                    RunningServer.TOKEN,
                    Map.of("outcome", "all good"))
                .status())
        .isEqualTo(200);

    RunningServer.Reply again =
        postJson(
            "/api/v1/follow-ups/" + id + "/done", RunningServer.TOKEN, Map.of("outcome", "again"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.contentType()).startsWith("application/problem+json");
    assertThat(again.json().get("type").asString()).endsWith("/follow-up-finished");
    assertThat(again.json().get("from").asString()).isEqualTo("done");
    RunningServer.Reply skip =
        postJson(
            "/api/v1/follow-ups/" + id + "/skip", RunningServer.TOKEN, Map.of("reason", "late"));
    assertThat(skip.status()).isEqualTo(409);
    JsonNode stored = server.get("/api/v1/follow-ups/" + id, RunningServer.TOKEN).json();
    assertThat(stored.get("status").asString()).isEqualTo("done");
    assertThat(stored.get("outcome").asString()).isEqualTo("all good");
  }

  @Test
  void anUnknownFollowUpOrCaseIsNotFound() throws Exception {
    RunningServer.Reply done =
        postJson("/api/v1/follow-ups/nope/done", RunningServer.TOKEN, Map.of("outcome", "x"));
    assertThat(done.status()).isEqualTo(404);
    assertThat(done.contentType()).startsWith("application/problem+json");
    assertThat(done.json().get("type").asString()).endsWith("/follow-up-not-found");
    assertThat(
            postJson("/api/v1/follow-ups/nope/skip", RunningServer.TOKEN, Map.of("reason", "x"))
                .status())
        .isEqualTo(404);
    assertThat(server.get("/api/v1/follow-ups/nope", RunningServer.TOKEN).status()).isEqualTo(404);
    RunningServer.Reply ofCase = server.get("/api/v1/cases/nope/follow-ups", RunningServer.TOKEN);
    assertThat(ofCase.status()).isEqualTo(404);
    assertThat(ofCase.json().get("type").asString()).endsWith("/case-not-found");
  }

  @Test
  void followUpsNeedATokenAndOnlyThoseWhoWorkCasesMayWorkThem() throws Exception {
    String id = dueFollowUp(null).get("id").asString();
    String author = tokenFor(unique("author"), Role.AUTHOR);
    String agent = tokenFor(unique("fay"), Role.AGENT);

    assertThat(server.get("/api/v1/follow-ups", null).status()).isEqualTo(401);
    assertThat(
            postJson("/api/v1/follow-ups/" + id + "/done", null, Map.of("outcome", "x")).status())
        .isEqualTo(401);
    RunningServer.Reply forbidden = server.get("/api/v1/follow-ups", author);
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.json().get("type").asString()).endsWith("/forbidden");
    assertThat(
            postJson("/api/v1/follow-ups/" + id + "/done", author, Map.of("outcome", "x")).status())
        .isEqualTo(403);
    assertThat(
            postJson("/api/v1/follow-ups/" + id + "/skip", author, Map.of("reason", "x")).status())
        .isEqualTo(403);
    RunningServer.Reply notMine = server.get("/api/v1/follow-ups?assignee=somebody-else", agent);
    assertThat(notMine.status()).isEqualTo(403);
    assertThat(notMine.json().get("type").asString()).endsWith("/not-your-queue");
    assertThat(statusOfFollowUp(id)).isEqualTo("due");
  }

  // --- by hand ---

  @Test
  void aFollowUpScheduledByHandIsCreatedWithItsTimerInTheSchedulersQueue() throws Exception {
    String caseId = open("follow-up-later").get("id").asString();
    String agent = unique("hal");
    String token = tokenFor(agent, Role.AGENT);
    Instant before = server.bean(Clock.class).instant();

    RunningServer.Reply created =
        postJson(
            "/api/v1/cases/" + caseId + "/follow-ups",
            token,
            Map.of("after", "P2D", "channel", "sms", "note", "Ask whether the parcel came."));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode f = created.json();
    String id = f.get("id").asString();
    Instant createdAt = Instant.parse(f.get("created_at").asString());
    assertThat(createdAt)
        .isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    assertThat(Instant.parse(f.get("due_at").asString()))
        .isEqualTo(createdAt.plus(Duration.ofDays(2)));
    assertThat(f.get("status").asString()).isEqualTo("scheduled");
    assertThat(f.get("after").asString()).isEqualTo("P2D");
    assertThat(f.get("channel").asString()).isEqualTo("sms");
    assertThat(f.get("note").asString()).isEqualTo("Ask whether the parcel came.");
    assertThat(f.get("assignee").asString())
        .as("the case has none: whoever asked")
        .isEqualTo(agent);
    assertThat(f.at("/source/kind").asString()).isEqualTo("manual");
    assertThat(f.get("created_by").asString()).isEqualTo(agent);
    assertThat(timers("%" + id)).containsExactly("follow-up-due:" + id);
    assertThat(ids(followUpsOf(caseId))).containsExactly(id);
    assertThat(ids(server.get("/api/v1/follow-ups?status=scheduled", token).json().get("items")))
        .contains(id);
    assertThat(eventsOf(caseId)).contains("followup.scheduled");

    RunningServer.Reply onADate =
        postJson(
            "/api/v1/cases/" + caseId + "/follow-ups",
            token,
            Map.of("due_at", "2099-03-04T10:15:00+01:00"));
    assertThat(onADate.status()).as(onADate.body()).isEqualTo(201);
    assertThat(onADate.json().get("due_at").asString()).isEqualTo("2099-03-04T09:15:00Z");
    assertThat(onADate.json().get("channel").asString()).as("the case's").isEqualTo("email");
    assertThat(followUpsOf(caseId)).hasSize(2);
  }

  @Test
  void aFollowUpByHandWithABadFieldIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
    String caseId = open("follow-up-later").get("id").asString();
    String path = "/api/v1/cases/" + caseId + "/follow-ups";
    Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
    bad.put("due_at", Map.of("due_at", "next tuesday"));
    bad.put("after", Map.of("after", "soon"));
    bad.put("channel", Map.of("after", "P1D", "channel", "pigeon"));
    bad.put("note", Map.of("after", "P1D", "note", 42));

    for (Map.Entry<String, Map<String, Object>> request : bad.entrySet()) {
      RunningServer.Reply refused = postJson(path, RunningServer.TOKEN, request.getValue());
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.json().get("type").asString()).endsWith("/invalid-follow-up");
      assertThat(refused.json().findValuesAsString("field")).containsExactly(request.getKey());
    }
    RunningServer.Reply past =
        postJson(path, RunningServer.TOKEN, Map.of("due_at", "2001-01-01T00:00:00Z"));
    assertThat(past.status()).isEqualTo(400);
    assertThat(past.json().findValuesAsString("field")).containsExactly("due_at");
    RunningServer.Reply none = postJson(path, RunningServer.TOKEN, Map.of());
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.json().findValuesAsString("field")).containsExactly("due_at");
    assertThat(followUpsOf(caseId)).isEmpty();
    RunningServer.Reply unknown =
        postJson("/api/v1/cases/nope/follow-ups", RunningServer.TOKEN, Map.of("after", "P1D"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("type").asString()).endsWith("/case-not-found");
  }

  @Test
  void schedulingAFollowUpByHandNeedsATokenOfSomeoneWhoWorksCases() throws Exception {
    String caseId = open("follow-up-later").get("id").asString();
    String path = "/api/v1/cases/" + caseId + "/follow-ups";
    String author = tokenFor(unique("author"), Role.AUTHOR);

    RunningServer.Reply anonymous = postJson(path, null, Map.of("after", "P1D"));
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.contentType()).startsWith("application/problem+json");
    assertThat(postJson(path, author, Map.of("after", "P1D")).status()).isEqualTo(403);
    assertThat(followUpsOf(caseId)).isEmpty();
  }

  // --- reopen ---

  @Test
  void aReopenBeforeTheFollowUpIsDueCancelsItAndAnotherResolutionSchedulesOneMore()
      throws Exception {
    String caseId = open("follow-up-later").get("id").asString();
    resolve(caseId);
    String first = onlyFollowUpOf(caseId).get("id").asString();

    RunningServer.Reply reopened = moveTo(caseId, "open");
    assertThat(reopened.status()).as(reopened.body()).isEqualTo(200);
    JsonNode cancelled = server.get("/api/v1/follow-ups/" + first, RunningServer.TOKEN).json();
    assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
    assertThat(cancelled.get("reason").asString()).contains("reopened", "drill: open");
    assertThat(timers("follow-up-due:" + first)).isEmpty();
    assertThat(eventsOf(caseId)).containsSubsequence("followup.scheduled", "followup.cancelled");

    resolve(caseId);
    JsonNode both = followUpsOf(caseId);
    assertThat(both).hasSize(2);
    assertThat(both.findValuesAsString("status"))
        .containsExactlyInAnyOrder("cancelled", "scheduled");
    assertThat(both.findValues("resolution_cycle").stream().map(JsonNode::asInt))
        .containsExactlyInAnyOrder(1, 2);
  }

  @Test
  void aCustomerWritingToAResolvedCaseReopensItAndCancelsItsFollowUp() throws Exception {
    String caseId = open("follow-up-later").get("id").asString();
    resolve(caseId);
    String id = onlyFollowUpOf(caseId).get("id").asString();

    RunningServer.Reply wrote =
        postJson(
            "/api/v1/cases/" + caseId + "/interactions",
            RunningServer.TOKEN,
            Map.of("kind", "inbound", "body", "It is still broken."));
    assertThat(wrote.status()).as(wrote.body()).isEqualTo(200);
    assertThat(wrote.json().get("status").asString()).isEqualTo("open");
    assertThat(statusOfFollowUp(id)).isEqualTo("cancelled");
  }

  // --- auto-close ---

  @Test
  void aResolvedCaseClosesByItselfAfterTheConfiguredTime() throws Exception {
    String caseId = openWithoutProtocol().get("id").asString();
    resolve(caseId);
    assertThat(statusOfCase(caseId)).isEqualTo("resolved");

    await(() -> statusOfCase(caseId).equals("closed"));

    assertThat(statusOfCase(caseId)).isEqualTo("closed");
    AuditLog.Entry closed = auditOf(caseId).getLast();
    assertThat(closed.eventType()).isEqualTo("case.status_changed");
    assertThat(closed.actor()).isEqualTo("system");
    assertThat(closed.reason())
        .isEqualTo("resolved for " + AUTO_CLOSE_AFTER + " without a reply; closed automatically");
    assertThat(closed.details()).contains("\"to\":\"closed\"");
  }

  @Test
  void aCaseReopenedInBetweenStaysOpenAndItsNextResolutionGetsATimerOfItsOwn() throws Exception {
    String caseId = openWithoutProtocol().get("id").asString();
    resolve(caseId);
    assertThat(moveTo(caseId, "open").status()).isEqualTo(200);
    assertThat(timers("case-auto-close:" + caseId + ":%")).isEmpty();

    // a late timer of the first resolution (from a node that had not heard of the reopen) does
    // nothing either
    server
        .bean(TransactionTemplate.class)
        .executeWithoutResult(
            status ->
                server
                    .bean(Timers.class)
                    .schedule(
                        "case-auto-close",
                        caseId + ":1",
                        server.bean(Clock.class).instant(),
                        caseId));
    String timer = "case-auto-close:" + caseId + ":1";
    await(() -> !server.bean(AuditLog.class).entries("timer", timer).isEmpty());
    assertThat(server.bean(AuditLog.class).entries("timer", timer)).hasSize(1);
    Thread.sleep(Duration.parse(AUTO_CLOSE_AFTER).plusSeconds(1).toMillis());
    assertThat(statusOfCase(caseId)).isEqualTo("open");

    resolve(caseId);
    assertThat(timers("case-auto-close:" + caseId + ":%"))
        .containsExactly("case-auto-close:" + caseId + ":2");
    await(() -> statusOfCase(caseId).equals("closed"));
    assertThat(statusOfCase(caseId)).isEqualTo("closed");
    assertThat(eventsOf(caseId).stream().filter(e -> e.equals("case.status_changed")))
        .as("resolved, reopened, resolved, closed")
        .hasSize(4);
  }
}
