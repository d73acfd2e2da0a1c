package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.notifications.NotificationAdded;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import tools.jackson.databind.JsonNode;

/**
 * Staff notifications over real HTTP on every database (H2: {@link H2NotificationIntegrationTests},
 * PostgreSQL: {@link PostgresNotificationIntegrationTests}): each kind reaches the right people and
 * nobody else, read and unread, and the bell's fragment. Timers come due when the test moves the
 * server's clock. Mails are {@link NotificationMailContractTests}'.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NotificationContractTests {

  RunningServer server;
  SettableClock clock;
  final RecordingStaffMail mails = new RecordingStaffMail();
  NotificationDrill drill;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    clock = new SettableClock(NotificationDrill.START);
    drill = NotificationDrill.start(dataDir, database(), clock, mails);
    server = drill.server;
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  // --- who hears of what ---

  @Test
  void anAssignmentTellsTheNewAssigneeOnceAndNobodyElse() throws Exception {
    String id = drill.open("The kettle leaks");

    drill.assign(id, RunningServer.TOKEN, "ann", null);
    drill.assign(id, RunningServer.TOKEN, "ann", "kettles");

    List<JsonNode> told = drill.of("ann", id, "case_assigned");
    assertThat(told).hasSize(1);
    assertThat(told.get(0).get("text").asString()).contains("admin", "The kettle leaks");
    assertThat(told.get(0).get("link").asString()).isEqualTo("/cases/" + id);
    assertThat(told.get(0).at("/recipient/type").asString()).isEqualTo("user");
    assertThat(drill.of("bob", id, "case_assigned")).isEmpty();

    drill.assign(id, RunningServer.TOKEN, "bob", "kettles");
    drill.assign(id, RunningServer.TOKEN, "ann", "kettles");

    assertThat(drill.of("bob", id, "case_assigned")).hasSize(1);
    assertThat(drill.of("ann", id, "case_assigned")).hasSize(2);
  }

  @Test
  void eachNotificationIsAnnouncedForALiveChannel() throws Exception {
    List<NotificationAdded> heard = new CopyOnWriteArrayList<>();
    server.context.addApplicationListener(
        (ApplicationListener<ApplicationEvent>)
            event -> {
              if (event instanceof PayloadApplicationEvent<?> payload
                  && payload.getPayload() instanceof NotificationAdded added) {
                heard.add(added);
              }
            });
    String id = drill.open("The kettle glows");

    drill.assign(id, RunningServer.TOKEN, "bob", null);

    long told = drill.of("bob", id, "case_assigned").get(0).get("id").asLong();
    assertThat(heard).contains(new NotificationAdded(told, "user", "bob"));
  }

  @Test
  void whoTakesACaseThemselvesIsNotTold() throws Exception {
    String id = drill.open("The kettle hums");

    drill.assign(id, drill.tokens.get("bob"), "bob", null);

    assertThat(drill.of("bob", id, "case_assigned")).isEmpty();
  }

  @Test
  void aCustomersAnswerTellsTheAssigneeOnly() throws Exception {
    String id = drill.open("The kettle is slow");
    drill.answer(id);
    assertThat(drill.of("ann", id, "customer_answered")).as("nobody has the case yet").isEmpty();
    drill.assign(id, RunningServer.TOKEN, "ann", null);

    drill.answer(id);
    drill.note(id);

    assertThat(drill.of("ann", id, "customer_answered")).hasSize(1);
    assertThat(drill.of("ann", id, "customer_answered").get(0).get("text").asString())
        .contains("answered", "The kettle is slow");
    assertThat(drill.of("bob", id, "customer_answered")).isEmpty();
  }

  @Test
  void anSlaWarningTellsTheAssigneeAndABreachTheTeamsLeads() throws Exception {
    String id = drill.open("The kettle whistles");
    drill.assign(id, RunningServer.TOKEN, "ann", "kettles");

    later(Duration.ofMinutes(31));

    assertThat(drill.of("ann", id, "sla_warning")).hasSize(1);
    assertThat(drill.of("ann", id, "sla_warning").get(0).get("text").asString())
        .contains("first response", "The kettle whistles");
    assertThat(drill.of("lena", id, "team_breach")).isEmpty();

    later(Duration.ofMinutes(30));

    assertThat(drill.of("lena", id, "team_breach")).hasSize(1);
    assertThat(drill.of("lena", id, "team_breach").get(0).get("text").asString())
        .contains("kettles", "breached");
    assertThat(drill.of("ann", id, "team_breach")).isEmpty();
    assertThat(drill.of("sue", id, "team_breach")).isEmpty();
    assertThat(drill.of("bob", id, "sla_warning")).isEmpty();
  }

  @Test
  void aCompensationWaitingForApprovalTellsEverySupervisorButTheOneWhoAsked() throws Exception {
    String id = drill.open("The kettle burnt the table");
    drill.assign(id, RunningServer.TOKEN, "ann", "kettles-" + System.nanoTime());
    String team =
        server.get("/api/v1/cases/" + id, RunningServer.TOKEN).json().get("team").asString();
    String month = clock.instant().atZone(ZoneOffset.UTC).toString().substring(0, 7);
    assertThat(
            server
                .put(
                    "/api/v1/budgets/" + team + "/" + month,
                    RunningServer.TOKEN,
                    Map.of("amount", "500", "currency", "EUR"))
                .status())
        .isEqualTo(200);

    RunningServer.Reply asked =
        server.postJson(
            "/api/v1/cases/" + id + "/compensations",
            drill.tokens.get("sue"),
            Map.of("amount", "35", "currency", "EUR", "reason", "a burnt table"));

    assertThat(asked.status()).as(asked.body()).isEqualTo(201);
    assertThat(asked.json().get("status").asString()).isEqualTo("pending_approval");
    List<JsonNode> told = drill.of("sam", id, "approval_waiting");
    assertThat(told).hasSize(1);
    assertThat(told.get(0).get("text").asString()).contains("sue", "35.00 EUR", "a burnt table");
    assertThat(told.get(0).get("link").asString()).isEqualTo("/supervisor");
    assertThat(drill.of("sue", id, "approval_waiting")).isEmpty();
    assertThat(drill.of("ann", id, "approval_waiting")).isEmpty();
  }

  @Test
  void aSavedDraftTellsTheReviewersButNotItsAuthor() throws Exception {
    ConsoleSession otto = drill.signedIn("otto");
    String path = "/protocols/review-drill/edit";
    String source =
        NotificationDrill.REVIEW_DRILL.replace("Hello, we are on it.", "Hello, we are on it now.");

    HttpResponse<String> saved =
        otto.post(path, Map.of("source", source, "_csrf", drill.csrf(otto, path)), Map.of());

    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    String draft = saved.headers().firstValue("Location").orElseThrow();
    List<JsonNode> told = drill.kind("rita", "draft_waiting");
    assertThat(told).hasSize(1);
    assertThat(told.get(0).get("text").asString()).contains("otto", "Review drill");
    assertThat(draft).endsWith(told.get(0).get("link").asString());
    assertThat(drill.kind("otto", "draft_waiting")).isEmpty();
    assertThat(drill.kind("ann", "draft_waiting")).isEmpty();
  }

  @Test
  void aProtocolsReviewComesDueForItsOwner() throws Exception {
    Instant due = NotificationDrill.START.plus(Duration.ofDays(2));
    if (clock.instant().isBefore(due)) {
      later(Duration.between(clock.instant(), due).plusMinutes(1));
    } else {
      later(Duration.ofMinutes(1));
    }

    List<JsonNode> told = drill.kind("otto", "review_due");
    assertThat(told).hasSize(1);
    assertThat(told.get(0).get("text").asString()).contains("Review drill", "version 1");
    assertThat(told.get(0).get("link").asString()).isEqualTo("/protocols/review-drill");
    assertThat(drill.kind("rita", "review_due")).isEmpty();
  }

  @Test
  void aFollowUpThatComesDueTellsItsAssignee() throws Exception {
    String id = drill.open("The kettle needs a check-in");
    drill.assign(id, RunningServer.TOKEN, "ann", null);
    RunningServer.Reply scheduled =
        server.postJson(
            "/api/v1/cases/" + id + "/follow-ups",
            drill.tokens.get("ann"),
            Map.of("after", "PT2H"));
    assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);

    later(Duration.ofMinutes(119));
    assertThat(drill.of("ann", id, "follow_up_due")).isEmpty();
    later(Duration.ofMinutes(2));

    assertThat(drill.of("ann", id, "follow_up_due")).hasSize(1);
    assertThat(drill.of("bob", id, "follow_up_due")).isEmpty();
  }

  // --- read and unread, the bell ---

  @Test
  void readingOneOrAllMarksOnlyTheUsersOwn() throws Exception {
    String first = drill.open("The kettle is loud");
    String second = drill.open("The kettle is cold");
    drill.assign(first, RunningServer.TOKEN, "ann", null);
    drill.assign(second, RunningServer.TOKEN, "ann", null);
    long one = drill.of("ann", first, "case_assigned").get(0).get("id").asLong();

    RunningServer.Reply byBob =
        server.post(
            "/api/v1/notifications/" + one + "/read",
            drill.tokens.get("bob"),
            "text/plain",
            new byte[0]);
    RunningServer.Reply byAnn =
        server.post(
            "/api/v1/notifications/" + one + "/read",
            drill.tokens.get("ann"),
            "text/plain",
            new byte[0]);

    assertThat(byBob.status()).isEqualTo(404);
    assertThat(byAnn.status()).isEqualTo(200);
    assertThat(byAnn.json().get("read_at").isNull()).isFalse();
    assertThat(drill.of("ann", second, "case_assigned").get(0).get("read_at").isNull()).isTrue();

    RunningServer.Reply all =
        server.post(
            "/api/v1/notifications/read-all", drill.tokens.get("ann"), "text/plain", new byte[0]);

    assertThat(all.status()).as(all.body()).isEqualTo(200);
    assertThat(all.json().get("marked_read").asInt()).isPositive();
    assertThat(drill.of("ann", second, "case_assigned").get(0).get("read_at").isNull()).isFalse();
    assertThat(drill.all("ann")).allSatisfy(n -> assertThat(n.get("read_at").isNull()).isFalse());
  }

  @Test
  void theBellsFragmentAnswersNothingNewWhileNothingChanged() throws Exception {
    ConsoleSession bob = drill.signedIn("bob");
    bob.post(
        "/notifications/read-all",
        Map.of("_csrf", drill.csrf(bob, "/account/notifications")),
        Map.of("HX-Request", "true"));
    HttpResponse<String> quiet = bob.get("/notifications/bell");
    Matcher mark = java.util.regex.Pattern.compile("seen=([0-9]+-0)").matcher(quiet.body());
    assertThat(mark.find()).as(quiet.body()).isTrue();
    assertThat(quiet.body()).doesNotContain("bell-count");

    assertThat(bob.get("/notifications/bell?seen=" + mark.group(1)).statusCode()).isEqualTo(204);
    String id = drill.open("The kettle rattles");
    drill.assign(id, RunningServer.TOKEN, "bob", null);
    HttpResponse<String> news = bob.get("/notifications/bell?seen=" + mark.group(1));

    assertThat(news.statusCode()).isEqualTo(200);
    assertThat(news.body()).contains("class=\"bell-count\">1<", "The kettle rattles");
    assertThat(news.body()).contains("hx-swap-oob=\"true\"");
  }

  // --- helpers ---

  /** Moves the clock on and runs every timer that came due by then. */
  private void later(Duration by) throws Exception {
    clock.advance(by);
    DueTimers.run(server, clock);
  }
}
