package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The case page's action forms in Debian's Chromium: the demo agent escalates a case with a reason
 * (an empty reason is refused first) and sees its new level, then changes its priority. The page is
 * checked with axe-core and saved as a screenshot under target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseActionsBrowserTests {

  RunningServer server;
  Browsers browsers;

  @BeforeAll
  void start(@TempDir Path data) {
    browsers = Browsers.launch(); // first: without Chromium the class is skipped before the server
    server = RunningServer.start(data, Map.of(), Map.of("servicebook.demo", true));
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

  @Test
  void anAgentEscalatesACaseWithAReasonAndChangesItsPriority() {
    Page page = browsers.newPage();
    page.navigate(server.base + "/");
    page.locator("input[name=username]").fill("agent");
    page.locator("input[name=password]").fill("demo");
    page.locator("#login-form button[type=submit]").click();
    assertThat(page.locator("#inbox")).isVisible();
    page.locator("tr[data-case-id] a").first().click();
    assertThat(page.locator("#escalation-card")).isVisible();
    String before = page.locator("#escalation-level").getAttribute("data-level");

    page.locator("#escalate-reason").evaluate("e => e.removeAttribute('required')");
    page.locator("#escalate-button").click();
    assertThat(page.locator("#escalate-error")).isVisible();
    assertThat(page.locator("#escalation-level")).hasAttribute("data-level", before);

    page.locator("#escalate-reason").fill("the customer asked for a manager");
    page.locator("#escalate-button").click();
    assertThat(page.locator("#notice")).isVisible();
    assertThat(page.locator("#escalation-level").getAttribute("data-level")).isNotEqualTo(before);

    page.locator("#priority-to").selectOption("urgent");
    page.locator("#priority-reason").fill("a journalist is asking");
    page.locator("#priority-button").click();
    assertThat(page.locator("#notice")).isVisible();
    assertThat(page.locator(".case-facts .priority-urgent")).isVisible();

    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "case-actions");
  }
}
