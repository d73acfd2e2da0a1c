package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.security.Role;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Step suggestions over real HTTP, run against every database: H2 ({@link
 * H2SuggestionIntegrationTests}) and PostgreSQL ({@link PostgresSuggestionIntegrationTests}). An
 * agent attaches a suggestion to a step of their run; the protocol's people read them per protocol,
 * newest first, and mark them done or dismiss them; the run panel, the protocol page and the review
 * queue on the KPI dashboard show them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SuggestionContractTests {

  /** Two steps; due for review tomorrow, so it is in the review queue. */
  static final String DRILL =
      """
      protocol: suggest-drill
      title: Suggestion drill
      owner: support-operations
      review_every: P1D
      applies_when: case.category == "suggest-drill"
      priority: 90
      channels: [email]
      languages: [en]
      steps:
        - id: greet
          title: Greet the customer
          script: {en: "Hello, we are on it."}
        - id: close
          title: Close the case
          script: {en: "All done, thank you."}
          action: {resolve: true}
      """;

  /** The drill again under another name, for the review queue test alone. */
  static final String REVIEWED =
      DRILL
          .replace("protocol: suggest-drill", "protocol: suggest-reviewed")
          .replace("\"suggest-drill\"", "\"suggest-reviewed\"")
          .replace("title: Suggestion drill", "title: Suggestion review drill");

  static final String LIST = "/api/v1/protocols/suggest-drill/suggestions";

  RunningServer server;
  String agent;
  String otherAgent;
  String author;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    server =
        RunningServer.start(
            dataDir,
            database(),
            Map.of("servicebook.protocols", ServerContractTests.STARTER_PACK.toString()));
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(
                Map.of("suggest-drill.yaml", DRILL, "suggest-reviewed.yaml", REVIEWED)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    agent = server.tokenFor("suggest-agent", Role.AGENT);
    otherAgent = server.tokenFor("suggest-other", Role.AGENT);
    author = server.tokenFor("suggest-author", Role.AUTHOR);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  // --- suggesting ---

  @Test
  void anAgentSuggestsOnAStepAndTheOwnerReadsThemNewestFirst() throws Exception {
    Opened kase = open("suggest-drill");
    RunningServer.Reply made = suggest(agent, kase.run(), "greet", "This script sounds robotic.");
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    JsonNode first = made.json();
    assertThat(first.get("step").asString()).isEqualTo("greet");
    assertThat(first.at("/protocol/slug").asString()).isEqualTo("suggest-drill");
    assertThat(first.at("/protocol/version").asInt()).isEqualTo(1);
    assertThat(first.get("case_id").asString()).isEqualTo(kase.id());
    assertThat(first.get("run_id").asString()).isEqualTo(kase.run());
    assertThat(first.get("author").asString()).isEqualTo("suggest-agent");
    assertThat(first.get("text").asString()).isEqualTo("This script sounds robotic.");
    assertThat(first.get("status").asString()).isEqualTo("open");
    String firstId = first.get("id").asString();
    assertThat(server.get("/api/v1/suggestions/" + firstId, agent).json().get("text").asString())
        .isEqualTo("This script sounds robotic.");

    Thread.sleep(20);
    String secondId =
        suggest(otherAgent, kase.run(), "close", "  Say when the refund arrives.  ")
            .json()
            .get("id")
            .asString();

    JsonNode listed = server.get(LIST, author).json().get("suggestions");
    List<String> ids = listed.valueStream().map(s -> s.get("id").asString()).toList();
    assertThat(ids).containsSubsequence(secondId, firstId);
    JsonNode newest = listed.get(0);
    assertThat(newest.get("id").asString()).isEqualTo(secondId);
    assertThat(newest.get("text").asString()).isEqualTo("Say when the refund arrives.");
    assertThat(newest.get("step").asString()).isEqualTo("close");
    assertThat(newest.get("author").asString()).isEqualTo("suggest-other");
    assertThat(newest.get("case_id").asString()).isEqualTo(kase.id());
  }

  @Test
  void aSuggestionIsAudited() throws Exception {
    Opened kase = open("suggest-drill");
    String id = suggest(agent, kase.run(), "greet", "Greet by name.").json().get("id").asString();
    List<AuditLog.Entry> entries = server.bean(AuditLog.class).entries("suggestion", id);
    assertThat(entries).extracting(AuditLog.Entry::eventType).containsExactly("suggestion.made");
    assertThat(entries.getFirst().actor()).isEqualTo("suggest-agent");
    assertThat(entries.getFirst().details())
        .contains(kase.id(), kase.run(), "\"step_id\":\"greet\"", "Greet by name.");
    assertThat(server.bean(AuditLog.class).verify()).as("the chain is intact").isEmpty();
  }

  @Test
  void refusesBlankOrTooLongTextAndAStepNotInTheRunsVersion() throws Exception {
    Opened kase = open("suggest-drill");
    int before = server.get(LIST, author).json().get("suggestions").size();

    RunningServer.Reply blank = suggest(agent, kase.run(), "greet", "   ");
    assertProblem(blank, 400, "invalid-suggestion");
    assertThat(blank.json().at("/errors/0/field").asString()).isEqualTo("text");
    assertThat(blank.json().at("/errors/0/code").asString()).isEqualTo("text.blank");

    RunningServer.Reply tooLong = suggest(agent, kase.run(), "greet", "x".repeat(2001));
    assertProblem(tooLong, 400, "invalid-suggestion");
    assertThat(tooLong.json().at("/errors/0/code").asString()).isEqualTo("text.long");
    assertThat(tooLong.json().at("/errors/0/message").asString()).contains("2001", "2000");

    RunningServer.Reply unknownStep = suggest(agent, kase.run(), "refund", "Make it faster.");
    assertProblem(unknownStep, 400, "invalid-suggestion");
    assertThat(unknownStep.json().at("/errors/0/field").asString()).isEqualTo("step");
    assertThat(unknownStep.json().at("/errors/0/message").asString())
        .contains("“refund”", "suggest-drill version 1", "greet, close");

    RunningServer.Reply both =
        server.postJson("/api/v1/runs/" + kase.run() + "/suggestions", agent, Map.of("text", 42));
    assertProblem(both, 400, "invalid-suggestion");
    assertThat(both.json().at("/errors/0/field").asString()).isEqualTo("text");

    assertThat(server.get(LIST, author).json().get("suggestions").size())
        .as("nothing was stored")
        .isEqualTo(before);
    assertThat(suggest(agent, kase.run(), "greet", "y".repeat(2000)).status())
        .as("2000 characters are fine")
        .isEqualTo(201);
  }

  @Test
  void anUnknownRunIsNotFound() throws Exception {
    assertProblem(suggest(agent, "no-such-run", "greet", "Hello"), 404, "run-not-found");
  }

  @Test
  void onlyThoseWhoWorkCasesSuggest() throws Exception {
    Opened kase = open("suggest-drill");
    assertThat(suggest(author, kase.run(), "greet", "Hello").status()).isEqualTo(403);
    assertThat(suggest(null, kase.run(), "greet", "Hello").status()).isEqualTo(401);
  }

  // --- closing ---

  @Test
  void anAuthorMarksOneDoneAndTheAgentWithdrawsTheirOwn() throws Exception {
    Opened kase = open("suggest-drill");
    String id = suggest(agent, kase.run(), "greet", "Shorter, please.").json().get("id").asString();
    RunningServer.Reply done =
        server.postJson("/api/v1/suggestions/" + id + "/done", author, Map.of("note", "in v2"));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.json().get("status").asString()).isEqualTo("done");
    assertThat(done.json().get("closed_by").asString()).isEqualTo("suggest-author");
    assertThat(done.json().get("note").asString()).isEqualTo("in v2");
    List<AuditLog.Entry> entries = server.bean(AuditLog.class).entries("suggestion", id);
    assertThat(entries)
        .extracting(AuditLog.Entry::eventType)
        .containsExactly("suggestion.made", "suggestion.done");
    assertThat(entries.getLast().reason()).isEqualTo("in v2");

    String own = suggest(agent, kase.run(), "close", "Never mind.").json().get("id").asString();
    RunningServer.Reply withdrawn =
        server.postJson("/api/v1/suggestions/" + own + "/dismiss", agent, Map.of());
    assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
    assertThat(withdrawn.json().get("status").asString()).isEqualTo("dismissed");
    assertThat(server.get(LIST + "?status=open", author).body()).doesNotContain(id, own);
    assertThat(server.get(LIST + "?status=dismissed", author).body()).contains(own);
  }

  @Test
  void closingHasFourClearErrors() throws Exception {
    Opened kase = open("suggest-drill");
    String id = suggest(agent, kase.run(), "greet", "Warmer words.").json().get("id").asString();

    assertProblem(
        server.postJson("/api/v1/suggestions/no-such-id/done", author, Map.of()),
        404,
        "suggestion-not-found");
    RunningServer.Reply notYours =
        server.postJson("/api/v1/suggestions/" + id + "/dismiss", otherAgent, Map.of());
    assertProblem(notYours, 403, "suggestion-not-yours");
    assertThat(notYours.json().get("detail").asString()).contains("suggest-agent");
    RunningServer.Reply longNote =
        server.postJson(
            "/api/v1/suggestions/" + id + "/done", author, Map.of("note", "n".repeat(2001)));
    assertProblem(longNote, 400, "invalid-suggestion-note");
    assertThat(longNote.json().at("/errors/0/field").asString()).isEqualTo("note");

    assertThat(server.postJson("/api/v1/suggestions/" + id + "/dismiss", author, Map.of()).status())
        .isEqualTo(200);
    RunningServer.Reply again =
        server.postJson("/api/v1/suggestions/" + id + "/done", author, Map.of());
    assertProblem(again, 409, "suggestion-closed");
    assertThat(again.json().get("status").asString()).isEqualTo("dismissed");
    assertThat(server.bean(AuditLog.class).entries("suggestion", id))
        .as("refusals change nothing")
        .hasSize(2);
  }

  @Test
  void listingAnUnknownProtocolOrABadStatusIsRefused() throws Exception {
    assertProblem(
        server.get("/api/v1/protocols/no-such-protocol/suggestions", author),
        404,
        "protocol-not-found");
    RunningServer.Reply bad = server.get(LIST + "?status=maybe", author);
    assertProblem(bad, 400, "invalid-query");
    assertThat(bad.json().at("/errors/0/message").asString()).contains("open, done or dismissed");
  }

  // --- the pages ---

  @Test
  void theRunPanelsFormAnswersInPlaceWithTheErrorOrTheConfirmation() throws Exception {
    Opened kase = open("suggest-drill");
    ConsoleSession console = new ConsoleSession(server.base);
    console.login("suggest-agent", "secret");
    String page = console.get("/cases/" + kase.id()).body();
    assertThat(page)
        .contains("id=\"suggest-form\"", "Suggest an improvement to this step")
        .contains("action=\"/cases/" + kase.id() + "/steps/greet/suggestions\"");
    String path = "/cases/" + kase.id() + "/steps/greet/suggestions";
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", csrf(page));
    form.put("run", kase.run());
    form.put("text", " ");

    HttpResponse<String> refused = console.post(path, form, Map.of("HX-Request", "true"));
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body())
        .startsWith("<form id=\"suggest-form\"")
        .contains("aria-invalid=\"true\"", "id=\"suggest-text-error\"", "Write the suggestion")
        .doesNotContain("id=\"suggest-saved\"");

    form.put("text", "The greeting is too long for chat");
    HttpResponse<String> saved = console.post(path, form, Map.of("HX-Request", "true"));
    assertThat(saved.body())
        .startsWith("<form id=\"suggest-form\"")
        .contains("id=\"suggest-saved\"", "role=\"status\"")
        .doesNotContain("aria-invalid");
    assertThat(server.get(LIST, author).body()).contains("The greeting is too long for chat");

    form.put("text", "Without htmx, too");
    HttpResponse<String> plain = console.post(path, form, Map.of());
    assertThat(plain.statusCode()).isEqualTo(302);
    assertThat(plain.headers().firstValue("Location").orElseThrow())
        .endsWith("/cases/" + kase.id() + "#suggest-form");
    assertThat(console.get("/cases/" + kase.id()).body()).contains("id=\"suggest-saved\"");

    Opened other = open("suggest-drill");
    form.put("run", other.run());
    assertThat(console.post(path, form, Map.of("HX-Request", "true")).statusCode())
        .as("a run of another case")
        .isEqualTo(404);
  }

  @Test
  void theProtocolPageListsSuggestionsPerStepAndAnAuthorClosesThem() throws Exception {
    Opened kase = open("suggest-drill");
    String id =
        suggest(agent, kase.run(), "close", "Offer a discount code at the end")
            .json()
            .get("id")
            .asString();
    ConsoleSession console = new ConsoleSession(server.base);
    console.login("suggest-author", "secret");
    String page = console.get("/protocols/suggest-drill").body();
    assertThat(page).contains("id=\"protocol-suggestions\"", "Suggestions from agents");
    String section = page.substring(page.indexOf("id=\"protocol-suggestions\""));
    assertThat(section.indexOf("data-step=\"greet\""))
        .as("steps in the protocol's order")
        .isLessThan(section.indexOf("data-step=\"close\""));
    assertThat(section)
        .contains("id=\"suggestion-" + id + "\"", "Offer a discount code at the end")
        .contains("by suggest-agent on version 1", "href=\"/cases/" + kase.id() + "\"")
        .contains("/protocols/suggest-drill/suggestions/" + id + "/done");

    HttpResponse<String> done =
        console.post(
            "/protocols/suggest-drill/suggestions/" + id + "/done",
            Map.of("_csrf", csrf(page)),
            Map.of());
    assertThat(done.statusCode()).isEqualTo(302);
    assertThat(server.get("/api/v1/suggestions/" + id, author).json().get("status").asString())
        .isEqualTo("done");
    String after = console.get("/protocols/suggest-drill").body();
    assertThat(after).contains("The suggestion is marked done.");
    assertThat(after.substring(after.indexOf("id=\"suggestion-" + id + "\"")))
        .contains("data-status=\"done\"");

    ConsoleSession other = new ConsoleSession(server.base);
    other.login("suggest-other", "secret");
    String seen = other.get("/protocols/suggest-drill").body();
    assertThat(seen).contains("Offer a discount code at the end");
    String openOne =
        suggest(agent, kase.run(), "greet", "Another open one").json().get("id").asString();
    assertThat(other.get("/protocols/suggest-drill").body())
        .as("another agent may not close it")
        .doesNotContain("/suggestions/" + openOne + "/done");
  }

  @Test
  void theReviewQueueShowsTheLowestScoredCommentsAndTheOpenSuggestions() throws Exception {
    Opened fine = open("suggest-reviewed");
    Opened awful = open("suggest-reviewed");
    Opened slow = open("suggest-reviewed");
    Opened lukewarm = open("suggest-reviewed");
    answer(fine.id(), "csat", 4, "Fine in the end");
    answer(awful.id(), "csat", 1, "Awful from start to finish");
    answer(slow.id(), "csat", 2, "Far too slow");
    answer(lukewarm.id(), "nps", 3, "Would not recommend");
    answer(fine.id(), "csat", 1, null);
    suggest(agent, fine.run(), "greet", "Drop the second apology");
    Thread.sleep(20);
    suggest(otherAgent, awful.run(), "close", "Tell them when the money arrives");

    ConsoleSession console = new ConsoleSession(server.base);
    console.login("suggest-author", "secret");
    String page = console.get("/kpis").body();
    int at = page.indexOf("data-slug=\"suggest-reviewed\"");
    assertThat(at).as("the drill is due for review").isPositive();
    int end = page.indexOf("</section>", at);
    int next = page.indexOf("<li data-slug=", at + 1);
    String item = page.substring(at, next > 0 && next < end ? next : end);
    assertThat(item).contains("Lowest-scored survey comments", "href=\"/cases/" + awful.id());
    assertThat(
            List.of(
                item.indexOf("Awful from start to finish"),
                item.indexOf("Far too slow"),
                item.indexOf("Would not recommend"),
                item.indexOf("Fine in the end")))
        .as("lowest on its scale first: CSAT 1/5, CSAT 2/5, NPS 3/10, CSAT 4/5")
        .allMatch(i -> i > 0)
        .isSorted();
    assertThat(item).contains("CSAT 1/5", "NPS 3/10");
    assertThat(item)
        .contains("2 open suggestions from agents")
        .contains("Tell them when the money arrives", "Drop the second apology");
    assertThat(item.indexOf("Tell them when the money arrives"))
        .as("newest first")
        .isLessThan(item.indexOf("Drop the second apology"));
  }

  // --- fixtures ---

  record Opened(String id, String run) {}

  private Opened open(String category) throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Ana");
    customer.put("last_name", "García");
    customer.put("email", "ana-" + System.nanoTime() + "@example.com");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "email");
    body.put("category", category);
    body.put("subject", "Where is my refund?");
    body.put("message", "Hello, my refund has not arrived.");
    body.put("customer", customer);
    RunningServer.Reply reply = server.postJson("/api/v1/cases", RunningServer.TOKEN, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    String id = reply.json().get("id").asString();
    String run =
        server.get("/api/v1/cases/" + id, RunningServer.TOKEN).json().at("/run/id").asString();
    assertThat(run).isNotBlank();
    return new Opened(id, run);
  }

  private RunningServer.Reply suggest(String token, String run, String step, String text)
      throws Exception {
    return server.postJson(
        "/api/v1/runs/" + run + "/suggestions", token, Map.of("step", step, "text", text));
  }

  /** Sends a survey about the case by hand and answers it as the customer, without a login. */
  private void answer(String caseId, String kind, int score, String comment) throws Exception {
    RunningServer.Reply sent =
        server.postJson(
            "/api/v1/cases/" + caseId + "/surveys", RunningServer.TOKEN, Map.of("kind", kind));
    assertThat(sent.status()).as(sent.body()).isEqualTo(201);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("score", score);
    if (comment != null) {
      body.put("comment", comment);
    }
    RunningServer.Reply answered =
        server.postJson(
            "/api/v1/surveys/" + sent.json().get("token").asString() + "/responses", null, body);
    assertThat(answered.status()).as(answered.body()).isEqualTo(201);
  }

  private static String csrf(String page) {
    Matcher m = ConsoleSession.CSRF.matcher(page);
    assertThat(m.find()).as("the page carries a CSRF token").isTrue();
    return m.group(1);
  }

  private static void assertProblem(RunningServer.Reply reply, int status, String type) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().get("type").asString()).endsWith("/problems/" + type);
  }
}
