package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Step suggestions in Debian's Chromium on the demo: an agent suggests an improvement to the step
 * the run is on from the case page (a blank one is refused next to the text, a real one is
 * confirmed in place); the author finds it under that step on the protocol page and marks it done;
 * the review queue shows a due protocol's low survey comments and open suggestions. Axe-checked.
 */
class SuggestionBrowserTests extends DemoBrowserTests {

  @Test
  void anAgentSuggestsOnAStepAndTheAuthorSeesItOnTheProtocolPage() throws Exception {
    String caseId = openRefundCase();
    assertThat(
            server
                .get("/api/v1/cases/" + caseId, RunningServer.TOKEN)
                .json()
                .at("/protocol/slug")
                .asString())
        .isEqualTo("return-and-refund");
    Page page = logIn(browsers.newPage(), "agent");
    page.navigate(server.base + "/cases/" + caseId);
    String step = page.locator("#capture-form").getAttribute("data-step");
    assertThat(step).isNotBlank();

    page.locator("#suggest-step summary").click();
    assertThat(page.locator("#suggest-text")).isVisible();
    page.locator("#suggest-text").fill("   ");
    page.locator("#suggest-submit").click();
    assertThat(page.locator("#suggest-text-error")).isVisible();
    assertThat(page.locator("#suggest-text")).hasAttribute("aria-invalid", "true");
    Axe.assertNoSeriousViolations(page);

    String text = "The greeting sounds robotic; let the agent use the customer's own words.";
    page.locator("#suggest-text").fill(text);
    page.locator("#suggest-submit").click();
    assertThat(page.locator("#suggest-saved")).isVisible();
    assertThat(page.locator("#suggest-text-error")).hasCount(0);
    assertThat(page.locator("#suggest-text")).hasValue("");
    assertThat(page.locator("#capture-form")).hasAttribute("data-step", step);
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "case-suggestion");

    Page authorPage = logIn(browsers.newPage(), "author");
    authorPage.navigate(server.base + "/protocols/return-and-refund");
    var suggestion =
        authorPage.locator(
            "#protocol-suggestions .suggestion-step[data-step=" + step + "] .suggestion",
            new Page.LocatorOptions().setHasText(text));
    assertThat(suggestion).hasCount(1);
    assertThat(suggestion).containsText("agent");
    assertThat(suggestion).hasAttribute("data-status", "open");
    Axe.assertNoSeriousViolations(authorPage);
    Screenshots.save(authorPage, "protocol-suggestions");

    suggestion.locator(".mark-done").click();
    assertThat(authorPage.locator("#notice")).isVisible();
    assertThat(
            authorPage.locator(
                "#protocol-suggestions .suggestion", new Page.LocatorOptions().setHasText(text)))
        .hasAttribute("data-status", "done");
  }

  @Test
  void theReviewQueueShowsTheEvidenceOfADueProtocol() throws Exception {
    String dueTomorrow =
        SuggestionContractTests.DRILL
            .replace("suggest-drill", "suggest-due")
            .replace("title: Suggestion drill", "title: Suggestions due");
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(Map.of("suggest-due.yaml", dueTomorrow)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    String caseId = open("suggest-due", "chat");
    String run =
        server.get("/api/v1/cases/" + caseId, RunningServer.TOKEN).json().at("/run/id").asString();
    String agent = server.tokenFor("agent", io.servicebook.server.security.Role.AGENT);
    RunningServer.Reply suggested =
        server.postJson(
            "/api/v1/runs/" + run + "/suggestions",
            agent,
            Map.of("step", "greet", "text", "Say who is writing"));
    assertThat(suggested.status()).as(suggested.body()).isEqualTo(201);
    RunningServer.Reply sent =
        server.postJson(
            "/api/v1/cases/" + caseId + "/surveys", RunningServer.TOKEN, Map.of("kind", "csat"));
    assertThat(sent.status()).as(sent.body()).isEqualTo(201);
    RunningServer.Reply answered =
        server.postJson(
            "/api/v1/surveys/" + sent.json().get("token").asString() + "/responses",
            null,
            Map.of("score", 2, "comment", "Nobody told me what happens next"));
    assertThat(answered.status()).as(answered.body()).isEqualTo(201);

    Page page = logIn(browsers.newPage(), "author");
    page.navigate(server.base + "/kpis");
    var item = page.locator("#review-queue li[data-slug=suggest-due]");
    assertThat(item.locator(".review-comment")).hasCount(1);
    assertThat(item.locator(".review-comment")).containsText("Nobody told me what happens next");
    assertThat(item.locator(".review-comment")).containsText("CSAT 2/5");
    assertThat(item.locator(".review-suggestion")).containsText("Say who is writing");
    Axe.assertNoSeriousViolations(page);
    item.locator(".review-suggestions a").click();
    assertThat(page.locator("#protocol-suggestions")).containsText("Say who is writing");
  }

  private String openRefundCase() throws Exception {
    return open("refund", "chat");
  }

  private String open(String category, String channel) throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Jonas");
    customer.put("last_name", "Weber");
    customer.put("email", "jonas.weber." + System.nanoTime() + "@example.com");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", channel);
    body.put("category", category);
    body.put("subject", "The toaster stopped working");
    body.put("message", "Hello, it stopped after two days.");
    body.put("customer", customer);
    RunningServer.Reply reply = server.postJson("/api/v1/cases", RunningServer.TOKEN, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("id").asString();
  }
}
