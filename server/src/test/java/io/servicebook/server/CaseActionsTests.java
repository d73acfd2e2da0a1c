package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The case page's action forms over real HTTP on the demo data: escalation with and without a
 * reason, a priority change, assign to me, a protocol switch, and compensation refused without a
 * budget and granted once the team has one.
 */
class CaseActionsTests {

  private static final Pattern CASE_ID = Pattern.compile("data-case-id=\"([^\"]+)\"");
  private static final Pattern CSRF = ConsoleSession.CSRF;
  private static final Pattern LEVEL =
      Pattern.compile("id=\"escalation-level\" data-level=\"([^\"]+)\"");

  private static Path data;
  private static RunningServer server;

  @BeforeAll
  static void start() throws IOException {
    data = Files.createTempDirectory("case-actions");
    server = RunningServer.start(data, Map.of(), Map.of("servicebook.demo", true));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void escalatingWithoutAReasonIsRefusedInlineAndWithOneMovesTheCaseUpALevel() throws Exception {
    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("agent", "demo");
    String id = caseIds(agent.get("/").body()).get(0);
    String before = level(agent.get("/cases/" + id).body());

    HttpResponse<String> refused = form(agent, id, "escalate", Map.of("reason", "  "));
    assertThat(refused.statusCode()).isEqualTo(302);
    String page = agent.get("/cases/" + id).body();
    assertThat(page).contains("id=\"escalate-error\"", "Say why the case needs escalating.");
    assertThat(level(page)).isEqualTo(before);

    form(agent, id, "escalate", Map.of("reason", "customer threatens to leave"));
    page = agent.get("/cases/" + id).body();
    assertThat(page).contains("The case was escalated.").doesNotContain("id=\"escalate-error\"");
    assertThat(level(page)).isNotEqualTo(before);
    JsonNode history =
        json(server.get("/api/v1/cases/" + id + "/escalations", RunningServer.TOKEN));
    assertThat(history.at("/level/key").asString()).isEqualTo(level(page));
    assertThat(history.at("/items/0/reason").asString()).isEqualTo("customer threatens to leave");
  }

  @Test
  void thePriorityChangesWithAReasonAndNotWithout() throws Exception {
    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("agent", "demo");
    String id = caseIds(agent.get("/").body()).get(1);
    String before = apiCase(id).get("priority").asString();
    String to = before.equals("urgent") ? "low" : "urgent";

    form(agent, id, "priority", Map.of("priority", to, "reason", ""));
    assertThat(agent.get("/cases/" + id).body()).contains("Say why the priority changes.");
    assertThat(apiCase(id).get("priority").asString()).isEqualTo(before);

    form(agent, id, "priority", Map.of("priority", to, "reason", "press is asking"));
    assertThat(agent.get("/cases/" + id).body())
        .contains("The priority was changed.", "priority-" + to);
    assertThat(apiCase(id).get("priority").asString()).isEqualTo(to);
  }

  @Test
  void assignToMeGivesTheCaseToTheSignedInUser() throws Exception {
    ConsoleSession supervisor = new ConsoleSession(server.base);
    supervisor.login("supervisor", "demo");
    String id = caseIds(supervisor.get("/?queue=unassigned").body()).get(0);

    form(supervisor, id, "assign", Map.of("me", "true"));

    assertThat(supervisor.get("/cases/" + id).body())
        .contains("The assignment was changed.", "Assigned to supervisor");
    assertThat(apiCase(id).get("assignee").asString()).isEqualTo("supervisor");
  }

  @Test
  void switchingToAnAlternativeProtocolNeedsAReasonAndStartsARunOfIt() throws Exception {
    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("supervisor", "demo");
    Pattern alternative = Pattern.compile("id=\"switch-to\"[^>]*>\\s*<option value=\"([^\"]+)\"");
    String id = null;
    String slug = null;
    for (String queue : List.of("mine", "unassigned", "breaching")) {
      for (String candidate : caseIds(agent.get("/?queue=" + queue).body())) {
        Matcher m = alternative.matcher(agent.get("/cases/" + candidate).body());
        if (slug == null && m.find()) {
          id = candidate;
          slug = m.group(1);
        }
      }
    }
    assertThat(slug).as("a demo case has an alternative protocol").isNotNull();

    form(agent, id, "protocol", Map.of("protocol", slug, "reason", " "));
    assertThat(agent.get("/cases/" + id).body()).contains("Say why the protocol should change.");

    form(agent, id, "protocol", Map.of("protocol", slug, "reason", "it is a billing question"));
    assertThat(agent.get("/cases/" + id).body())
        .contains("The protocol was switched; a new run started.", slug + "@");
    assertThat(apiCase(id).at("/protocol/slug").asString()).isEqualTo(slug);
  }

  @Test
  void compensationBeyondTheBudgetIsRefusedWithTheReasonAndGrantedWithinIt() throws Exception {
    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("supervisor", "demo");
    Pattern where =
        Pattern.compile(
            "id=\"compensation-budget-left\" data-team=\"([^\"]+)\" data-month=\"([^\"]+)\"");
    Pattern currency = Pattern.compile("for=\"compensation-amount\">Amount \\(([A-Z]{3})\\)<");
    String id = null;
    Matcher team = null;
    Matcher offer = null;
    for (String queue : List.of("mine", "unassigned", "breaching")) {
      for (String candidate : caseIds(agent.get("/?queue=" + queue).body())) {
        String page = agent.get("/cases/" + candidate).body();
        Matcher m = where.matcher(page);
        Matcher c = currency.matcher(page);
        if (id == null && m.find() && c.find()) {
          id = candidate;
          team = m;
          offer = c;
        }
      }
    }
    assertThat(id).as("a demo case with a team offers compensation").isNotNull();
    String path = "/api/v1/budgets/" + team.group(1) + "/" + team.group(2);
    assertThat(
            server
                .put(path, RunningServer.TOKEN, Map.of("amount", "1", "currency", offer.group(1)))
                .status())
        .isEqualTo(200);

    form(agent, id, "compensation", Map.of("amount", "5", "reason", "parcel was late"));
    String refused = agent.get("/cases/" + id).body();
    assertThat(refused).contains("data-status=\"refused\"", "Refused", "left of its 1.00");

    form(agent, id, "compensation", Map.of("amount", "5", "reason", ""));
    assertThat(agent.get("/cases/" + id).body()).contains("Say why the customer is compensated.");

    RunningServer.Reply set =
        server.put(path, RunningServer.TOKEN, Map.of("amount", "500", "currency", offer.group(1)));
    assertThat(set.status()).as(set.body()).isBetween(200, 201);

    form(agent, id, "compensation", Map.of("amount", "5", "reason", "parcel was late"));
    String granted = agent.get("/cases/" + id).body();
    assertThat(granted).contains("data-status=\"granted\"", "Granted", "495.00 " + offer.group(1));
  }

  @Test
  void aFollowUpScheduledByHandIsListedOnTheCaseAndInTheFollowUpQueue() throws Exception {
    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("agent", "demo");
    String id = caseIds(agent.get("/").body()).get(3);

    form(agent, id, "follow-ups", Map.of("after", "P3D", "note", "ask whether the refund came"));
    form(
        agent,
        id,
        "follow-ups",
        Map.of(
            "after",
            "",
            "due_at",
            "2099-01-02T10:00",
            "zone",
            "Europe/Berlin",
            "channel",
            "phone"));

    String page = agent.get("/cases/" + id).body();
    assertThat(page)
        .contains("The follow-up was scheduled.", "ask whether the refund came", "by hand")
        .contains("datetime=\"2099-01-02T09:00:00Z\"")
        .doesNotContain("id=\"no-follow-ups\"");
    JsonNode items = json(server.get("/api/v1/cases/" + id + "/follow-ups", RunningServer.TOKEN));
    JsonNode onDate =
        items
            .get("items")
            .valueStream()
            .filter(f -> f.get("due_at").asString().equals("2099-01-02T09:00:00Z"))
            .findFirst()
            .orElseThrow();
    assertThat(onDate.at("/source/kind").asString()).isEqualTo("manual");
    assertThat(onDate.get("channel").asString()).isEqualTo("phone");
    assertThat(onDate.get("created_by").asString()).isEqualTo("agent");
    JsonNode queue =
        json(
            server.get(
                "/api/v1/follow-ups?status=scheduled&assignee=" + onDate.get("assignee").asString(),
                RunningServer.TOKEN));
    assertThat(queue.get("items").valueStream().map(f -> f.get("id").asString()))
        .contains(onDate.get("id").asString());
  }

  @Test
  void aFollowUpWithAnInvalidOrPastDateIsRefusedInlineAndNothingIsStored() throws Exception {
    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("agent", "demo");
    String id = caseIds(agent.get("/").body()).get(4);
    int before = followUpCount(id);

    form(agent, id, "follow-ups", Map.of("after", "", "due_at", "next tuesday", "note", "kept"));
    String page = agent.get("/cases/" + id).body();
    assertThat(page)
        .contains("id=\"follow-up-due-error\"", "Enter a date and time")
        .contains("aria-invalid=\"true\"", ">kept</textarea>");

    form(agent, id, "follow-ups", Map.of("after", "", "due_at", "2001-01-01T10:00"));
    assertThat(agent.get("/cases/" + id).body()).contains("That time has passed");
    assertThat(followUpCount(id)).isEqualTo(before);
  }

  @Test
  void theCasePageShowsTheProtocolsFlowchartWithTheRunsCurrentStepMarked() throws Exception {
    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("agent", "demo");
    String page = null;
    Matcher step = null;
    for (String id : caseIds(agent.get("/").body())) {
      page = agent.get("/cases/" + id).body();
      step = Pattern.compile("id=\"capture-form\"[^>]*data-step=\"([^\"]+)\"").matcher(page);
      if (step.find()) {
        break;
      }
    }
    assertThat(step.hasMatch()).as("a demo case with an active run").isTrue();

    assertThat(page).contains("<details id=\"run-flowchart\"", "class=\"servicebook-flowchart\"");
    Matcher current =
        Pattern.compile(
                "<g class=\"[^\"]*\\bcurrent\"[^>]*data-step=\"([^\"]+)\" aria-current=\"step\"")
            .matcher(page);
    assertThat(current.find()).as("one node is the current step").isTrue();
    assertThat(current.group(1)).isEqualTo(step.group(1));
    assertThat(page).contains("id=\"chart-current\"", "Current step:");
  }

  private int followUpCount(String caseId) throws Exception {
    return json(server.get("/api/v1/cases/" + caseId + "/follow-ups", RunningServer.TOKEN))
        .get("items")
        .size();
  }

  private static JsonNode apiCase(String id) throws Exception {
    return json(server.get("/api/v1/cases/" + id, RunningServer.TOKEN));
  }

  private static JsonNode json(RunningServer.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static String level(String page) {
    Matcher m = LEVEL.matcher(page);
    assertThat(m.find()).as("the page shows the escalation level").isTrue();
    return m.group(1);
  }

  private static List<String> caseIds(String html) {
    List<String> ids = new ArrayList<>();
    Matcher m = CASE_ID.matcher(html);
    while (m.find()) {
      if (!ids.contains(m.group(1))) {
        ids.add(m.group(1));
      }
    }
    return ids;
  }

  /** Posts one of the case page's forms with the page's CSRF token. */
  private static HttpResponse<String> form(
      ConsoleSession session, String caseId, String action, Map<String, String> fields)
      throws IOException, InterruptedException {
    Matcher csrf = CSRF.matcher(session.get("/cases/" + caseId).body());
    assertThat(csrf.find()).isTrue();
    Map<String, String> form = new LinkedHashMap<>(fields);
    form.put("_csrf", csrf.group(1));
    HttpResponse<String> answer = session.post("/cases/" + caseId + "/" + action, form, Map.of());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
    return answer;
  }
}
