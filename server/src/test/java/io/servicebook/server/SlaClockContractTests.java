package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.timers.Timers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * SLA clocks and their timers around resolving, closing and reopening a case, over real HTTP, on
 * every database: H2 ({@link H2SlaClockIntegrationTests}) and PostgreSQL ({@link
 * PostgresSlaClockIntegrationTests}). The server's time stands still until a test moves it, and
 * then the test runs the timers that came due, so "an hour later" takes no hour.
 *
 * <p>Resolving stops every clock of the cycle and removes their timers: nothing warns, breaches,
 * escalates or notifies about a resolved or closed case, also when a timer an older version left
 * behind fires. A reopen starts the clocks again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SlaClockContractTests {

  /**
   * A warranty claim: first and next response within an hour (warning at half), resolution within
   * eight hours, every hour counting; a breach escalates and notifies. Its run resolves the case at
   * its last step, whose script is shown to the agent, not sent: no reply reaches the customer.
   */
  static final String WARRANTY =
      """
      protocol: warranty-drill
      title: Warranty drill
      owner: support-operations
      review_every: P6M
      applies_when: case.category == "warranty-drill"
      priority: 90
      channels: [email]
      languages: [en]
      sla:
        first_response: PT1H
        next_response: PT1H
        resolution: PT8H
        warn_at: 0.5
        on_breach: [{escalate: team-lead}, {notify: supervisor}]
      steps:
        - id: check
          title: Check the warranty
          script: {en: "Let me check the warranty of your kettle."}
        - id: settle
          title: Settle the claim
          script: {en: "Your warranty claim is settled."}
          action: {resolve: true}
      """;

  RunningServer server;
  SettableClock clock;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    server =
        RunningServer.start(
            dataDir,
            database(),
            Map.of(
                "servicebook.protocols",
                ServerContractTests.STARTER_PACK.toString(),
                "servicebook.timers.polling-interval",
                "PT0.1S"),
            clock);
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(Map.of("warranty-drill.yaml", WARRANTY)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  // --- the harness itself: a case nobody answers warns and breaches ---

  @Test
  void aCaseNobodyAnswersWarnsBreachesAndEscalatesWhenItsTimersComeDue() throws Exception {
    String id = open();

    later(Duration.ofMinutes(31));

    assertThat(auditOf(id)).containsOnlyOnce("sla.warned").doesNotContain("sla.breached");

    later(Duration.ofMinutes(30));

    assertThat(auditOf(id)).containsSubsequence("sla.warned", "sla.breached", "case.escalated");
    assertThat(firings(id))
        .containsExactlyInAnyOrder("FIRST_RESPONSE warning", "FIRST_RESPONSE breach");
    assertThat(count("escalation", id)).isEqualTo(1);
    assertThat(count("notification", id)).isPositive();
    assertThat(state(id, "first_response")).isEqualTo("breached");
  }

  @Test
  void anAnswerRemovesTheFirstResponseTimersAndKeepsTheResolutionOnes() throws Exception {
    String id = open();
    assertThat(slaTimers(id)).anyMatch(t -> t.contains(":first_response:1:"));
    clock.advance(Duration.ofMinutes(5));

    RunningServer.Reply answered =
        postJson(
            "/api/v1/cases/" + id + "/interactions",
            Map.of("kind", "outbound", "body", "We are checking the warranty."));

    assertThat(answered.status()).as(answered.body()).isEqualTo(200);
    assertThat(slaTimers(id))
        .noneMatch(t -> t.contains(":first_response:"))
        .anyMatch(t -> t.startsWith("sla-breach:" + id + ":resolution:1:"));
  }

  @Test
  void waitingOnTheCustomerRemovesTheTimersWhoseTimesItMovesAndTheReplySchedulesNewOnes()
      throws Exception {
    Instant openedAt = clock.instant();
    String id = open();
    assertThat(firstResponseTimers(id))
        .containsExactlyInAnyOrder(
            "sla-warning:" + id + ":first_response:1:" + millis(openedAt, Duration.ofMinutes(30)),
            "sla-breach:" + id + ":first_response:1:" + millis(openedAt, Duration.ofHours(1)));
    clock.advance(Duration.ofMinutes(10));

    assertThat(status(id, "waiting_on_customer", "asked for the receipt").status()).isEqualTo(200);

    assertThat(firstResponseTimers(id)).as("paused: no one knows when it falls due").isEmpty();
    clock.advance(Duration.ofMinutes(20));

    RunningServer.Reply wrote =
        postJson(
            "/api/v1/cases/" + id + "/interactions",
            Map.of("kind", "inbound", "body", "Here is the receipt."));

    assertThat(wrote.json().get("status").asString()).isEqualTo("open");
    assertThat(firstResponseTimers(id))
        .as("20 minutes later than before")
        .containsExactlyInAnyOrder(
            "sla-warning:" + id + ":first_response:1:" + millis(openedAt, Duration.ofMinutes(50)),
            "sla-breach:" + id + ":first_response:1:" + millis(openedAt, Duration.ofMinutes(80)));
  }

  // --- resolved before anyone answered ---

  @Test
  void aCaseResolvedByItsRunBeforeAnyReplyWarnsBreachesAndEscalatesNever() throws Exception {
    String id = open();
    String run =
        server.get("/api/v1/cases/" + id, RunningServer.TOKEN).json().at("/run/id").asString();
    clock.advance(Duration.ofMinutes(10));
    Instant resolvedAt = clock.instant();

    assertThat(postJson("/api/v1/runs/" + run + "/steps/check", Map.of()).status()).isEqualTo(200);
    RunningServer.Reply settled = postJson("/api/v1/runs/" + run + "/steps/settle", Map.of());

    assertThat(settled.status()).as(settled.body()).isEqualTo(200);
    JsonNode kase = kase(id);
    assertThat(kase.get("status").asString()).isEqualTo("resolved");
    assertStoppedInTime(kase, "first_response", resolvedAt);
    assertNothingFiresFromNowOn(id);
  }

  @Test
  void aCaseResolvedByAnAgentBeforeAnyReplyWarnsBreachesAndEscalatesNever() throws Exception {
    String id = open();
    clock.advance(Duration.ofMinutes(10));
    Instant resolvedAt = clock.instant();

    RunningServer.Reply resolved = status(id, "resolved", "the customer's neighbour fixed it");

    assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
    assertThat(resolved.json().get("sla").findValuesAsString("state")).containsOnly("met");
    assertStoppedInTime(kase(id), "first_response", resolvedAt);
    assertStoppedInTime(kase(id), "resolution", resolvedAt);
    assertNothingFiresFromNowOn(id);
  }

  @Test
  void aClosedCaseWarnsBreachesAndEscalatesNever() throws Exception {
    String id = open();
    clock.advance(Duration.ofMinutes(10));
    Instant resolvedAt = clock.instant();
    assertThat(status(id, "resolved", "settled on the phone").status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(5));

    RunningServer.Reply closed = status(id, "closed", "nothing more to do");

    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertStoppedInTime(kase(id), "first_response", resolvedAt);
    assertNothingFiresFromNowOn(id);
  }

  @Test
  void aResolutionAfterTheFirstResponseDueTimeStopsTheBreachedClockAndEscalatesNoMore()
      throws Exception {
    String id = open();
    later(Duration.ofMinutes(61));
    assertThat(auditOf(id)).containsOnlyOnce("sla.breached", "case.escalated");
    Instant resolvedAt = clock.instant();

    assertThat(status(id, "resolved", "replaced the kettle").status()).isEqualTo(200);

    JsonNode first = clockOf(kase(id), "first_response");
    assertThat(first.get("state").asString()).isEqualTo("breached");
    assertThat(Instant.parse(first.get("stopped_at").asString())).isEqualTo(resolvedAt);
    assertThat(slaTimers(id)).isEmpty();
    List<String> before = auditOf(id);
    later(Duration.ofHours(9));
    assertThat(auditOf(id)).isEqualTo(before);
  }

  @Test
  void aResolvedCaseStillClosesByItselfWhenItsAutoCloseTimerComesDue() throws Exception {
    String id = open();
    clock.advance(Duration.ofMinutes(10));
    assertThat(status(id, "resolved", "settled by phone").status()).isEqualTo(200);
    assertThat(timers("case-auto-close:" + id + ":%")).hasSize(1);

    later(Duration.ofDays(7).plusMinutes(1));

    assertThat(kase(id).get("status").asString()).isEqualTo("closed");
    assertNothingFired(id);
  }

  // --- reopened ---

  @Test
  void aReopenedCaseGetsRunningClocksAndTimersAgain() throws Exception {
    String id = open();
    clock.advance(Duration.ofMinutes(10));
    Instant resolvedAt = clock.instant();
    assertThat(status(id, "resolved", "sent the manual").status()).isEqualTo(200);
    assertThat(slaTimers(id)).isEmpty();
    clock.advance(Duration.ofMinutes(20));
    Instant reopenedAt = clock.instant();

    RunningServer.Reply wrote =
        postJson(
            "/api/v1/cases/" + id + "/interactions",
            Map.of(
                "kind", "inbound", "body", "The manual does not help, the lid is still cracked."));

    assertThat(wrote.status()).as(wrote.body()).isEqualTo(200);
    JsonNode kase = wrote.json();
    assertThat(kase.get("status").asString()).isEqualTo("open");
    assertStoppedInTime(kase, "first_response", resolvedAt);
    JsonNode resolution = lastClockOf(kase, "resolution");
    assertThat(resolution.get("cycle").asInt()).isEqualTo(2);
    assertThat(resolution.get("state").asString()).isEqualTo("running");
    assertThat(Instant.parse(resolution.get("started_at").asString())).isEqualTo(reopenedAt);
    JsonNode next = lastClockOf(kase, "next_response");
    assertThat(next.get("state").asString()).isEqualTo("running");
    assertThat(Instant.parse(next.get("due_at").asString()))
        .isEqualTo(reopenedAt.plus(Duration.ofHours(1)));
    assertThat(slaTimers(id))
        .anyMatch(t -> t.startsWith("sla-breach:" + id + ":resolution:2:"))
        .anyMatch(t -> t.startsWith("sla-breach:" + id + ":next_response:1:"));

    later(Duration.ofMinutes(31));
    later(Duration.ofMinutes(30));

    assertThat(firings(id)).contains("NEXT_RESPONSE warning", "NEXT_RESPONSE breach");
    assertThat(auditOf(id)).containsSubsequence("sla.breached", "case.escalated");
    assertThat(count("escalation", id)).isEqualTo(1);
  }

  // --- timers an older version left behind ---

  @Test
  void aTimerLeftOverFromAnOlderVersionFiresForAResolvedCaseAndDoesNothing() throws Exception {
    Instant openedAt = clock.instant();
    String id = open();
    clock.advance(Duration.ofMinutes(10));
    assertThat(status(id, "resolved", "settled by phone").status()).isEqualTo(200);
    assertThat(slaTimers(id)).isEmpty();
    // what an older version left: the first response's warning and breach timers, still scheduled
    String warning =
        id + ":first_response:1:" + openedAt.plus(Duration.ofMinutes(30)).toEpochMilli();
    String breach = id + ":first_response:1:" + openedAt.plus(Duration.ofHours(1)).toEpochMilli();
    schedule("sla-warning", warning, openedAt.plus(Duration.ofMinutes(30)));
    schedule("sla-breach", breach, openedAt.plus(Duration.ofHours(1)));
    assertThat(slaTimers(id)).hasSize(2);

    later(Duration.ofHours(2));

    assertThat(slaTimers(id)).isEmpty();
    AuditLog audit = server.bean(AuditLog.class);
    assertThat(audit.entries("timer", "sla-warning:" + warning)).as("it fired").hasSize(1);
    assertThat(audit.entries("timer", "sla-breach:" + breach)).as("it fired").hasSize(1);
    assertNothingFired(id);
  }

  @Test
  void theUpgradeRemovesTheTimersAndDueTimesOlderVersionsLeftForResolvedCasesOnly()
      throws Exception {
    Instant openedAt = clock.instant();
    String resolved = open();
    String running = open();
    clock.advance(Duration.ofMinutes(10));
    assertThat(status(resolved, "resolved", "settled by phone").status()).isEqualTo(200);
    String left =
        resolved + ":first_response:1:" + openedAt.plus(Duration.ofHours(1)).toEpochMilli();
    schedule("sla-breach", left, openedAt.plus(Duration.ofHours(1)));
    schedule("case-note", resolved + ":not-an-sla-timer", openedAt.plus(Duration.ofDays(30)));
    List<String> runningTimers = slaTimers(running);
    assertThat(runningTimers).isNotEmpty();

    // and the due time of its first response, which listed it among the cases breaching soon
    jdbc()
        .sql("UPDATE service_case SET sla_due_at = :due WHERE id = :id")
        .param("due", OffsetDateTime.ofInstant(openedAt.plus(Duration.ofHours(1)), ZoneOffset.UTC))
        .param("id", resolved)
        .update();
    assertThat(breachingWithinADay()).contains(resolved, running);

    String migration =
        new ClassPathResource("db/migration/V27__stopped_clocks_of_resolved_cases.sql")
            .getContentAsString(StandardCharsets.UTF_8);
    for (String statement : migration.split(";")) {
      if (!statement.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--"))) {
        jdbc().sql(statement).update();
      }
    }

    assertThat(breachingWithinADay()).contains(running).doesNotContain(resolved);
    assertThat(slaTimers(resolved)).isEmpty();
    assertThat(slaTimers(running)).containsExactlyInAnyOrderElementsOf(runningTimers);
    assertThat(
            jdbc()
                .sql("SELECT task_instance FROM scheduled_tasks WHERE task_instance = :i")
                .param("i", "case-note:" + resolved + ":not-an-sla-timer")
                .query(String.class)
                .list())
        .hasSize(1);
  }

  // --- assertions ---

  /** The clock stopped at the resolution, in time: not running, met. */
  private static void assertStoppedInTime(JsonNode kase, String target, Instant resolvedAt) {
    JsonNode c = clockOf(kase, target);
    assertThat(c.get("state").asString()).as(target).isEqualTo("met");
    assertThat(c.get("stopped_at").isNull()).as(target + " stopped").isFalse();
    assertThat(Instant.parse(c.get("stopped_at").asString())).isEqualTo(resolvedAt);
  }

  /**
   * The case keeps no SLA timer, and with the clock moved past the first response's warning and due
   * time, and past the resolution's, nothing warns, breaches, escalates or notifies.
   */
  private void assertNothingFiresFromNowOn(String id) throws Exception {
    assertThat(slaTimers(id)).isEmpty();
    assertThat(breachingWithinADay()).as("no clock of it falls due").doesNotContain(id);
    later(Duration.ofMinutes(40));
    assertNothingFired(id);
    later(Duration.ofHours(9));
    assertNothingFired(id);
    assertThat(slaTimers(id)).isEmpty();
    assertThat(clockOf(kase(id), "first_response").get("state").asString()).isEqualTo("met");
  }

  private void assertNothingFired(String id) throws Exception {
    assertThat(firings(id)).isEmpty();
    assertThat(auditOf(id)).doesNotContain("sla.warned", "sla.breached", "case.escalated");
    assertThat(count("escalation", id)).isZero();
    assertThat(count("notification", id)).isZero();
    assertThat(kase(id).get("team").isNull()).as("not handed to the team lead").isTrue();
  }

  // --- moving the clock and running the timers ---

  /** Moves the clock on and runs every timer that came due by then. */
  private void later(Duration by) throws Exception {
    clock.advance(by);
    runDueTimers();
  }

  /**
   * Asks the scheduler to look for due timers now and waits until none is due or firing any more (a
   * timer that fails is retried later, so it is no longer due either).
   */
  private void runDueTimers() throws Exception {
    server.bean(Scheduler.class).triggerCheckForDueExecutions();
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (dueOrFiring() > 0) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timers still due or firing after 30 s: " + dueTimers());
      }
      Thread.sleep(50);
    }
  }

  private long dueOrFiring() {
    return jdbc()
        .sql("SELECT COUNT(*) FROM scheduled_tasks WHERE picked = TRUE OR execution_time <= :now")
        .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .query(Long.class)
        .single();
  }

  private List<String> dueTimers() {
    return jdbc()
        .sql(
            """
            SELECT task_instance, picked, execution_time, consecutive_failures FROM scheduled_tasks
            WHERE picked = TRUE OR execution_time <= :now
            """)
        .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .query(
            (rs, n) ->
                rs.getString(1)
                    + " picked="
                    + rs.getBoolean(2)
                    + " at="
                    + rs.getString(3)
                    + " failures="
                    + rs.getInt(4))
        .list();
  }

  /** Schedules a timer as a feature (or an older version of it) would, in a transaction. */
  private void schedule(String kind, String id, Instant at) {
    server
        .bean(TransactionTemplate.class)
        .executeWithoutResult(status -> server.bean(Timers.class).schedule(kind, id, at, ""));
  }

  // --- reading ---

  private List<String> slaTimers(String id) {
    return jdbc()
        .sql(
            """
            SELECT task_instance FROM scheduled_tasks
            WHERE task_instance LIKE :warning OR task_instance LIKE :breach
            """)
        .param("warning", "sla-warning:" + id + ":%")
        .param("breach", "sla-breach:" + id + ":%")
        .query(String.class)
        .list();
  }

  /** The cases whose earliest running clock falls due within a day, as the API lists them. */
  private List<String> breachingWithinADay() throws Exception {
    RunningServer.Reply reply =
        server.get("/api/v1/cases?breaching_within=P1D&limit=200", RunningServer.TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().get("items").valueStream().map(c -> c.get("id").asString()).toList();
  }

  private List<String> timers(String like) {
    return jdbc()
        .sql("SELECT task_instance FROM scheduled_tasks WHERE task_instance LIKE :like")
        .param("like", like)
        .query(String.class)
        .list();
  }

  private List<String> firstResponseTimers(String id) {
    return slaTimers(id).stream().filter(t -> t.contains(":first_response:")).toList();
  }

  private static long millis(Instant from, Duration after) {
    return from.plus(after).toEpochMilli();
  }

  /** The warnings and breaches recorded for the case, as "TARGET kind". */
  private List<String> firings(String id) {
    return jdbc()
        .sql("SELECT target, kind FROM sla_firing WHERE case_id = :id")
        .param("id", id)
        .query((rs, n) -> rs.getString("target") + " " + rs.getString("kind"))
        .list();
  }

  private long count(String table, String id) {
    return jdbc()
        .sql("SELECT COUNT(*) FROM " + table + " WHERE case_id = :id")
        .param("id", id)
        .query(Long.class)
        .single();
  }

  private List<String> auditOf(String id) {
    return server.bean(AuditLog.class).entries("case", id).stream()
        .map(AuditLog.Entry::eventType)
        .toList();
  }

  private JsonNode kase(String id) throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/cases/" + id, RunningServer.TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private String state(String id, String target) throws Exception {
    return clockOf(kase(id), target).get("state").asString();
  }

  /** The first cycle of the target's clock. */
  private static JsonNode clockOf(JsonNode kase, String target) {
    for (JsonNode c : kase.get("sla")) {
      if (c.get("target").asString().equals(target)) {
        return c;
      }
    }
    throw new AssertionError("no " + target + " clock in " + kase.get("sla"));
  }

  /** The latest cycle of the target's clock. */
  private static JsonNode lastClockOf(JsonNode kase, String target) {
    JsonNode last = null;
    for (JsonNode c : kase.get("sla")) {
      if (c.get("target").asString().equals(target)) {
        last = c;
      }
    }
    assertThat(last).as("a " + target + " clock in " + kase.get("sla")).isNotNull();
    return last;
  }

  private JdbcClient jdbc() {
    return server.bean(JdbcClient.class);
  }

  // --- writing ---

  private String open() throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Jonas");
    customer.put("last_name", "Berg");
    customer.put("email", "jonas.berg@example.com");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "email");
    body.put("category", "warranty-drill");
    body.put("subject", "Kettle under warranty");
    body.put("message", "My kettle's lid cracked after two months; it is under warranty.");
    body.put("customer", customer);
    RunningServer.Reply reply = postJson("/api/v1/cases", body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.json().at("/protocol/slug").asString()).isEqualTo("warranty-drill");
    return reply.json().get("id").asString();
  }

  private RunningServer.Reply status(String id, String status, String reason) throws Exception {
    return postJson("/api/v1/cases/" + id + "/status", Map.of("status", status, "reason", reason));
  }

  private RunningServer.Reply postJson(String path, Object body) throws Exception {
    return server.postJson(path, RunningServer.TOKEN, body);
  }
}
