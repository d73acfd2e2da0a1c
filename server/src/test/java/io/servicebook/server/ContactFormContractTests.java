package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.channels.CaseReferences;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The help centre's contact form over real HTTP on every database ({@link
 * H2ContactFormIntegrationTests}, {@link PostgresContactFormIntegrationTests}): a web case opened
 * and thanked with its reference, the form's checks, CSRF and honeypot, a form sent twice, and the
 * limits per address and per network address (2 and 3 an hour here; the clock moves past the window
 * before each test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContactFormContractTests {

  RunningServer server;
  SettableClock clock;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    server =
        RunningServer.start(
            dataDir,
            database(),
            Map.of(
                "servicebook.protocols",
                ServerContractTests.STARTER_PACK.toString(),
                "servicebook.contact.per-address",
                2,
                "servicebook.contact.per-ip",
                3),
            clock);
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(Map.of("call-drill.yaml", ContactContractTests.CALLS)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
  }

  @BeforeEach
  void pastTheLimitsWindow() {
    clock.advance(Duration.ofHours(2));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theContactFormOpensAWebCaseAndThanksWithItsReference() throws Exception {
    ConsoleSession visitor = new ConsoleSession(server.base);

    HttpResponse<String> sent =
        contact(visitor, "Robin Fischer", "robin@example.com", "call-drill", "Where is my parcel?");

    assertThat(sent.statusCode()).isEqualTo(302);
    assertThat(sent.headers().firstValue("Location").orElseThrow()).endsWith("/kb/contact/thanks");
    String thanks = visitor.get("/kb/contact/thanks").body();
    Matcher reference = java.util.regex.Pattern.compile("<code>([^<]+)</code>").matcher(thanks);
    assertThat(reference.find()).as(thanks).isTrue();
    assertThat(reference.group(1)).matches("SB-[0-9A-Z]+");
    JsonNode kase = apiCase(caseOf(reference.group(1)));
    assertThat(kase.get("channel").asString()).isEqualTo("web");
    assertThat(kase.get("category").asString()).isEqualTo("call-drill");
    assertThat(kase.get("subject").asString()).isEqualTo("Where is my parcel?");
    assertThat(kase.at("/customer/email").asString()).isEqualTo("robin@example.com");
    assertThat(kase.at("/customer/first_name").asString()).isEqualTo("Robin");
    assertThat(kase.at("/customer/last_name").asString()).isEqualTo("Fischer");
    assertThat(kase.at("/protocol/slug").asString()).isEqualTo("call-drill");
    assertThat(kase.at("/interactions/0/body").asString()).isEqualTo("It has been two weeks.");
  }

  @Test
  void theSameFormSentTwiceOpensOneCase() throws Exception {
    ConsoleSession visitor = new ConsoleSession(server.base);
    Map<String, String> form = form("Uma Twice", "uma@example.com", "call-drill", "Double click");
    form.put("_csrf", csrf(visitor));
    form.put("submission", "0b1f4c1e-8a53-4c49-9d47-1f2a3b4c5d6e");
    long before = cases();

    HttpResponse<String> first = visitor.post("/kb/contact", form, Map.of());
    String reference = referenceOn(visitor.get("/kb/contact/thanks").body());
    HttpResponse<String> again = visitor.post("/kb/contact", form, Map.of());

    assertThat(first.statusCode()).isEqualTo(302);
    assertThat(again.statusCode()).isEqualTo(302);
    assertThat(referenceOn(visitor.get("/kb/contact/thanks").body())).isEqualTo(reference);
    assertThat(cases()).isEqualTo(before + 1);
  }

  @Test
  void theContactFormRefusesBadFieldsNextToThemAndOpensNothing() throws Exception {
    ConsoleSession visitor = new ConsoleSession(server.base);
    long before = cases();

    HttpResponse<String> refused = contact(visitor, " ", "not-an-address", "no-such", "");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body())
        .contains("id=\"contact-name-error\"", "Write your name.")
        .contains("id=\"contact-email-error\"", "Write the address like name@example.com.")
        .contains("id=\"contact-category-error\"", "Choose what your message is about.")
        .contains("id=\"contact-subject-error\"", "Write a subject.")
        .contains("value=\"not-an-address\"");
    assertThat(cases()).isEqualTo(before);
  }

  @Test
  void theContactFormNeedsItsCsrfTokenAndIgnoresARobotFillingTheTrap() throws Exception {
    ConsoleSession visitor = new ConsoleSession(server.base);
    long before = cases();
    Map<String, String> form = form("Bo Bot", "bot@example.com", "call-drill", "Cheap pills");

    HttpResponse<String> forged = visitor.post("/kb/contact", form, Map.of());
    form.put("_csrf", csrf(visitor));
    form.put("website", "http://spam.example");
    HttpResponse<String> trapped = visitor.post("/kb/contact", form, Map.of());

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(trapped.statusCode()).isEqualTo(302);
    assertThat(visitor.get("/kb/contact/thanks").body()).doesNotContain("id=\"contact-reference\"");
    assertThat(cases()).isEqualTo(before);
  }

  @Test
  void theContactFormLimitsEachAddressAndEachNetworkAddress() throws Exception {
    ConsoleSession visitor = new ConsoleSession(server.base);
    long before = cases();

    assertThat(contact(visitor, "Ada", "ada@example.com", "call-drill", "1").statusCode())
        .isEqualTo(302);
    assertThat(contact(visitor, "Ada", "ADA@example.com", "call-drill", "2").statusCode())
        .isEqualTo(302);
    HttpResponse<String> perAddress = contact(visitor, "Ada", "ada@example.com", "call-drill", "3");
    assertThat(contact(visitor, "Bea", "bea@example.com", "call-drill", "4").statusCode())
        .isEqualTo(302);
    HttpResponse<String> perIp = contact(visitor, "Cy", "cy@example.com", "call-drill", "5");
    ConsoleSession elsewhere =
        new ConsoleSession(server.base, "en", InetAddress.getByName("127.0.0.2"));
    HttpResponse<String> fromElsewhere =
        contact(elsewhere, "Cy", "cy@example.com", "call-drill", "6");

    assertThat(perAddress.statusCode()).isEqualTo(429);
    assertThat(perAddress.body())
        .contains("id=\"contact-limit\"", "from this address in the last 60 minutes");
    assertThat(perIp.statusCode()).isEqualTo(429);
    assertThat(perIp.body()).contains("Many messages came from your network");
    assertThat(fromElsewhere.statusCode()).isEqualTo(302);
    assertThat(cases()).isEqualTo(before + 4);

    clock.advance(Duration.ofMinutes(61));
    assertThat(contact(visitor, "Ada", "ada@example.com", "call-drill", "7").statusCode())
        .isEqualTo(302);
  }

  @Test
  void theContactFormOffersThePublicProtocolsCategoriesInGerman() throws Exception {
    ConsoleSession visitor = new ConsoleSession(server.base, "de-DE,de;q=0.9");

    String page = visitor.get("/kb/contact").body();

    assertThat(page)
        .contains("Schreiben Sie uns", "value=\"call-drill\"", "value=\"refund\"", ">Erstattung<")
        .doesNotContain("value=\"\" selected");
  }

  // --- fixtures ---

  private HttpResponse<String> contact(
      ConsoleSession visitor, String name, String email, String category, String subject)
      throws Exception {
    Map<String, String> form = form(name, email, category, subject);
    form.put("_csrf", csrf(visitor));
    return visitor.post("/kb/contact", form, Map.of());
  }

  private static Map<String, String> form(
      String name, String email, String category, String subject) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("name", name);
    form.put("email", email);
    form.put("category", category);
    form.put("subject", subject);
    form.put("message", "It has been two weeks.");
    form.put("website", "");
    return form;
  }

  private static String csrf(ConsoleSession visitor) throws Exception {
    Matcher csrf = ConsoleSession.CSRF.matcher(visitor.get("/kb/contact").body());
    assertThat(csrf.find()).as("the contact form carries a CSRF token").isTrue();
    return csrf.group(1);
  }

  private static String referenceOn(String thanks) {
    Matcher reference = java.util.regex.Pattern.compile("<code>([^<]+)</code>").matcher(thanks);
    assertThat(reference.find()).as(thanks).isTrue();
    return reference.group(1);
  }

  private String caseOf(String reference) {
    return server.bean(CaseReferences.class).caseOf(reference).orElseThrow();
  }

  private JsonNode apiCase(String id) throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/cases/" + id, RunningServer.TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private long cases() {
    return server
        .bean(JdbcClient.class)
        .sql("SELECT COUNT(*) FROM service_case")
        .query(Long.class)
        .single();
  }
}
