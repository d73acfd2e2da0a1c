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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

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
    Browser anonymous = new Browser();
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
    Browser agent = new Browser();
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
    Browser stranger = new Browser();
    HttpResponse<String> refused = stranger.login("agent", "wrong");
    assertThat(refused.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    assertThat(stranger.get("/login?error").body())
        .contains("id=\"login-error\"", "That user name and password do not match");
  }

  @Test
  void everyPageHasAContentSecurityPolicyWithoutInlineScripts() throws Exception {
    Browser agent = new Browser();
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
    Browser agent = new Browser();
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
  void anInvalidCapturedValueIsRefusedWithItsMessageNextToTheFieldAndTheValueKept()
      throws Exception {
    Browser agent = new Browser();
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
  void aGermanBrowserSeesTheGermanPages() throws Exception {
    Browser agent = new Browser("de-DE,de;q=0.9,en;q=0.5");
    assertThat(agent.get("/login").body())
        .contains("lang=\"de\"", "Bei Servicebook anmelden", "Passwort");
    agent.login("agent", "demo");
    String inbox = agent.get("/").body();
    assertThat(inbox).contains("Eingang", "Bald überfällig", "Betreff").doesNotContain(">Subject<");
    Browser english = new Browser("en");
    assertThat(english.get("/login?lang=de").body()).contains("Bei Servicebook anmelden");
  }

  @Test
  void unknownPagesAndCasesAnswerTheNotFoundPageWithoutAStackTrace() throws Exception {
    Browser agent = new Browser();
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

  private static Optional<Capture> findCapture(Browser agent) throws Exception {
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
