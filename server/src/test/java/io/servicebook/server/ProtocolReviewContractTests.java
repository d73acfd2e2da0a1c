package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.security.Role;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * "Reviewed, no change" over real HTTP on every database (H2: {@link
 * H2ProtocolReviewIntegrationTests}, PostgreSQL: {@link PostgresProtocolReviewIntegrationTests}):
 * who may confirm, how the due date moves, the audit entry, the reminders two weeks before and at
 * the due date (the test moves the server's clock), the protocol page's button and line, and the
 * list's "review due" filter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProtocolReviewContractTests {

  /** A Monday, early: the server's clock starts here and only moves forward. */
  static final Instant START = Instant.parse("2026-12-07T06:00:00Z");

  RunningServer server;
  SettableClock clock;
  NotificationDrill drill;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    clock = new SettableClock(START);
    drill = NotificationDrill.start(dataDir, database(), clock, new RecordingStaffMail());
    server = drill.server;
    drill.tokens.put("ann", server.tokenFor("ann", Role.AGENT));
    importProtocols(
        Map.of(
            "monthly.yaml", protocol("monthly", "Monthly check", "otto", "P30D"),
            "weekly.yaml", protocol("weekly", "Weekly check", "otto", "P10D"),
            "yearly.yaml", protocol("yearly", "Yearly check", "otto", "P1Y"),
            "never.yaml", protocol("never", "Never reviewed", "otto", null)));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  // --- the API ---

  @Test
  void aReviewersConfirmationMovesTheDueDateAndIsListedAndAudited() throws Exception {
    assertThat(dueOf("monthly")).isEqualTo(START.plus(Duration.ofDays(30)));
    Instant now = clock.instant();

    RunningServer.Reply confirmed =
        server.postJson(
            "/api/v1/protocols/monthly/reviews",
            drill.tokens.get("rita"),
            Map.of("note", "Still matches the returns policy."));

    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(201);
    Instant due = Instant.parse(confirmed.json().get("review_due").asString());
    assertThat(due).isAfterOrEqualTo(now.plus(Duration.ofDays(30)));
    assertThat(due).isBefore(now.plus(Duration.ofDays(30)).plusSeconds(5));
    assertThat(confirmed.json().get("reviewed_by").asString()).isEqualTo("rita");
    assertThat(confirmed.json().get("version").asInt()).isEqualTo(1);
    assertThat(dueOf("monthly")).isEqualTo(due);

    RunningServer.Reply list = server.get("/api/v1/protocols/monthly/reviews", RunningServer.TOKEN);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertThat(list.json().get(0).get("reviewed_by").asString()).isEqualTo("rita");
    assertThat(list.json().get(0).get("note").asString())
        .isEqualTo("Still matches the returns policy.");

    List<Map<String, Object>> audited =
        server
            .bean(JdbcClient.class)
            .sql(
                "SELECT actor, reason, details FROM audit_event WHERE subject_type = 'protocol'"
                    + " AND subject_id = 'monthly' AND event_type = 'protocol.reviewed'")
            .query()
            .listOfRows();
    assertThat(audited).hasSize(1);
    assertThat(audited.get(0).get("actor")).isEqualTo("rita");
    assertThat(audited.get(0).get("reason")).isEqualTo("Still matches the returns policy.");
    assertThat((String) audited.get(0).get("details")).contains("\"version\":1", due.toString());
  }

  @Test
  void theOwnerMayConfirmWithoutANote() throws Exception {
    RunningServer.Reply confirmed =
        server.post(
            "/api/v1/protocols/yearly/reviews",
            drill.tokens.get("otto"),
            "application/json",
            new byte[0]);

    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(201);
    assertThat(confirmed.json().get("reviewed_by").asString()).isEqualTo("otto");
    assertThat(confirmed.json().get("note").isNull()).isTrue();
  }

  @Test
  void anAgentMayNotConfirm() throws Exception {
    RunningServer.Reply refused =
        server.postJson("/api/v1/protocols/weekly/reviews", drill.tokens.get("ann"), Map.of());

    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(reviewsOf("weekly")).noneMatch(r -> r.get("reviewed_by").asString().equals("ann"));
  }

  @Test
  void aProtocolWithoutReviewIntervalHasNoReviewToConfirm() throws Exception {
    RunningServer.Reply refused =
        server.postJson("/api/v1/protocols/never/reviews", drill.tokens.get("rita"), Map.of());

    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("type").asString()).endsWith("/no-review-interval");
    assertThat(refused.json().get("detail").asString()).contains("review_every");
    assertThat(reviewsOf("never")).isEmpty();
  }

  @Test
  void anUnknownProtocolIsNotFound() throws Exception {
    RunningServer.Reply confirmed =
        server.postJson("/api/v1/protocols/no-such/reviews", drill.tokens.get("rita"), Map.of());
    RunningServer.Reply listed =
        server.get("/api/v1/protocols/no-such/reviews", RunningServer.TOKEN);

    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(404);
    assertThat(confirmed.json().get("type").asString()).endsWith("/protocol-not-found");
    assertThat(listed.status()).as(listed.body()).isEqualTo(404);
  }

  @Test
  void theListFiltersProtocolsWhoseReviewIsDueWithinTwoWeeks() throws Exception {
    RunningServer.Reply due = server.get("/api/v1/protocols?review=due", RunningServer.TOKEN);

    assertThat(due.status()).as(due.body()).isEqualTo(200);
    List<String> slugs = new ArrayList<>();
    due.json().forEach(p -> slugs.add(p.get("slug").asString()));
    assertThat(slugs).contains("weekly").doesNotContain("yearly", "never");
  }

  // --- reminders ---

  @Test
  void theOwnerIsRemindedTwoWeeksBeforeAndWhenDueButNotAfterAConfirmationOrANewVersion()
      throws Exception {
    Instant t0 = clock.instant();
    importProtocols(
        Map.of(
            "remind.yaml", protocol("remind", "Remind me", "otto", "P30D"),
            "confirmed.yaml", protocol("confirmed", "Confirmed meanwhile", "otto", "P30D"),
            "replaced.yaml", protocol("replaced", "Replaced meanwhile", "otto", "P30D")));

    later(Duration.ofDays(5));
    RunningServer.Reply confirmed =
        server.postJson("/api/v1/protocols/confirmed/reviews", drill.tokens.get("rita"), Map.of());
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(201);
    importProtocols(
        Map.of(
            "replaced.yaml",
            protocol("replaced", "Replaced meanwhile", "otto", "P30D")
                .replace("Hello, we are on it.", "Hello, we are on it now.")));

    laterUntil(t0.plus(Duration.ofDays(16)).plusSeconds(60));
    assertThat(reminders("Remind me")).hasSize(1);
    assertThat(reminders("Remind me").get(0)).contains("in two weeks");
    assertThat(reminders("Confirmed meanwhile")).as("due 35 days after t0 now").isEmpty();
    assertThat(reminders("Replaced meanwhile")).as("version 2 is due 35 days after t0").isEmpty();

    laterUntil(t0.plus(Duration.ofDays(21)).plusSeconds(60));
    assertThat(reminders("Confirmed meanwhile")).hasSize(1);
    assertThat(reminders("Replaced meanwhile")).singleElement().asString().contains("version 2");

    laterUntil(t0.plus(Duration.ofDays(30)).plusSeconds(60));
    assertThat(reminders("Remind me")).hasSize(2);
    assertThat(reminders("Remind me")).anyMatch(t -> t.contains("is due for review:"));
    assertThat(reminders("Confirmed meanwhile"))
        .as("the old due date passed without a reminder")
        .hasSize(1);

    laterUntil(t0.plus(Duration.ofDays(35)).plusSeconds(60));
    assertThat(reminders("Confirmed meanwhile")).hasSize(2);
    assertThat(reminders("Replaced meanwhile")).hasSize(2).noneMatch(t -> t.contains("version 1"));
    assertThat(drill.kind("rita", "review_due")).isEmpty();
  }

  // --- the console ---

  @Test
  void theProtocolPageOffersTheButtonToAReviewerAndShowsTheConfirmation() throws Exception {
    ConsoleSession rita = drill.signedIn("rita");
    String path = "/protocols/weekly";
    String page = rita.get(path).body();
    assertThat(page).contains("id=\"review-form\"", "Reviewed, no change");

    HttpResponse<String> posted =
        rita.post(
            path + "/reviews",
            Map.of("note", "Checked with the team.", "_csrf", NotificationDrill.csrf(rita, path)),
            Map.of());

    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
    String after = rita.get(path).body();
    assertThat(after).contains("Reviewed without change by rita on", "Checked with the team.");
    assertThat(reviewsOf("weekly"))
        .anyMatch(r -> r.get("note").asString("").equals("Checked with the team."));
  }

  @Test
  void anAgentSeesNoButtonAndMayNotPost() throws Exception {
    ConsoleSession ann = drill.signedIn("ann");
    String path = "/protocols/yearly";
    String page = ann.get(path).body();
    assertThat(page).doesNotContain("id=\"review-form\"");

    String csrf = ConsoleSession.CSRF.matcher(page).results().findFirst().orElseThrow().group(1);
    HttpResponse<String> posted = ann.post(path + "/reviews", Map.of("_csrf", csrf), Map.of());

    assertThat(posted.statusCode()).isEqualTo(403);
    assertThat(reviewsOf("yearly")).noneMatch(r -> r.get("reviewed_by").asString().equals("ann"));
  }

  @Test
  void theListPageFiltersProtocolsWhoseReviewIsDue() throws Exception {
    ConsoleSession rita = drill.signedIn("rita");

    String all = rita.get("/protocols").body();
    String due = rita.get("/protocols?review=due").body();

    assertThat(all).contains("data-slug=\"weekly\"", "data-slug=\"yearly\"", "filter-review-due");
    assertThat(due).contains("data-slug=\"weekly\"").doesNotContain("data-slug=\"yearly\"");
  }

  // --- helpers ---

  /** The notification drill's review protocol under another name, owner and review interval. */
  static String protocol(String slug, String title, String owner, String every) {
    return NotificationDrill.REVIEW_DRILL
        .replace("review-drill", slug)
        .replace("Review drill", title)
        .replace("owner: otto", "owner: " + owner)
        .replace("review_every: P2D\n", every == null ? "" : "review_every: " + every + "\n");
  }

  private void importProtocols(Map<String, String> files) throws Exception {
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(files));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
  }

  private Instant dueOf(String slug) throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/protocols/" + slug, RunningServer.TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return Instant.parse(reply.json().get("review_due").asString());
  }

  private List<JsonNode> reviewsOf(String slug) throws Exception {
    RunningServer.Reply reply =
        server.get("/api/v1/protocols/" + slug + "/reviews", RunningServer.TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    reply.json().forEach(items::add);
    return items;
  }

  /** Otto's review reminders of the protocol titled {@code title}. */
  private List<String> reminders(String title) throws Exception {
    return drill.kind("otto", "review_due").stream()
        .map(n -> n.get("text").asString())
        .filter(t -> t.contains("“" + title + "”"))
        .toList();
  }

  private void laterUntil(Instant at) throws Exception {
    later(Duration.between(clock.instant(), at));
  }

  private void later(Duration by) throws Exception {
    clock.advance(by);
    DueTimers.run(server, clock);
  }
}
