package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console in Debian's Chromium, as the demo agent uses it: log in, find cases in the inbox with
 * their SLA badges, work a case's protocol step by step (an invalid value shows an inline error and
 * keeps what was typed, a valid one moves on, a skip needs a reason), answer the customer. Every
 * page is checked with axe-core (no serious or critical violations) and saved as a screenshot under
 * target/screenshots, at 1280×800 and 390×844.
 */
class ConsoleBrowserTests extends DemoBrowserTests {

  /** Signs in from the inbox's address: the login page is where an unsigned visitor lands. */
  private Page logInFromTheInbox(Page page, String username) {
    page.navigate(server.base + "/");
    assertThat(page).hasURL(server.base + "/login");
    page.locator("input[name=username]").fill(username);
    page.locator("input[name=password]").fill("demo");
    page.locator("#login-form button[type=submit]").click();
    assertThat(page.locator("#inbox")).isVisible();
    return page;
  }

  @Test
  void theLoginPageIsAccessibleAndAWrongPasswordSaysSo() {
    Page page = browsers.newPage();
    page.navigate(server.base + "/login");
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "login");
    page.locator("input[name=username]").fill("agent");
    page.locator("input[name=password]").fill("wrong");
    page.locator("#login-form button[type=submit]").click();
    assertThat(page.locator("#login-error")).isVisible();
  }

  @Test
  void theInboxListsCasesWithLiveSlaBadgesAndOpensOneFromTheKeyboard() {
    Page page = logInFromTheInbox(browsers.newPage(), "agent");
    page.locator("#tab-unassigned").click();
    assertThat(page.locator("tr[data-case-id]").first()).isVisible();
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "inbox-unassigned");

    page.locator("#tab-breaching").click();
    assertThat(page.locator(".sla-badge[data-sla-state]").first()).isVisible();
    List<String> states =
        page.locator(".sla-badge[data-sla-state]").all().stream()
            .map(badge -> badge.getAttribute("data-sla-state"))
            .distinct()
            .toList();
    // the demo has cases past their first response and cases still inside it
    assertThat(states).contains("sla-breached");
    assertThat(page.locator(".sla-badge.sla-breached").first()).isVisible();
    Screenshots.save(page, "inbox-breaching");

    page.keyboard().press("j");
    page.keyboard().press("Enter");
    assertThat(page.locator("#run-panel")).isVisible();
    assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/cases/[0-9a-f-]+$"));

    Page phone = logInFromTheInbox(browsers.newPhonePage(), "agent");
    assertThat(phone.locator("tr[data-case-id]").first()).isVisible();
    Axe.assertNoSeriousViolations(phone);
    Screenshots.save(phone, "inbox");
  }

  @Test
  void anSlaBadgeTurnsAmberAtItsWarningAndRedAtItsBreachWhileThePageIsOpen() {
    Page page = logInFromTheInbox(browsers.newPage(), "agent");
    page.clock().install(); // before the inbox loads: its countdown timer runs on the test's clock
    page.navigate(server.base + "/?queue=mine");
    var time = page.locator(".sla-badge.sla-ok time[data-warn]").first();
    assertThat(time).isVisible();
    String due = time.getAttribute("data-due");
    var badge = page.locator(".sla-badge:has(time[data-due='" + due + "'])").first();
    long warnAt = java.time.Instant.parse(time.getAttribute("data-warn")).toEpochMilli();
    long dueAt = java.time.Instant.parse(due).toEpochMilli();

    page.clock().setSystemTime(warnAt + 60_000);
    page.clock().runFor(31_000); // the badges are recounted every 30 s
    assertThat(badge).hasAttribute("data-sla-state", "sla-warning");
    assertThat(badge).hasClass(java.util.regex.Pattern.compile(".*sla-warning.*"));

    page.clock().setSystemTime(dueAt + 60_000);
    page.clock().runFor(31_000);
    assertThat(badge).hasAttribute("data-sla-state", "sla-breached");
    assertThat(badge.locator("time")).containsText("overdue");
  }

  @Test
  void anAgentWorksACaseThroughItsProtocol() throws Exception {
    String caseId = openRefundCase();
    Page page = logInFromTheInbox(browsers.newPage(), "agent");
    page.navigate(server.base + "/cases/" + caseId);
    assertThat(page.locator("#run-panel")).isVisible();
    assertThat(page.locator("#script-text")).containsText("Mia");
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "case-greet");

    // the greeting captures nothing: submitting it moves to the gathering step
    page.locator("#submit-step").click();
    assertThat(page.locator("#capture-form[data-step=gather]")).isVisible();
    assertThat(page.locator("#script-text")).containsText("order number");

    // an order number the protocol's pattern refuses: an inline error, the typed value kept
    page.locator("#field-order_number").fill("no");
    page.locator("#field-purchase_date").fill("2026-11-01");
    page.locator("#field-reason").selectOption("damaged");
    page.locator("#submit-step").click();
    assertThat(page.locator("#field-order_number-error")).isVisible();
    assertThat(page.locator("#field-order_number")).hasValue("no");
    assertThat(page.locator("#capture-form[data-step=gather]")).isVisible();
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "case-inline-error");

    page.locator("#field-order_number").fill("ORD-123456");
    page.locator("#submit-step").click();
    assertThat(page.locator("#capture-form[data-step=photo]")).isVisible();

    // skipping needs a reason; with one, the run decides by itself (a damaged item is our
    // mistake) and goes on
    page.locator("details.deviate summary").click();
    page.locator("#skip-reason").fill("the customer is in the store with the item");
    page.locator("#skip-form button[type=submit]").click();
    assertThat(page.locator("#capture-form[data-step=photo]")).isHidden();
    assertThat(page.locator("#run-title")).not().isEmpty();

    // the reply composer records an outbound message on the case
    page.locator("#reply-body").fill("Thank you Mia, the refund is on its way.");
    page.locator("#reply-send").click();
    assertThat(page.locator("#timeline")).containsText("the refund is on its way");

    Page phone = logInFromTheInbox(browsers.newPhonePage(), "agent");
    phone.navigate(server.base + "/cases/" + caseId);
    assertThat(phone.locator("#run-panel")).isVisible();
    Axe.assertNoSeriousViolations(phone);
    Screenshots.save(phone, "case");

    RunningServer.Reply events =
        server.get("/api/v1/cases/" + caseId + "/events", RunningServer.TOKEN);
    assertThat(events.body())
        .contains("run.step_submitted", "run.step_skipped", "the customer is in the store");
  }

  @Test
  void unknownPagesAnswerWithAClearPage() {
    Page page = logInFromTheInbox(browsers.newPage(), "agent");
    page.navigate(server.base + "/cases/no-such-case");
    assertThat(page.locator("#error-heading")).isVisible();
    assertThat(page.getByRole(AriaRole.MAIN)).not().containsText("Exception");
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "not-found");
  }

  /** A refund case by e-mail from Mia, on the starter pack's return-and-refund protocol. */
  private String openRefundCase() throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Mia");
    customer.put("last_name", "Keller");
    customer.put("email", "mia.keller.browser@example.com");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "email");
    body.put("category", "refund");
    body.put("subject", "The kettle arrived broken");
    body.put("message", "Hello, the lid is cracked.");
    body.put("customer", customer);
    RunningServer.Reply reply =
        server.post(
            "/api/v1/cases",
            RunningServer.TOKEN,
            "application/json",
            RunningServer.JSON.writeValueAsBytes(body));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.json().at("/protocol/slug").asString()).isEqualTo("return-and-refund");
    return reply.json().get("id").asString();
  }
}
