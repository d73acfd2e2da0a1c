package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.servicebook.server.security.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The agent's daily casework in Debian's Chromium at 1280 and 390 px, as an agent: an internal note
 * with a mention (an unknown name refused first), a due follow-up skipped from the queue, the
 * finished case's record and path, a reply sent with "send and set waiting on customer", and a
 * merge of two cases of the same customer. Every state passes axe-core and nothing makes the
 * phone's page wider than the phone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseworkBrowserTests {

  /** The screens the pages must work on. */
  enum Screen {
    DESKTOP(Browsers.Viewport.DESKTOP),
    PHONE(Browsers.Viewport.PHONE);

    final Browsers.Viewport viewport;

    Screen(Browsers.Viewport viewport) {
      this.viewport = viewport;
    }

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  RunningServer server;
  Browsers browsers;
  String token;

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    browsers = Browsers.launch(); // first: without Chromium the class is skipped before the server
    server =
        RunningServer.start(
            data,
            Map.of(),
            Map.of(
                "servicebook.protocols",
                ServerContractTests.STARTER_PACK.toString(),
                "servicebook.timers.polling-interval",
                "PT0.1S"));
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(Map.of("casework-drill.yaml", CaseworkContractTests.DRILL)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    token = server.tokenFor("agent", Role.AGENT);
    server.tokenFor("colleague", Role.AGENT);
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

  @ParameterizedTest
  @EnumSource(Screen.class)
  void anAgentWritesANoteThatMentionsAColleague(Screen screen) throws Exception {
    String id = open("note-" + screen.key() + "@example.com");
    Page page = logIn(browsers.newPage(screen.viewport));
    page.navigate(server.base + "/cases/" + id);

    page.locator("#note-body").fill("@colleague and @nobody, the parcel is lost");
    page.locator("#note-submit").click();
    assertThat(page.locator("#note-error")).containsText("@nobody");
    assertThat(page.locator("#note-body")).hasAttribute("aria-invalid", "true");
    checkPage(page, screen, "casework-note-refused");

    page.locator("#note-body").fill("@colleague the parcel is lost, please call DHL");
    page.locator("#note-submit").click();
    assertThat(page.locator("#timeline .entry-note").last()).containsText("please call DHL");
    checkPage(page, screen, "casework-note");
  }

  @ParameterizedTest
  @EnumSource(Screen.class)
  void anAgentSkipsADueFollowUpFromTheQueue(Screen screen) throws Exception {
    String id = open("queue-" + screen.key() + "@example.com");
    post(
        "/api/v1/cases/" + id + "/status",
        Map.of("status", "resolved", "reason", "solved on the phone"));
    String followUp = dueFollowUp(id);
    Page page = logIn(browsers.newPage(screen.viewport));
    page.navigate(server.base + "/?queue=follow-ups");
    var card = page.locator("#follow-up-" + followUp);
    assertThat(card).containsText("is the new kettle fine?");
    card.locator("summary").click();
    checkPage(page, screen, "casework-follow-up-queue");

    card.locator("input[name=reason]").fill("customer wrote in first");
    card.locator(".follow-up-skip button").click();
    assertThat(page.locator("#notice")).isVisible();
    assertThat(page.locator("#follow-up-" + followUp)).hasCount(0);
    checkPage(page, screen, "casework-follow-up-skipped");
  }

  @ParameterizedTest
  @EnumSource(Screen.class)
  void theFinishedCaseShowsWhatTheRunCapturedAndEveryStep(Screen screen) throws Exception {
    String id = open("record-" + screen.key() + "@example.com");
    String run = get("/api/v1/cases/" + id).at("/run/id").asString();
    post(
        "/api/v1/runs/" + run + "/steps/ask-order",
        Map.of("fields", Map.of("order_number", "SB-1")));
    post("/api/v1/runs/" + run + "/steps/offer/skip", Map.of("reason", "wants a refund"));
    post("/api/v1/runs/" + run + "/steps/wrap-up", Map.of());

    Page page = logIn(browsers.newPage(screen.viewport));
    page.navigate(server.base + "/cases/" + id);
    assertThat(page.locator("#run-values")).containsText("SB-1");
    assertThat(page.locator("#run-steps [data-step=offer]")).containsText("wants a refund");
    assertThat(page.locator("#run-flowchart g.visited")).not().hasCount(0);
    checkPage(page, screen, "casework-finished-case");
  }

  @ParameterizedTest
  @EnumSource(Screen.class)
  void anAgentSendsAReplyAndSetsTheCaseWaitingOnTheCustomer(Screen screen) throws Exception {
    String id = open("reply-" + screen.key() + "@example.com");
    Page page = logIn(browsers.newPage(screen.viewport));
    page.navigate(server.base + "/cases/" + id);
    assertThat(page.locator("#case-status")).hasText("New");

    page.locator("#reply-body").fill("Could you send us a photo of the lid?");
    page.locator("#reply-send-waiting_on_customer").click();
    assertThat(page.locator("#case-status"))
        .hasClass(Pattern.compile(".*status-waiting_on_customer.*"));
    checkPage(page, screen, "casework-send-and-set");
  }

  @ParameterizedTest
  @EnumSource(Screen.class)
  void anAgentMergesTwoCasesOfTheSameCustomer(Screen screen) throws Exception {
    String email = "merge-" + screen.key() + "@example.com";
    String survivor = open(email);
    String duplicate = open(email);
    Page page = logIn(browsers.newPage(screen.viewport));
    page.navigate(server.base + "/cases/" + survivor);
    page.locator("#merge-case").selectOption(duplicate);
    page.locator("#merge-reason").fill("the same kettle");
    page.locator("#merge-submit").click();

    assertThat(page.locator("#notice")).isVisible();
    assertThat(page.locator("#timeline [data-merged-from='" + duplicate + "']")).not().hasCount(0);
    checkPage(page, screen, "casework-merged");
    page.locator("#merged-cases a").first().click();
    assertThat(page.locator("#merged-into")).isVisible();
    assertThat(page.locator("#case-status")).hasClass(Pattern.compile(".*status-closed.*"));
    checkPage(page, screen, "casework-merged-away");
  }

  // --- fixtures ---

  /**
   * Nothing on the page is wider than the screen, axe-core finds nothing serious, and a screenshot
   * is kept. Scrolling strips (the inbox's tabs, the flowchart) may be wider.
   */
  private void checkPage(Page page, Screen screen, String name) {
    assertThat((Integer) page.evaluate("document.documentElement.scrollWidth"))
        .as(
            "nothing makes the page wider than the screen: %s",
            page.evaluate(
                "[...document.querySelectorAll('body *')].filter(e => e.checkVisibility() &&"
                    + " e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 4)"
                    + ".map(e => e.tagName + '.' + e.className).join(' | ')"))
        .isLessThanOrEqualTo(screen.viewport.width());
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, name + "-" + screen.key());
  }

  private Page logIn(Page page) {
    page.navigate(server.base + "/login");
    page.locator("input[name=username]").fill("agent");
    page.locator("input[name=password]").fill("secret");
    page.locator("#login-form button[type=submit]").click();
    assertThat(page).not().hasURL(server.base + "/login");
    return page;
  }

  private String open(String email) throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Ana");
    customer.put("last_name", "García");
    customer.put("email", email);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "email");
    body.put("category", "casework-drill");
    body.put("subject", "The kettle arrived broken");
    body.put("message", "Hello, the kettle I ordered arrived with a cracked lid.");
    body.put("customer", customer);
    RunningServer.Reply reply =
        server.post(
            "/api/v1/cases", token, "application/json", RunningServer.JSON.writeValueAsBytes(body));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("id").asString();
  }

  private JsonNode get(String path) throws Exception {
    RunningServer.Reply reply = server.get(path, token);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private void post(String path, Object body) throws Exception {
    RunningServer.Reply reply =
        server.post(path, token, "application/json", RunningServer.JSON.writeValueAsBytes(body));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  private String dueFollowUp(String caseId) throws Exception {
    Instant until = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(until)) {
      for (JsonNode f : get("/api/v1/cases/" + caseId + "/follow-ups").get("items")) {
        if (f.get("status").asString().equals("due")) {
          return f.get("id").asString();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the follow-up of case " + caseId + " did not come due");
  }
}
