package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The protocol pages over real HTTP on the demo pack: the list with owner, version, audience, lint
 * status and review date; a protocol rendered for reading with its SLA, fields, steps, inline
 * flowchart, versions and lint findings; the 404 page for an unknown protocol or version.
 */
class ProtocolPagesTests {

  private static final Pattern CSRF = ConsoleSession.CSRF;
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
    HttpResponse<String> list = new ConsoleSession(server.base).get("/protocols");
    assertThat(list.statusCode()).isEqualTo(302);
    assertThat(list.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
  }

  @Test
  void theListShowsEveryPublishedProtocolWithLintStatusAndReviewDate() throws Exception {
    ConsoleSession author = new ConsoleSession(server.base);
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
    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("agent", "demo");
    HttpResponse<String> page = agent.get("/protocols/return-and-refund");
    assertThat(page.statusCode()).isEqualTo(200);
    String body = page.body();
    assertThat(body)
        .contains("id=\"protocol-title\">Return and refund</h1>")
        .contains("How we take back an item you are not happy with")
        .contains(
            "case.category in [&quot;return&quot;, &quot;refund&quot;, &quot;exchange&quot;]");
    // the SLA with its calendar, general and urgent targets (in business hours: the calendar is
    // not open around the clock), and what a breach does
    assertThat(section(body, "protocol-sla"))
        .contains("eu-business", "Urgent", "75 %")
        .contains(">2 business hours<", ">4 business hours<", ">24 business hours<")
        .contains(">30 business minutes<", ">8 business hours<")
        .doesNotContain(">1d<")
        .contains("Escalate", "team_lead", "Notify", "supervisor");
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
    ConsoleSession author = new ConsoleSession(server.base);
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
    ConsoleSession author = new ConsoleSession(server.base, "de-DE,de;q=0.9");
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
}
