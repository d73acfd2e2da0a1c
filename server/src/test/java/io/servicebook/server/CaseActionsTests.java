package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
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
    Browser agent = new Browser();
    agent.login("agent", "demo");
    String id = caseIds(agent.get("/").body()).get(0);
    String before = level(agent.get("/cases/" + id).body());

    HttpResponse<String> refused = agent.form(id, "escalate", Map.of("reason", "  "));
    assertThat(refused.statusCode()).isEqualTo(302);
    String page = agent.get("/cases/" + id).body();
    assertThat(page).contains("id=\"escalate-error\"", "Say why the case needs escalating.");
    assertThat(level(page)).isEqualTo(before);

    agent.form(id, "escalate", Map.of("reason", "customer threatens to leave"));
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
    Browser agent = new Browser();
    agent.login("agent", "demo");
    String id = caseIds(agent.get("/").body()).get(1);
    String before = apiCase(id).get("priority").asString();
    String to = before.equals("urgent") ? "low" : "urgent";

    agent.form(id, "priority", Map.of("priority", to, "reason", ""));
    assertThat(agent.get("/cases/" + id).body()).contains("Say why the priority changes.");
    assertThat(apiCase(id).get("priority").asString()).isEqualTo(before);

    agent.form(id, "priority", Map.of("priority", to, "reason", "press is asking"));
    assertThat(agent.get("/cases/" + id).body())
        .contains("The priority was changed.", "priority-" + to);
    assertThat(apiCase(id).get("priority").asString()).isEqualTo(to);
  }

  @Test
  void assignToMeGivesTheCaseToTheSignedInUser() throws Exception {
    Browser supervisor = new Browser();
    supervisor.login("supervisor", "demo");
    String id = caseIds(supervisor.get("/?queue=unassigned").body()).get(0);

    supervisor.form(id, "assign", Map.of("me", "true"));

    assertThat(supervisor.get("/cases/" + id).body())
        .contains("The assignment was changed.", "Assigned to supervisor");
    assertThat(apiCase(id).get("assignee").asString()).isEqualTo("supervisor");
  }

  @Test
  void switchingToAnAlternativeProtocolNeedsAReasonAndStartsARunOfIt() throws Exception {
    Browser agent = new Browser();
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

    agent.form(id, "protocol", Map.of("protocol", slug, "reason", " "));
    assertThat(agent.get("/cases/" + id).body()).contains("Say why the protocol should change.");

    agent.form(id, "protocol", Map.of("protocol", slug, "reason", "it is a billing question"));
    assertThat(agent.get("/cases/" + id).body())
        .contains("The protocol was switched; a new run started.", slug + "@");
    assertThat(apiCase(id).at("/protocol/slug").asString()).isEqualTo(slug);
  }

  @Test
  void compensationIsRefusedWithoutABudgetWithTheReasonAndGrantedOnceThereIsOne() throws Exception {
    Browser agent = new Browser();
    agent.login("supervisor", "demo");
    Pattern budget =
        Pattern.compile(
            "id=\"compensation-budget-left\" data-team=\"([^\"]+)\" data-month=\"([^\"]+)\"");
    String id = null;
    Matcher where = null;
    for (String queue : List.of("mine", "unassigned", "breaching")) {
      for (String candidate : caseIds(agent.get("/?queue=" + queue).body())) {
        Matcher m = budget.matcher(agent.get("/cases/" + candidate).body());
        if (id == null && m.find()) {
          id = candidate;
          where = m;
        }
      }
    }
    assertThat(id).as("a demo case with a team offers compensation").isNotNull();

    agent.form(id, "compensation", Map.of("amount", "5", "reason", "parcel was late"));
    String refused = agent.get("/cases/" + id).body();
    assertThat(refused).contains("data-status=\"refused\"", "Refused", "budget");

    agent.form(id, "compensation", Map.of("amount", "5", "reason", ""));
    assertThat(agent.get("/cases/" + id).body()).contains("Say why the customer is compensated.");

    RunningServer.Reply set =
        server.put(
            "/api/v1/budgets/" + where.group(1) + "/" + where.group(2),
            RunningServer.TOKEN,
            Map.of("amount", "500", "currency", "EUR"));
    assertThat(set.status()).as(set.body()).isBetween(200, 201);

    agent.form(id, "compensation", Map.of("amount", "5", "reason", "parcel was late"));
    String granted = agent.get("/cases/" + id).body();
    assertThat(granted).contains("data-status=\"granted\"", "Granted", "495.00 EUR");
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

  /**
   * A browser's cookie jar and language over java.net.http. Cookies are kept whatever their Secure
   * flag: browsers send Secure cookies to http://localhost, java.net.CookieManager does not.
   */
  private static final class Browser extends CookieHandler {
    private final Map<String, String> cookies = new ConcurrentHashMap<>();
    private final String language;
    private final HttpClient http;

    Browser() {
      this("en-GB,en;q=0.9");
    }

    Browser(String language) {
      this.language = language;
      this.http =
          HttpClient.newBuilder()
              .cookieHandler(this)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
    }

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) {
      if (cookies.isEmpty()) {
        return Map.of();
      }
      return Map.of(
          "Cookie",
          List.of(
              cookies.entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining("; "))));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> headers) {
      headers.forEach(
          (name, values) -> {
            if ("Set-Cookie".equalsIgnoreCase(name)) {
              values.forEach(
                  v -> HttpCookie.parse(v).forEach(c -> cookies.put(c.getName(), c.getValue())));
            }
          });
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return http.send(
          HttpRequest.newBuilder(URI.create(server.base + path))
              .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
              .header("Accept-Language", language)
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> form, Map<String, String> headers)
        throws IOException, InterruptedException {
      String body =
          form.entrySet().stream()
              .map(
                  e ->
                      URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(server.base + path))
              .header("Accept-Language", language)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      headers.forEach(request::header);
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts one of the case page's forms with the page's CSRF token. */
    HttpResponse<String> form(String caseId, String action, Map<String, String> fields)
        throws IOException, InterruptedException {
      Matcher csrf = CSRF.matcher(get("/cases/" + caseId).body());
      assertThat(csrf.find()).isTrue();
      Map<String, String> form = new LinkedHashMap<>(fields);
      form.put("_csrf", csrf.group(1));
      HttpResponse<String> answer = post("/cases/" + caseId + "/" + action, form, Map.of());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
      return answer;
    }

    /** Fetches the login page for its CSRF token and session, then posts the form. */
    HttpResponse<String> login(String username, String password)
        throws IOException, InterruptedException {
      Matcher csrf = CSRF.matcher(get("/login").body());
      assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
      HttpResponse<String> answer =
          post(
              "/login",
              Map.of("username", username, "password", password, "_csrf", csrf.group(1)),
              Map.of());
      assertThat(answer.statusCode()).isEqualTo(302);
      return answer;
    }
  }
}
