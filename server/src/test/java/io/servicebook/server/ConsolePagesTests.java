package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent console over real HTTP on the demo data: form login with CSRF and a session cookie, the
 * inbox, a case page with its run panel, inline validation of a captured value, the German pages,
 * the Content-Security-Policy and the error pages.
 */
class ConsolePagesTests {

  private static final Pattern CASE_ID = Pattern.compile("data-case-id=\"([^\"]+)\"");
  private static final Pattern CSRF = ConsoleSession.CSRF;

  private static Path data;
  private static RunningServer server;

  @BeforeAll
  static void start() throws IOException {
    data = Files.createTempDirectory("console-pages");
    server = RunningServer.start(data, Map.of(), Map.of("servicebook.demo", true));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theInboxWithoutASessionRedirectsToTheLoginPage() throws Exception {
    ConsoleSession anonymous = new ConsoleSession(server.base);
    HttpResponse<String> inbox = anonymous.get("/");
    assertThat(inbox.statusCode()).isEqualTo(302);
    assertThat(inbox.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    HttpResponse<String> login = anonymous.get("/login");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("name=\"username\"", "name=\"password\"", "name=\"_csrf\"");
  }

  @Test
  void loggingInWithTheFormShowsTheInboxWithRows() throws Exception {
    ConsoleSession agent = new ConsoleSession(server.base);
    HttpResponse<String> login = agent.login("agent", "demo");
    assertThat(login.headers().allValues("Set-Cookie"))
        .anySatisfy(
            c ->
                assertThat(c)
                    .startsWith("JSESSIONID=")
                    .contains("HttpOnly", "Secure", "SameSite=Lax"));
    HttpResponse<String> inbox = agent.get("/");
    assertThat(inbox.statusCode()).isEqualTo(200);
    assertThat(inbox.body()).contains("id=\"inbox\"", "Agent", "sla-badge");
    assertThat(caseIds(inbox.body())).hasSizeGreaterThan(5);
  }

  @Test
  void aWrongPasswordShowsAMessageOnTheLoginPage() throws Exception {
    ConsoleSession stranger = new ConsoleSession(server.base);
    HttpResponse<String> refused = stranger.login("agent", "wrong");
    assertThat(refused.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    assertThat(stranger.get("/login?error").body())
        .contains("id=\"login-error\"", "That user name and password do not match");
  }

  @Test
  void everyPageHasAContentSecurityPolicyWithoutInlineScripts() throws Exception {
    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("agent", "demo");
    for (String path :
        List.of("/login", "/", "/cases/" + caseIds(agent.get("/").body()).getFirst(), "/nowhere")) {
      HttpResponse<String> page = agent.get(path);
      assertThat(page.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValueSatisfying(
              csp ->
                  assertThat(csp)
                      .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
                      .doesNotContain("unsafe-inline", "unsafe-eval"));
      assertThat(page.body()).as(path).doesNotContainPattern("<script(?![^>]*\\bsrc=)");
    }
  }

  @Test
  void aCasePageShowsItsRunPanelCustomerAndClocks() throws Exception {
    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("agent", "demo");
    String id = caseIds(agent.get("/").body()).getFirst();
    HttpResponse<String> page = agent.get("/cases/" + id);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains(
            "id=\"run-panel\"", "id=\"run-title\"", "id=\"customer-card\"", "id=\"sla-clocks\"")
        .contains("id=\"reply-form\"", "id=\"timeline\"");
  }

  @Test
  void aReplyOnAnEmailCaseShowsItsDeliveryStateAndThePageShowsTheCaseReference() throws Exception {
    Map<String, Object> customer =
        Map.of("first_name", "Ines", "last_name", "Vidal", "email", "ines@example.com");
    String id =
        server
            .postJson(
                "/api/v1/cases",
                RunningServer.TOKEN,
                Map.of(
                    "channel", "email",
                    "category", "general_inquiry",
                    "subject", "Opening hours",
                    "message", "When do you open on Saturdays?",
                    "customer", customer))
            .json()
            .get("id")
            .asString();
    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("agent", "demo");
    String before = agent.get("/cases/" + id).body();
    assertThat(before).containsPattern("id=\"case-reference\"[^>]*>SB-[0-9A-Z]{6}<");
    assertThat(before).doesNotContain("pill delivery");
    Matcher csrf = CSRF.matcher(before);
    assertThat(csrf.find()).isTrue();
    HttpResponse<String> sent =
        agent.post(
            "/cases/" + id + "/reply",
            Map.of("body", "We open from 9 to 14 on Saturdays.", "_csrf", csrf.group(1)),
            Map.of());
    assertThat(sent.statusCode()).isEqualTo(302);
    assertThat(agent.get("/cases/" + id).body())
        .containsPattern("class=\"pill delivery delivery-(queued|sent|failed)\"");
  }

  @Test
  void anInvalidCapturedValueIsRefusedWithItsMessageNextToTheFieldAndTheValueKept()
      throws Exception {
    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("supervisor", "demo");
    Capture capture =
        findCapture(agent).orElseThrow(() -> new AssertionError("no case asks for a typed value"));
    String typed = "not a " + capture.type();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", capture.csrf());
    form.put("run", capture.run());
    form.put("f." + capture.field(), typed);
    HttpResponse<String> answer = agent.post(capture.action(), form, Map.of("HX-Request", "true"));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body())
        .startsWith("<section id=\"run-panel\"")
        .contains("class=\"field-error\" id=\"field-" + capture.field() + "-error\"")
        .contains("value=\"" + typed + "\"");
    assertThat(agent.get(capture.page()).body()).as("nothing was stored").doesNotContain(typed);
  }

  @Test
  void theNextPageContinuesTheSameQueueWithItsFilters() throws Exception {
    ConsoleSession supervisor = new ConsoleSession(server.base);
    supervisor.login("supervisor", "demo");
    String first = supervisor.get("/?queue=mine&tier=standard").body();
    Matcher next =
        Pattern.compile("id=\"next-page\" rel=\"next\"\\s+href=\"([^\"]+)\"").matcher(first);
    assertThat(next.find())
        .as("the demo supervisor has more than a page of standard cases")
        .isTrue();
    String href = next.group(1).replace("&amp;", "&");
    assertThat(href).startsWith("/?queue=mine&tier=standard&cursor=");
    List<String> second = caseIds(supervisor.get(href).body());
    assertThat(second).isNotEmpty().doesNotContainAnyElementsOf(caseIds(first));
  }

  @Test
  void goingOffScriptNeedsANoteAndIsKeptInTheRunsHistory() throws Exception {
    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("supervisor", "demo");
    Capture capture =
        findCapture(agent).orElseThrow(() -> new AssertionError("no case with an active run"));
    String path = capture.action() + "/off-script";
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", capture.csrf());
    form.put("run", capture.run());
    form.put("note", " ");
    String refused = agent.post(path, form, Map.of("HX-Request", "true")).body();
    assertThat(refused).contains("id=\"off-script-note\"", "aria-invalid=\"true\"", "Say why");

    form.put("note", "called the courier myself instead of opening a ticket");
    HttpResponse<String> noted = agent.post(path, form, Map.of("HX-Request", "true"));
    assertThat(noted.statusCode()).isEqualTo(200);
    assertThat(noted.body()).startsWith("<section id=\"run-panel\"");
    String caseId = capture.page().substring(capture.page().lastIndexOf('/') + 1);
    assertThat(server.get("/api/v1/cases/" + caseId + "/events", RunningServer.TOKEN).body())
        .contains("run.went_off_script", "called the courier myself");
  }

  @Test
  void aRefusedValueIsExplainedInTheAgentsLanguage() throws Exception {
    ConsoleSession agent = new ConsoleSession(server.base, "de-DE,de;q=0.9");
    agent.login("supervisor", "demo");
    Capture capture =
        findCapture(agent).orElseThrow(() -> new AssertionError("no case asks for a typed value"));
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", capture.csrf());
    form.put("run", capture.run());
    form.put("f." + capture.field(), "falsch");
    String body = agent.post(capture.action(), form, Map.of("HX-Request", "true")).body();
    Matcher error =
        Pattern.compile("id=\"field-" + capture.field() + "-error\"[^>]*>([^<]+)<").matcher(body);
    assertThat(error.find()).as(body).isTrue();
    assertThat(error.group(1))
        .contains("„falsch“")
        .containsPattern("ist kein|ist keine|liegt|erwartete Form")
        .doesNotContain("is not", "write");
  }

  @Test
  void aGermanBrowserSeesTheGermanPages() throws Exception {
    ConsoleSession agent = new ConsoleSession(server.base, "de-DE,de;q=0.9,en;q=0.5");
    assertThat(agent.get("/login").body())
        .contains("lang=\"de\"", "Bei Servicebook anmelden", "Passwort");
    agent.login("agent", "demo");
    String inbox = agent.get("/").body();
    assertThat(inbox).contains("Eingang", "Bald überfällig", "Betreff").doesNotContain(">Subject<");
    ConsoleSession english = new ConsoleSession(server.base, "en");
    assertThat(english.get("/login?lang=de").body()).contains("Bei Servicebook anmelden");
  }

  @Test
  void unknownPagesAndCasesAnswerTheNotFoundPageWithoutAStackTrace() throws Exception {
    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("agent", "demo");
    HttpResponse<String> missing = agent.get("/cases/no-such-case");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body())
        .contains("There is nothing here")
        .doesNotContain("Exception", "at io.");
  }

  @Test
  void theApiStaysOnTokensAndProblemJson() throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/cases?limit=1", null);
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(server.get("/api/v1/cases?limit=1", RunningServer.TOKEN).status()).isEqualTo(200);
  }

  /** A case whose current step captures a value the engine checks (a date, number or pattern). */
  record Capture(String page, String action, String run, String field, String type, String csrf) {}

  @Test
  void theInboxFiltersByTheCustomersLanguageAndTierAndKeepsTheFiltersInTheQueueLinks()
      throws Exception {
    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("agent", "demo");

    String german = agent.get("/?queue=unassigned&language=de").body();
    List<String> ids = caseIds(german);
    assertThat(ids).isNotEmpty();
    for (String id : ids) {
      assertThat(customerOf(id).get("language").asString()).isEqualTo("de");
    }
    assertThat(german)
        .contains("<label for=\"filter-language\">", "<label for=\"filter-tier\">")
        .contains("<option value=\"de\" selected=\"selected\">de</option>")
        .containsPattern("id=\"tab-mine\"[^>]*href=\"/\\?queue=mine[^\"]*language=de")
        .containsPattern("id=\"clear-filters\" href=\"/\\?queue=unassigned\"");

    String vips = agent.get("/?queue=unassigned&tier=VIP").body();
    List<String> vipIds = caseIds(vips);
    assertThat(vipIds).isNotEmpty().isNotEqualTo(caseIds(agent.get("/?queue=unassigned").body()));
    for (String id : vipIds) {
      assertThat(customerOf(id).get("tier").asString()).isEqualToIgnoringCase("vip");
    }
    assertThat(agent.get("/?queue=unassigned").body()).doesNotContain("id=\"clear-filters\"");
  }

  private static tools.jackson.databind.JsonNode customerOf(String caseId) throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/cases/" + caseId, RunningServer.TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().get("customer");
  }

