package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The case page's action forms in Debian's Chromium: the demo agent escalates a case with a reason
 * (an empty reason is refused first) and sees its new level, then changes its priority. The page is
 * checked with axe-core and saved as a screenshot under target/screenshots. The agent also opens
 * the protocol's flowchart at the run's current step and schedules a follow-up (a past date
 * refused).
 */
class CaseActionsBrowserTests extends DemoBrowserTests {

  @Test
  void anAgentEscalatesACaseWithAReasonAndChangesItsPriority() {
    Page page = browsers.newPage();
    page.navigate(server.base + "/");
    page.locator("input[name=username]").fill("agent");
    page.locator("input[name=password]").fill("demo");
    page.locator("#login-form button[type=submit]").click();
    assertThat(page.locator("#inbox")).isVisible();
    page.locator("tr[data-case-id] a.case-link").first().click();
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

  @Test
  void anAgentSeesTheFlowchartAtTheCurrentStepAndSchedulesAFollowUp() {
    Page page = browsers.newPage();
    String caseUrl = caseWithAnActiveRun(page);
    String step = page.locator("#capture-form").getAttribute("data-step");

    page.locator("#run-flowchart > summary").click();
    Locator current = page.locator("#run-flowchart .node.current");
    assertThat(current).isVisible();
    assertThat(current).hasAttribute("data-step", step);
    assertThat(current).hasAttribute("aria-current", "step");
    String title = page.locator("#run-title").innerText();
    assertThat(page.locator("#chart-current")).containsText(title);

    page.locator("#submit-step").click();
    assertThat(page.locator("#capture-form")).not().hasAttribute("data-step", step);
    assertThat(page.locator("#run-flowchart")).hasAttribute("open", "");
    assertThat(page.locator("#run-flowchart .node.visited[data-step='" + step + "']")).isVisible();
    assertThat(page.locator("#run-flowchart .node.current"))
        .hasAttribute("data-step", page.locator("#capture-form").getAttribute("data-step"));
    assertThat(page.locator("#chart-path")).containsText(title);

    page.locator("#follow-up-on-date").check();
    page.locator("#follow-up-due").fill("2001-01-01T10:00");
    page.locator("#follow-up-button").click();
    assertThat(page.locator("#follow-up-due-error")).isVisible();
    assertThat(page.locator("#case-follow-ups .follow-up")).hasCount(0);

    page.locator("#follow-up-P3D").check();
    page.locator("#follow-up-note").fill("Ask whether the replacement arrived.");
    page.locator("#follow-up-button").click();
    assertThat(page.locator("#notice")).isVisible();
    assertThat(page.locator("#case-follow-ups"))
        .containsText("Ask whether the replacement arrived.");
    page.locator("#run-flowchart > summary").click();
    assertThat(page.locator("#run-flowchart .node.current")).isVisible();

    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "case-flowchart-follow-up");

    Page phone = browsers.newPhonePage();
    login(phone);
    phone.navigate(caseUrl);
    phone.locator("#run-flowchart > summary").click();
    assertThat(phone.locator("#run-flowchart .node.current")).isVisible();
    Axe.assertNoSeriousViolations(phone);
    Screenshots.save(phone, "case-flowchart-follow-up");
  }

  /**
   * Signs the demo agent in and opens the first case of the inbox whose run waits on a step that
   * asks for nothing required, so the step can be done as it is.
   */
  private String caseWithAnActiveRun(Page page) {
    login(page);
    List<String> cases =
        page.locator("tr[data-case-id] a.case-link").all().stream()
            .map(a -> a.getAttribute("href"))
            .toList();
    for (String href : cases) {
      page.navigate(server.base + href);
      if (page.locator("#run-flowchart").count() > 0
          && page.locator("#submit-step").count() > 0
          && page.locator("#capture-form [required]").count() == 0) {
        return page.url();
      }
    }
    throw new AssertionError("no demo case of the agent has an active run");
  }

  private void login(Page page) {
    page.navigate(server.base + "/");
    page.locator("input[name=username]").fill("agent");
    page.locator("input[name=password]").fill("demo");
    page.locator("#login-form button[type=submit]").click();
    assertThat(page.locator("#inbox")).isVisible();
  }
}
