package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The public survey page in Debian's Chromium, as a customer meets it from the invitation: logged
 * out, on a phone (390×844) and a desktop (1280×800), in the customer's language whatever the
 * browser asks for. Every page is checked with axe-core (no serious or critical violations) and
 * saved as a screenshot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SurveyBrowserTests {

  RunningServer server;
  Browsers browsers;

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    browsers = Browsers.launch(); // first: without Chromium the class is skipped before the server
    server =
        RunningServer.start(
            data,
            Map.of(),
            Map.of("servicebook.protocols", ServerContractTests.STARTER_PACK.toString()));
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(Map.of("survey-nps.yaml", SurveyContractTests.WITH_NPS)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
  }

  @AfterEach
  void closePages() {
    if (browsers != null) {
      browsers.closePages();
    }
  }

  @AfterAll
  void stop() {
    if (browsers != null) {
      browsers.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Opens a case for a customer speaking {@code language}, resolves it, answers its survey. */
  private JsonNode surveyFor(String language, String email) throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Ana");
    customer.put("last_name", "García");
    customer.put("email", email);
    customer.put("language", language);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "email");
    body.put("category", "survey-nps");
    body.put("subject", "The kettle arrived broken");
    body.put("message", "Hello, the kettle I ordered arrived with a cracked lid.");
    body.put("customer", customer);
    RunningServer.Reply opened = postJson("/api/v1/cases", body);
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    RunningServer.Reply resolved =
        postJson(
            "/api/v1/cases/" + opened.json().get("id").asString() + "/status",
            Map.of("status", "resolved", "reason", "drill"));
    assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
    assertThat(resolved.json().get("surveys")).hasSize(1);
    return resolved.json().get("surveys").get(0);
  }

  private RunningServer.Reply postJson(String path, Object body) throws Exception {
    return server.postJson(path, RunningServer.TOKEN, body);
  }

  private static String path(JsonNode survey) {
    return "/s/" + survey.get("token").asString();
  }

  private static int pageWidth(Page page) {
    return (Integer) page.evaluate("document.documentElement.scrollWidth");
  }

  @Test
  void aCustomerAnswersOnADesktopAndReopeningTheLinkSaysItIsAnswered() throws Exception {
    JsonNode survey = surveyFor("en", "desk-" + System.nanoTime() + "@example.com");
    Page page = browsers.newPage();

    Response shown = page.navigate(server.base + path(survey));

    assertThat(shown.status()).isEqualTo(200);
    assertThat(page).hasURL(server.base + path(survey)); // no login on the way
    assertThat(page.locator("#survey-heading")).hasText("How did we do, Ana?");
    assertThat(page.locator("#survey-form legend"))
        .hasText("How likely is it that you would recommend us to a friend or colleague?");
    assertThat(page.locator("#survey-form input[type=radio][name=score]")).hasCount(11);
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "survey");

    page.getByLabel("9", new Page.GetByLabelOptions().setExact(true)).check();
    page.locator("#survey-comment").fill("Quick and friendly, thank you.");
    page.locator("#survey-form button[type=submit]").click();

    assertThat(page).hasURL(server.base + path(survey) + "/thanks");
    assertThat(page.locator("#survey-thanks")).hasText("Thank you!");
    assertThat(page.locator(".survey-given")).hasText("Your score: 9 out of 10.");
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "survey-thanks");
    assertThat(statusOf(survey)).isEqualTo("answered");

    page.navigate(server.base + path(survey));
    assertThat(page.locator("#survey-answered")).hasText("You have answered this survey already");
    assertThat(page.locator("#survey-form")).hasCount(0);
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "survey-answered");
  }

  @Test
  void onAPhoneThePageSpeaksTheCustomersLanguageNotTheBrowsers() throws Exception {
    JsonNode survey = surveyFor("de", "phone-" + System.nanoTime() + "@example.com");
    Page phone =
        browsers
            .newContext(
                new Browser.NewContextOptions()
                    .setViewportSize(390, 844)
                    .setLocale("en-US")
                    .setExtraHTTPHeaders(Map.of("Accept-Language", "en-US,en;q=0.9")))
            .newPage();

    phone.navigate(server.base + path(survey));

    assertThat(phone.locator("html")).hasAttribute("lang", "de");
    assertThat(phone.locator("#survey-heading")).hasText("Wie waren wir, Ana?");
    assertThat(phone.locator("#survey-form button[type=submit]")).hasText("Antwort senden");
    assertThat(pageWidth(phone)).isLessThanOrEqualTo(390);
    assertThat(phone.locator("label[for=score-10]").boundingBox().height)
        .as("a score is easy to tap")
        .isGreaterThanOrEqualTo(44);
    Axe.assertNoSeriousViolations(phone);
    Screenshots.save(phone, "survey-de");

    phone.locator("#survey-form button[type=submit]").click(); // nothing chosen: the browser asks
    assertThat(phone).hasURL(server.base + path(survey));
    phone.getByLabel("10", new Page.GetByLabelOptions().setExact(true)).check();
    phone.locator("#survey-form button[type=submit]").click();

    assertThat(phone.locator("#survey-thanks")).hasText("Vielen Dank!");
    assertThat(pageWidth(phone)).isLessThanOrEqualTo(390);
    Axe.assertNoSeriousViolations(phone);
    Screenshots.save(phone, "survey-thanks-de");

    phone.navigate(server.base + path(survey));
    assertThat(phone.locator("#survey-answered"))
        .hasText("Sie haben diese Umfrage bereits beantwortet");
    Axe.assertNoSeriousViolations(phone);
    Screenshots.save(phone, "survey-answered-de");
  }

  @Test
  void aCustomerOptsOutFromThePageAndTheNextCaseSendsNoSurvey() throws Exception {
    String email = "opt-" + System.nanoTime() + "@example.com";
    JsonNode survey = surveyFor("en", email);
    Page phone = browsers.newPhonePage();
    phone.navigate(server.base + path(survey));

    phone.locator("#survey-opt-out button[type=submit]").click();

    assertThat(phone).hasURL(server.base + path(survey) + "/unsubscribed");
    assertThat(phone.locator("#survey-unsubscribed"))
        .hasText("You will get no more surveys from us");
    Axe.assertNoSeriousViolations(phone);
    Screenshots.save(phone, "survey-unsubscribed");
    assertThat(statusOf(survey)).isEqualTo("opted_out");

    Map<String, Object> customer =
        Map.of("first_name", "Ana", "last_name", "García", "email", email);
    RunningServer.Reply next =
        postJson(
            "/api/v1/cases",
            Map.of(
                "channel", "email",
                "category", "survey-nps",
                "subject", "Another question",
                "message", "Hello again.",
                "customer", customer));
    RunningServer.Reply resolved =
        postJson(
            "/api/v1/cases/" + next.json().get("id").asString() + "/status",
            Map.of("status", "resolved", "reason", "drill"));
    assertThat(resolved.json().get("surveys")).isEmpty();
  }

  @Test
  void anExpiredOrUnknownLinkSaysSoClearly() throws Exception {
    JsonNode survey = surveyFor("en", "late-" + System.nanoTime() + "@example.com");
    Instant now = server.bean(Clock.class).instant();
    server
        .bean(JdbcClient.class)
        .sql("UPDATE survey SET sent_at = :sent, expires_at = :expires WHERE token = :token")
        .param("sent", Timestamp.from(now.minus(Duration.ofDays(31))))
        .param("expires", Timestamp.from(now.minus(Duration.ofDays(1))))
        .param("token", survey.get("token").asString())
        .update();
    Page page = browsers.newPage();

    page.navigate(server.base + path(survey));

    assertThat(page.locator("#survey-expired")).hasText("This survey has expired");
    assertThat(page.locator("#survey-form")).hasCount(0);
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "survey-expired");

    Response missing = page.navigate(server.base + "/s/" + "A".repeat(43));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(page.locator("#survey-missing-heading")).hasText("Survey not found");
    Axe.assertNoSeriousViolations(page);
  }

  private String statusOf(JsonNode survey) {
    return server
        .bean(JdbcClient.class)
        .sql("SELECT status FROM survey WHERE token = :token")
        .param("token", survey.get("token").asString())
        .query(String.class)
        .single()
        .toLowerCase(java.util.Locale.ROOT);
  }
}
