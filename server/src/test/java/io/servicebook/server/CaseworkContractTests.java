package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.channels.CaseReferences;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The agent's daily work on a case over real HTTP, console and API, run against every database (H2:
 * {@link H2CaseworkIntegrationTests}, PostgreSQL: {@link PostgresCaseworkIntegrationTests}):
 * internal notes with {@code @mentions}, follow-ups marked done or skipped from the case page and
 * the queue, the finished case's record, the status set with a reply, and merging two cases of the
 * same customer; with the refusals for bad input and for roles that may not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CaseworkContractTests {

  /** Captures an order number, offers a skippable step, resolves; follows up a second later. */
  static final String DRILL =
      """
      protocol: casework-drill
      title: Casework drill
      owner: support-operations
      review_every: P6M
      applies_when: case.category == "casework-drill"
      priority: 90
      channels: [email]
      languages: [en]
      fields:
        order_number: {type: string, required: true, label: Order number}
        photos_sent: {type: boolean, label: Photos sent}
      steps:
        - id: ask-order
          title: Ask for the order number
          script: {en: "Could you give me your order number?"}
          capture: [order_number, photos_sent]
        - id: offer
          title: Offer a replacement
          skippable: true
          script: {en: "We can send a new one."}
        - id: wrap-up
          title: Wrap up
          script: {en: "Thanks."}
          action: {resolve: true}
      follow_up:
        after: PT1S
        channel: phone
        script: {en: "Hello {{customer.first_name}}, is the new kettle fine?"}
      """;

  private static final Pattern CSRF = ConsoleSession.CSRF;

  Path dataDir;
  RunningServer server;
  String agentToken;
  String authorToken;

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
                "PT0.1S"));
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(Map.of("casework-drill.yaml", DRILL)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    agentToken = user("ana", Role.AGENT);
    user("ben", Role.AGENT);
    authorToken = user("otto", Role.AUTHOR);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  // --- notes and mentions ---

  @Test
  void aNoteMentioningAColleagueNotifiesThemAndNeverReachesTheCustomer() throws Exception {
    String id = open("casework-drill", "note-" + System.nanoTime() + "@example.com");
    ConsoleSession ana = session("ana");

    form(ana, "/cases/" + id + "/notes", id, Map.of("body", "@ben please check the refund."));

    JsonNode interactions = interactions(id);
    JsonNode note = interactions.get(interactions.size() - 1);
    assertThat(note.get("kind").asString()).isEqualTo("note");
    assertThat(note.get("visibility").asString()).isEqualTo("internal");
    assertThat(ana.get("/cases/" + id).body())
        .contains("entry-note", "@ben please check the refund.");
    JsonNode bens = server.get("/api/v1/notifications", tokenOf("ben")).json().get("items");
    assertThat(bens.valueStream().filter(n -> n.get("kind").asString().equals("mentioned")))
        .anySatisfy(n -> assertThat(n.get("text").asString()).contains("ana mentioned you"));
    // the note is nobody's outgoing message: nothing in the outbox for the case
    JsonNode outbox =
        server.get("/api/v1/outbound/messages?case_id=" + id, RunningServer.TOKEN).json();
    assertThat(outbox.toString()).doesNotContain("please check the refund");
    // the account page still lists every kind, the new one among them
    assertThat(ana.get("/account/notifications").body()).contains("notify-mentioned");
  }

  @Test
  void aNoteMentioningNobodysAccountIsRefusedNamingThemAndNothingIsSaved() throws Exception {
    String id = open("casework-drill", "unknown-" + System.nanoTime() + "@example.com");
    ConsoleSession ana = session("ana");
    int before = interactions(id).size();

    form(ana, "/cases/" + id + "/notes", id, Map.of("body", "@ben and @nobody1 and @ghost2 look"));
    String page = ana.get("/cases/" + id).body();
    assertThat(page).contains("id=\"note-error\"", "@nobody1, @ghost2", ">@ben and @nobody1");
    assertThat(interactions(id).size()).isEqualTo(before);

    RunningServer.Reply api =
        postJson(
            "/api/v1/cases/" + id + "/interactions",
            agentToken,
            Map.of("kind", "note", "body", "ask @nobody1"));
    assertThat(api.status()).isEqualTo(400);
    assertThat(api.contentType()).contains("application/problem+json");
    assertThat(api.json().at("/errors/0/field").asString()).isEqualTo("body");
    assertThat(api.json().at("/errors/0/message").asString()).contains("@nobody1");
    // an email address is no mention
    assertThat(
            postJson(
                    "/api/v1/cases/" + id + "/interactions",
                    agentToken,
                    Map.of("kind", "note", "body", "wrote to ana@example.com"))
                .status())
        .isEqualTo(200);
    assertThat(interactions(id).size()).isEqualTo(before + 1);
  }

  // --- status after a reply ---

  @Test
  void aReplyOpensANewCaseAndSendAndSetMovesItFurtherInOneChange() throws Exception {
    String id = open("casework-drill", "reply-" + System.nanoTime() + "@example.com");
    assertThat(caseOf(id).get("status").asString()).isEqualTo("new");

    RunningServer.Reply replied =
        postJson(
            "/api/v1/cases/" + id + "/interactions",
            agentToken,
            Map.of("kind", "outbound", "body", "We are on it."));
    assertThat(replied.status()).as(replied.body()).isEqualTo(200);
    assertThat(replied.json().get("status").asString()).isEqualTo("open");

    int before = interactions(id).size();
    RunningServer.Reply illegal =
        postJson(
            "/api/v1/cases/" + id + "/interactions",
            agentToken,
            Map.of("kind", "outbound", "body", "Not sent", "status", "new"));
    assertThat(illegal.status()).isEqualTo(409);
    assertThat(interactions(id).size()).as("nothing stored").isEqualTo(before);
    RunningServer.Reply unknown =
        postJson(
            "/api/v1/cases/" + id + "/interactions",
            agentToken,
            Map.of("kind", "outbound", "body", "Not sent", "status", "sleeping"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/errors/0/field").asString()).isEqualTo("status");

    ConsoleSession ana = session("ana");
    assertThat(ana.get("/cases/" + id).body()).contains("id=\"reply-send-waiting_on_customer\"");
    form(
        ana,
        "/cases/" + id + "/reply",
        id,
        Map.of("body", "Could you send a photo?", "then", "waiting_on_customer"));
    assertThat(caseOf(id).get("status").asString()).isEqualTo("waiting_on_customer");
    assertThat(interactions(id).size()).isEqualTo(before + 1);
  }

  // --- follow-ups ---

  @Test
  void aDueFollowUpIsSkippedFromTheQueueOnlyWithAReasonAndThenLeavesIt() throws Exception {
    String id = open("casework-drill", "queue-" + System.nanoTime() + "@example.com");
    resolve(id);
    String followUp = dueFollowUp(id);
    ConsoleSession ana = session("ana");
    String queue = ana.get("/?queue=follow-ups").body();
    assertThat(queue)
        .contains("data-follow-up=\"" + followUp + "\"", "Hello Ana, is the new kettle fine?");

    HttpResponse<String> blank =
        post(
            ana,
            "/follow-ups/" + followUp + "/skip",
            "/?queue=follow-ups",
            Map.of("reason", " ", "from", "queue"));
    assertThat(blank.headers().firstValue("Location").orElseThrow()).contains("queue=follow-ups");
    assertThat(ana.get("/?queue=follow-ups").body())
        .contains("id=\"skip-" + followUp + "-error\"", "Say why you skip it.");
    assertThat(followUpStatus(followUp)).isEqualTo("due");

    post(
        ana,
        "/follow-ups/" + followUp + "/skip",
        "/?queue=follow-ups",
        Map.of("reason", "customer asked not to be called", "from", "queue"));
    assertThat(followUpStatus(followUp)).isEqualTo("skipped");
    assertThat(ana.get("/?queue=follow-ups").body()).doesNotContain(followUp);
    JsonNode api = server.get("/api/v1/follow-ups/" + followUp, agentToken).json();
    assertThat(api.get("reason").asString()).isEqualTo("customer asked not to be called");
  }

  @Test
  void theGreetingRecognisesAReturningCustomerByTheCasesOpenedBefore() throws Exception {
    String email = "returning-" + System.nanoTime() + "@example.com";
    assertThat(stepAfterGreeting(open("general_inquiry", email))).isEqualTo("listen");
    assertThat(stepAfterGreeting(open("general_inquiry", email))).isEqualTo("recall-history");
  }

  /** Walks a personalized-greeting run past its greeting: where its history check sent it. */
  private String stepAfterGreeting(String caseId) throws Exception {
    JsonNode kase = caseOf(caseId);
    assertThat(kase.at("/protocol/slug").asString()).isEqualTo("personalized-greeting");
    String run = kase.at("/run/id").asString();
    RunningServer.Reply identified =
        postJson(
            "/api/v1/runs/" + run + "/steps/identify",
            agentToken,
            Map.of("fields", Map.of("preferred_name", "Ana")));
    assertThat(identified.status()).as(identified.body()).isEqualTo(200);
    RunningServer.Reply greeted =
        postJson("/api/v1/runs/" + run + "/steps/greet-by-name", agentToken, Map.of());
    assertThat(greeted.status()).as(greeted.body()).isEqualTo(200);
    RunningServer.Reply view = server.get("/api/v1/runs/" + run, agentToken);
    assertThat(view.status()).as(view.body()).isEqualTo(200);
    return view.json().at("/current_step/id").asString();
  }

  @Test
  void aFollowUpIsMarkedDoneFromTheCasePageWithItsOutcomeAndTheRecordShowsTheRun()
      throws Exception {
    String id = open("casework-drill", "done-" + System.nanoTime() + "@example.com");
    String run = caseOf(id).at("/run/id").asString();
    assertThat(
            postJson(
                    "/api/v1/runs/" + run + "/steps/ask-order",
                    agentToken,
                    Map.of("fields", Map.of("order_number", "SB-4711", "photos_sent", true)))
                .status())
        .isEqualTo(200);
    assertThat(
            postJson(
                    "/api/v1/runs/" + run + "/steps/offer/skip",
                    agentToken,
                    Map.of("reason", "customer wants the money back"))
                .status())
        .isEqualTo(200);
    assertThat(postJson("/api/v1/runs/" + run + "/steps/wrap-up", agentToken, Map.of()).status())
        .isEqualTo(200);
    assertThat(caseOf(id).get("status").asString()).isEqualTo("resolved");

    ConsoleSession ana = session("ana");
    String page = ana.get("/cases/" + id).body();
    assertThat(page)
        .contains("id=\"run-values\"", "Order number", "SB-4711")
        .contains("<dt>Photos sent</dt>", "<dd data-field=\"photos_sent\">Yes</dd>")
        .contains("data-step=\"offer\" data-outcome=\"skipped\"", "customer wants the money back")
        .contains("data-step=\"wrap-up\" data-outcome=\"submitted\"")
        .contains("<details id=\"run-flowchart\" class=\"card flowchart-card\" open");
    Matcher visited =
        Pattern.compile(
                "<g class=\"node step[^\"]*\\bvisited\\b[^\"]*\"[^>]*data-step=\"([^\"]+)\"")
            .matcher(page);
    List<String> steps = visited.results().map(m -> m.group(1)).toList();
    assertThat(steps).contains("ask-order", "offer", "wrap-up");

    String followUp = dueFollowUp(id);
    page = ana.get("/cases/" + id).body();
    assertThat(page).contains("id=\"follow-up-" + followUp + "\"", "is the new kettle fine?");
    post(ana, "/follow-ups/" + followUp + "/done", "/cases/" + id, Map.of("outcome", ""));
    assertThat(followUpStatus(followUp)).isEqualTo("due");
    post(
        ana,
        "/follow-ups/" + followUp + "/done",
        "/cases/" + id,
        Map.of("outcome", "kettle works fine"));
    assertThat(followUpStatus(followUp)).isEqualTo("done");
    assertThat(ana.get("/cases/" + id).body()).contains("kettle works fine");
    // finished: marking it again is refused, over the API as before
    RunningServer.Reply again =
        postJson("/api/v1/follow-ups/" + followUp + "/skip", agentToken, Map.of("reason", "x"));
    assertThat(again.status()).isEqualTo(409);
  }

  // --- merge ---

  @Test
  void twoCasesOfOneCustomerMergeTheTimelineCombinesAndLaterMailThreadsToTheSurvivor()
      throws Exception {
    String email = "merge-" + System.nanoTime() + "@example.com";
    String survivor = open("casework-drill", email);
    String duplicate = open("casework-drill", email);
    String token = server.bean(CaseReferences.class).token(duplicate).orElseThrow();

    RunningServer.Reply merged =
        postJson(
            "/api/v1/cases/" + survivor + "/merge",
            agentToken,
            Map.of("case_id", duplicate, "reason", "the same broken kettle"));
    assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    assertThat(merged.json().at("/merged/status").asString()).isEqualTo("closed");
    assertThat(merged.json().at("/case/status").asString()).isEqualTo("new");
    assertThat(merged.json().at("/merged/run/id").isMissingNode()).isFalse();
    assertThat(merged.json().at("/merged/merged_into").asString()).isEqualTo(survivor);
    assertThat(merged.json().at("/case/merged_cases/0").asString()).isEqualTo(duplicate);

    JsonNode events = server.get("/api/v1/cases/" + duplicate + "/events", agentToken).json();
    assertThat(events.toString()).contains("case.merged", "merged into case " + survivor);
    assertThat(server.get("/api/v1/cases/" + survivor + "/events", agentToken).body())
        .contains("case.merged", "the same broken kettle");

    ConsoleSession ana = session("ana");
    String page = ana.get("/cases/" + survivor).body();
    assertThat(page).contains("data-merged-from=\"" + duplicate + "\"", "id=\"merged-cases\"");
    assertThat(ana.get("/cases/" + duplicate).body())
        .contains("id=\"merged-into\"", "/cases/" + survivor);

    Map<String, Object> inbound = new LinkedHashMap<>();
    inbound.put("channel", "email");
    inbound.put("provider", "drill");
    inbound.put("message_id", "<" + System.nanoTime() + "@mail.example.com>");
    inbound.put("subject", "Re: [" + token + "] the kettle");
    inbound.put("text", "Any news about my kettle?");
    inbound.put("case_reference", token);
    inbound.put("from", Map.of("name", "Ana García", "email", email));
    RunningServer.Reply threaded =
        postJson("/api/v1/inbound/messages", RunningServer.TOKEN, inbound);
    assertThat(threaded.status()).as(threaded.body()).isBetween(200, 202);
    assertThat(threaded.body()).contains(survivor);
    assertThat(interactions(survivor).toString()).contains("Any news about my kettle?");
  }

  @Test
  void aMergeIsRefusedForAnotherCustomersCaseAClosedOneAndBadInputWithProblems() throws Exception {
    String mine = open("casework-drill", "mine-" + System.nanoTime() + "@example.com");
    String theirs = open("casework-drill", "theirs-" + System.nanoTime() + "@example.com");

    RunningServer.Reply other =
        postJson("/api/v1/cases/" + mine + "/merge", agentToken, Map.of("case_id", theirs));
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.contentType()).contains("application/problem+json");
    assertThat(other.json().get("reason").asString()).isEqualTo("different-customer");
    assertThat(caseOf(theirs).get("status").asString()).isEqualTo("new");

    RunningServer.Reply self =
        postJson("/api/v1/cases/" + mine + "/merge", agentToken, Map.of("case_id", mine));
    assertThat(self.json().get("reason").asString()).isEqualTo("same-case");
    RunningServer.Reply missing =
        postJson("/api/v1/cases/" + mine + "/merge", agentToken, Map.of("case_id", "nope"));
    assertThat(missing.status()).isEqualTo(404);
    RunningServer.Reply bad = postJson("/api/v1/cases/" + mine + "/merge", agentToken, Map.of());
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/errors/0/field").asString()).isEqualTo("case_id");
    RunningServer.Reply author =
        postJson("/api/v1/cases/" + mine + "/merge", authorToken, Map.of("case_id", theirs));
    assertThat(author.status()).isEqualTo(403);

    ConsoleSession ana = session("ana");
    form(ana, "/cases/" + mine + "/merge", mine, Map.of("case_id", theirs));
    assertThat(ana.get("/cases/" + mine).body())
        .contains("id=\"merge-error\"", "belongs to another customer");
    assertThat(caseOf(theirs).get("status").asString()).isEqualTo("new");
  }

  // --- fixtures ---

  private String user(String username, Role role) {
    UserAccounts accounts = server.bean(UserAccounts.class);
    UserAccounts.User user =
        switch (accounts.add(username, username, "secret-" + username, EnumSet.of(role), "test")) {
          case UserAccounts.Added.Created created -> created.user();
          case UserAccounts.Added.NameTaken taken -> accounts.find(username).orElseThrow();
        };
    return accounts.createToken(user, "test", "test");
  }

  private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

  private String tokenOf(String username) {
    return tokens.computeIfAbsent(
        username,
        u -> {
          UserAccounts accounts = server.bean(UserAccounts.class);
          return accounts.createToken(accounts.find(u).orElseThrow(), "test", "test");
        });
  }

  private ConsoleSession session(String username) throws Exception {
    ConsoleSession session = new ConsoleSession(server.base);
    session.login(username, "secret-" + username);
    return session;
  }

  private RunningServer.Reply postJson(String path, String token, Object body) throws Exception {
    return server.post(path, token, "application/json", RunningServer.JSON.writeValueAsBytes(body));
  }

  private String open(String category, String email) throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Ana");
    customer.put("last_name", "García");
    customer.put("email", email);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "email");
    body.put("category", category);
    body.put("subject", "The kettle arrived broken");
    body.put("message", "Hello, the kettle I ordered arrived with a cracked lid.");
    body.put("customer", customer);
    RunningServer.Reply reply = postJson("/api/v1/cases", RunningServer.TOKEN, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("id").asString();
  }

  private JsonNode caseOf(String id) throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/cases/" + id, RunningServer.TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private JsonNode interactions(String id) throws Exception {
    return caseOf(id).get("interactions");
  }

  private void resolve(String id) throws Exception {
    RunningServer.Reply reply =
        postJson(
            "/api/v1/cases/" + id + "/status",
            RunningServer.TOKEN,
            Map.of("status", "resolved", "reason", "drill"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  /** The case's follow-up once its timer made it due (a second after resolution). */
  private String dueFollowUp(String caseId) throws Exception {
    Instant until = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(until)) {
      JsonNode items =
          server
              .get("/api/v1/cases/" + caseId + "/follow-ups", RunningServer.TOKEN)
              .json()
              .get("items");
      for (JsonNode f : items) {
        if (f.get("status").asString().equals("due")) {
          return f.get("id").asString();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the follow-up of case " + caseId + " did not come due");
  }

  private String followUpStatus(String id) throws Exception {
    return server
        .get("/api/v1/follow-ups/" + id, RunningServer.TOKEN)
        .json()
        .get("status")
        .asString();
  }

  /** Posts a form of the case page with the page's CSRF token; answers the redirect. */
  private HttpResponse<String> form(
      ConsoleSession session, String action, String caseId, Map<String, String> fields)
      throws Exception {
    return post(session, action, "/cases/" + caseId, fields);
  }

  private HttpResponse<String> post(
      ConsoleSession session, String action, String page, Map<String, String> fields)
      throws Exception {
    Matcher csrf = CSRF.matcher(session.get(page).body());
    assertThat(csrf.find()).as("the page carries a CSRF token").isTrue();
    Map<String, String> form = new LinkedHashMap<>(fields);
    form.put("_csrf", csrf.group(1));
    HttpResponse<String> answer = session.post(action, form, Map.of());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
    return answer;
  }
}
