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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The protocol pages over real HTTP on the demo pack: the list with owner, version, audience, lint
 * status and review date; a protocol rendered for reading with its SLA, fields, steps, inline
 * flowchart, versions and lint findings; the 404 page for an unknown protocol or version.
 */
class ProtocolPagesTests {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern ROW = Pattern.compile("<tr data-slug=\"([^\"]+)\"");

  private static Path data;
  private static RunningServer server;

  @BeforeAll
  static void start() throws IOException {
    data = Files.createTempDirectory("protocol-pages");
    server = RunningServer.start(data, Map.of(), Map.of("servicebook.demo", true));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theProtocolPagesNeedASession() throws Exception {
    HttpResponse<String> list = new Browser().get("/protocols");
    assertThat(list.statusCode()).isEqualTo(302);
    assertThat(list.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
  }

  @Test
  void theListShowsEveryPublishedProtocolWithLintStatusAndReviewDate() throws Exception {
    Browser author = new Browser();
    author.login("author", "demo");
    HttpResponse<String> list = author.get("/protocols");
    assertThat(list.statusCode()).isEqualTo(200);
    String body = list.body();
    List<String> slugs = ROW.matcher(body).results().map(m -> m.group(1)).toList();
    assertThat(slugs)
        .hasSize(16)
        .contains("return-and-refund", "billing-dispute", "vip-customers")
        .doesNotHaveDuplicates();
    String refund = row(body, "return-and-refund");
    assertThat(refund)
        .contains("href=\"/protocols/return-and-refund\"", "Return and refund")
        .contains("support-operations", "v1", "Public")
        .containsPattern("class=\"lint-badge lint-(clean|warnings|errors)\"")
        .containsPattern("data-lint-state=\"(clean|warnings|errors)\"")
        // review_every P6M after a publication a moment ago: due in the future, not overdue
        .contains("review review-ok", "<time datetime=\"")
        .doesNotContain("review-overdue");
    assertThat(body).contains("href=\"/protocols\"", ">Protocols<");
  }

  @Test
  void aProtocolPageShowsItsStepsFieldsSlaFlowchartVersionsAndLint() throws Exception {
    Browser agent = new Browser();
    agent.login("agent", "demo");
    HttpResponse<String> page = agent.get("/protocols/return-and-refund");
    assertThat(page.statusCode()).isEqualTo(200);
    String body = page.body();
    assertThat(body)
        .contains("id=\"protocol-title\">Return and refund</h1>")
        .contains("How we take back an item you are not happy with")
        .contains(
            "case.category in [&quot;return&quot;, &quot;refund&quot;, &quot;exchange&quot;]");
    // the SLA with its calendar, general and urgent targets, and what a breach does
    assertThat(section(body, "protocol-sla"))
        .contains("eu-business", "2h", "4h", "1d", "30m", "8h", "Urgent", "75 %")
        .contains("Escalate", "team-lead", "Notify", "supervisor");
    // fields with their types and rules
    assertThat(section(body, "protocol-fields"))
        .contains("data-field=\"order_number\"", "Order number", ">string<", "Required")
        .contains("data-field=\"reason\"", ">enum<", "damaged · wrong_item")
        .contains("data-field=\"purchase_date\"", ">date<");
    // every step, with its title; scripts per language, captures and decisions
    String steps = section(body, "protocol-steps");
    assertThat(Pattern.compile("<li class=\"step\"").matcher(steps).results().count())
        .isGreaterThan(3);
    assertThat(steps)
        .contains("class=\"proto-script-text\"", "class=\"proto-capture\">order_number<")
        .contains(">es<", ">de<")
        .containsPattern("href=\"#step-[a-z_-]+\"");
    // the flowchart inline, as SVG without scripts or style attributes the CSP would block
    String flowchart = section(body, "protocol-flowchart");
    assertThat(flowchart)
        .contains("<svg", "class=\"servicebook-flowchart\"", "role=\"img\"")
        .doesNotContain("<?xml", "<script", "<style")
        .doesNotContainPattern("\\sstyle=")
        .doesNotContainPattern("\\son[a-z]+=");
    // versions with links, lint counts and findings with line numbers
    assertThat(section(body, "protocol-versions"))
        .contains("href=\"/protocols/return-and-refund?version=1\"", "aria-current=\"page\"");
    String lint = section(body, "protocol-lint");
    Matcher counts =
        Pattern.compile("data-errors=\"(\\d+)\" data-warnings=\"(\\d+)\"").matcher(lint);
    assertThat(counts.find()).isTrue();
    int findings = Integer.parseInt(counts.group(1)) + Integer.parseInt(counts.group(2));
    assertThat(
            Pattern.compile("class=\"finding-line\">Line \\d+:\\d+<")
                .matcher(lint)
                .results()
                .count())
        .isGreaterThanOrEqualTo(findings);
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).doesNotContain("unsafe-inline"));
  }

  @Test
  void aVersionCanBeAskedForAndUnknownProtocolsAndVersionsAnswer404() throws Exception {
    Browser author = new Browser();
    author.login("author", "demo");
    HttpResponse<String> first = author.get("/protocols/billing-dispute?version=1");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).contains("id=\"protocol-version\">v1<");
    for (String path :
        List.of(
            "/protocols/no-such-protocol",
            "/protocols/billing-dispute?version=99",
            "/protocols/billing-dispute?version=x")) {
      HttpResponse<String> missing = author.get(path);
      assertThat(missing.statusCode()).as(path).isEqualTo(404);
      assertThat(missing.body()).as(path).contains("id=\"error-heading\"", "There is nothing here");
    }
  }

  @Test
  void theGermanPageUsesGermanWords() throws Exception {
    Browser author = new Browser("de-DE,de;q=0.9");
    author.login("author", "demo");
    assertThat(author.get("/protocols").body()).contains("Protokolle", "Überprüfung fällig");
    assertThat(author.get("/protocols/return-and-refund").body())
        .contains("Schritte (", "Ablaufdiagramm", "Versionen", "Felder");
  }

  /** The table row of a protocol in the list. */
  private static String row(String body, String slug) {
    int start = body.indexOf("<tr data-slug=\"" + slug + "\"");
    assertThat(start).as("row of " + slug).isNotNegative();
    return body.substring(start, body.indexOf("</tr>", start));
  }

  /** A section of the protocol page by its id, up to the next section. */
  private static String section(String body, String id) {
    int start = body.indexOf("id=\"" + id + "\"");
    assertThat(start).as("section " + id).isNotNegative();
    int end = body.indexOf("</section>", start);
    return body.substring(start, end);
  }

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
