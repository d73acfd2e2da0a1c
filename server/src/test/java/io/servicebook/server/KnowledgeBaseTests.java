package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public knowledge base over real HTTP on the demo pack, without logging in: it lists the
 * public protocols and never the internal ones, searches them, shows one protocol with its steps,
 * promises and channels, answers 404 for an internal one, speaks German to a German browser and
 * sends the Content-Security-Policy.
 */
class KnowledgeBaseTests {

  private static final Pattern SLUG = Pattern.compile("class=\"kb-card\" data-slug=\"([^\"]+)\"");

  private static Path data;
  private static RunningServer server;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void start() throws IOException {
    data = Files.createTempDirectory("kb-pages");
    server = RunningServer.start(data, Map.of(), Map.of("servicebook.demo", true));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String path, String language) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(server.base + path))
            .header("Accept-Language", language)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return get(path, "en-GB,en;q=0.9");
  }

  private static List<String> slugs(String body) {
    Matcher m = SLUG.matcher(body);
    return m.results().map(r -> r.group(1)).toList();
  }

  @Test
  void theKnowledgeBaseListsThePublicProtocolsWithoutALoginAndNoInternalOne() throws Exception {
    HttpResponse<String> page = get("/kb");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(slugs(page.body()))
        .contains("return-and-refund", "billing-dispute", "complaint-handling", "online-chat")
        .doesNotContain(
            "escalated-compensation",
            "vip-customers",
            "personalized-upselling",
            "channel-code-of-conduct",
            "personalized-greeting");
    assertThat(page.body())
        .contains("How can we help?", "Return and refund", "We answer within")
        .doesNotContain("Compensation for escalated cases", "Personalized upselling")
        .as("an English visitor reads English text: no language note")
        .doesNotContain("We can help you in English", "id=\"kb-written-in\"");
  }

  @Test
  void searchNarrowsTheListByTitleSummaryAndStepsIgnoringCaseAndAccents() throws Exception {
    int all = slugs(get("/kb").body()).size();
    List<String> refund = slugs(get("/kb?q=" + query("REFUND")).body());
    assertThat(refund).contains("return-and-refund").hasSizeLessThan(all);
    assertThat(slugs(get("/kb?q=" + query("return window")).body()))
        .as("a word of a step's title")
        .containsExactly("return-and-refund");
    assertThat(slugs(get("/kb?q=" + query("réturn wíndow")).body()))
        .containsExactly("return-and-refund");
    HttpResponse<String> none = get("/kb?q=" + query("zebra crossing"));
    assertThat(slugs(none.body())).isEmpty();
    assertThat(none.body()).contains("id=\"kb-empty\"", "zebra crossing");
    assertThat(slugs(get("/kb?q=" + query("upselling")).body()))
        .as("an internal protocol is not found by search either")
        .isEmpty();
  }

  @Test
  void aProtocolPageShowsWhatHappensWhatWePromiseAndHowToReachUs() throws Exception {
    HttpResponse<String> page = get("/kb/return-and-refund");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Return and refund", "How we take back an item")
        .contains("Gather the purchase details.", "Check the return window.")
        .contains(
            "We answer within 2 business hours (Mon–Fri 09:00–17:30, Berlin time).",
            "When you write again, we reply within 4 business hours",
            "We aim to solve it within 24 business hours")
        .contains("E-mail", "Chat", "Phone", "In person")
        .contains("English", "Spanish", "German");
    assertThat(page.body())
        .as("agent guidance, scripts and captured fields stay internal")
        .doesNotContain(
            "without sounding suspicious", "Could you share your order number", "order_number");
    assertThat(get("/kb/outage-communication").body())
        .contains("We answer within 30 minutes (around the clock, every day).")
        .contains("We aim to solve it within 2 days");
  }

  @Test
  void internalAndUnknownProtocolsAnswerNotFound() throws Exception {
    for (String slug : List.of("escalated-compensation", "vip-customers", "no-such-protocol")) {
      HttpResponse<String> page = get("/kb/" + slug);
      assertThat(page.statusCode()).as(slug).isEqualTo(404);
      assertThat(page.body())
          .as(slug)
          .contains("We could not find this topic")
          .doesNotContain("Compensation for escalated cases", "Exception");
    }
  }

  @Test
  void aGermanBrowserReadsTheHelpCentreInGerman() throws Exception {
    String list = get("/kb", "de-DE,de;q=0.9,en;q=0.5").body();
    assertThat(list)
        .contains("lang=\"de\"", "Wie können wir helfen?", "Im Hilfe-Center suchen")
        .contains("Wir helfen Ihnen auch auf Deutsch")
        .doesNotContain("How can we help?");
    String article = get("/kb/return-and-refund", "de-DE,de;q=0.9").body();
    assertThat(article)
        .contains("So gehen wir vor", "Was wir versprechen", "So erreichen Sie uns")
        .contains("Wir antworten innerhalb von 2 Geschäftsstunden")
        .contains("Ortszeit Berlin", "Deutsch", "Englisch")
        .contains("id=\"kb-written-in\"", "Dieses Thema ist auf Englisch geschrieben")
        .as("the protocol's own text is marked as English")
        .contains("lang=\"en\"");
    assertThat(get("/kb?lang=de").body()).contains("Wie können wir helfen?");
  }

  @Test
  void thePagesSendTheContentSecurityPolicyAndNoInlineScript() throws Exception {
    for (String path :
        List.of("/kb", "/kb?q=refund", "/kb/return-and-refund", "/kb/vip-customers")) {
      HttpResponse<String> page = get(path);
      assertThat(page.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValueSatisfying(
              csp ->
                  assertThat(csp)
                      .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
                      .doesNotContain("unsafe-inline", "unsafe-eval"));
      assertThat(page.body()).as(path).doesNotContainPattern("<script(?![^>]*\\bsrc=)");
      assertThat(page.headers().allValues("Set-Cookie"))
          .as("a visitor gets no session")
          .noneMatch(c -> c.startsWith("JSESSIONID="));
    }
  }

  private static String query(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