  private static Optional<Capture> findCapture(ConsoleSession agent) throws Exception {
    Pattern input =
        Pattern.compile(
            "<input type=\"(?:text|date)\" id=\"field-([a-z0-9_]+)\" name=\"f\\.\\1\"[^>]*"
                + "data-field-type=\"(date|number|integer|money)\"");
    Pattern action = Pattern.compile("id=\"capture-form\"[^>]*action=\"([^\"]+)\"");
    Pattern run = Pattern.compile("name=\"run\" value=\"([^\"]+)\"");
    Set<String> ids = new LinkedHashSet<>();
    for (String queue : List.of("mine", "unassigned", "breaching")) {
      ids.addAll(caseIds(agent.get("/?queue=" + queue).body()));
    }
    for (String id : ids) {
      String page = agent.get("/cases/" + id).body();
      Matcher field = input.matcher(page);
      Matcher form = action.matcher(page);
      Matcher csrf = CSRF.matcher(page);
      Matcher runId = run.matcher(page);
      if (field.find() && form.find() && csrf.find() && runId.find()) {
        return Optional.of(
            new Capture(
                "/cases/" + id,
                form.group(1).replace("&amp;", "&"),
                runId.group(1),
                field.group(1),
                field.group(2),
                csrf.group(1)));
      }
    }
    return Optional.empty();
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
}
