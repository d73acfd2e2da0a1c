package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
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
 * The supervisor view in Debian's Chromium on the demo data plus two {@link SupervisorDrill} cases
 * and more (breached, escalated, compensation waiting): reached from the nav, every section filled,
 * an approval refused without a reason and then approved, and the page on a phone no wider than the
 * screen. Each state is checked with axe-core and saved as a screenshot at 1280×800 and 390×844.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupervisorBrowserTests {

  RunningServer server;
  Browsers browsers;
  SupervisorDrill drill;
  String breached;
  String waiting;

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    browsers = Browsers.launch(); // first: without Chromium the class is skipped before the server
    server = RunningServer.start(data, Map.of(), SupervisorDrill.SETTINGS);
    drill = SupervisorDrill.on(server);
    drill.budget("drill-browser", "500");
    breached = drill.openCase("drill-browser", "Parcel lost on the way");
    waiting =
        drill.requestCompensation(drill.openCase("drill-browser", "Kettle arrived broken"), "40");
    drill.requestCompensation(drill.openCase("drill-browser", "Lamp shade cracked"), "15");
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

  private Page logIn(Page page) {
    page.navigate(server.base + "/login");
    page.locator("input[name=username]").fill("supervisor");
    page.locator("input[name=password]").fill("demo");
    page.locator("#login-form button[type=submit]").click();
    assertThat(page).not().hasURL(server.base + "/login");
    return page;
  }

  /** Reloads the page until the drill case's breach is listed (its clock breaches in 2 s). */
  private void awaitBreach(Page page) {
    Locator row = page.locator("#breach-table tr[data-case-id='" + breached + "']");
    for (int i = 0; i < 100 && row.count() == 0; i++) {
      page.waitForTimeout(200);
      page.reload();
    }
    assertThat(row).isVisible();
  }

  @Test
  void aSupervisorOpensTheViewFromTheNavAndDecidesAnApproval() {
    Page page = logIn(browsers.newPage());
    page.locator("#nav-supervisor").click();
    assertThat(page).hasURL(server.base + "/supervisor");
    awaitBreach(page);
    assertThat(page.locator("#team-table tr[data-team=drill-browser]")).isVisible();
    assertThat(page.locator("#load-table tr[data-agent=agent]")).isVisible();
    Locator approval = page.locator("#approval-" + waiting);
    assertThat(approval).isVisible();
    assertThat(page.locator("#stat-open .sv-stat-value")).not().hasText("0");
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "supervisor");

    Locator escalation = page.locator("#escalations li[data-case-id='" + breached + "']");
    if (!escalation.isVisible()) { // the demo's escalations came first; the rest folds away
      page.locator("#escalations .sv-more > summary").click();
    }
    assertThat(escalation).isVisible();

    approval.locator("button[value=refuse]").click();
    assertThat(page.locator("#approval-error-" + waiting))
        .containsText("Say why you refuse the compensation.");
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "supervisor-refusal");

    page.locator("#approval-" + waiting + " button[value=approve]").click();
    assertThat(page.locator("#notice")).hasText("The compensation was approved and granted.");
    assertThat(page.locator("#approval-" + waiting)).hasCount(0);

    page.locator("#team-table tr[data-team=drill-browser] .team-link").click();
    assertThat(page.locator("#inbox tr[data-case-id='" + breached + "']")).isVisible();
  }

  @Test
  void theViewIsUsableOnAPhone() {
    Page phone = logIn(browsers.newPhonePage());
    phone.navigate(server.base + "/supervisor");
    awaitBreach(phone);
    Screenshots.save(phone, "supervisor");
    assertThat((Integer) phone.evaluate("document.documentElement.scrollWidth"))
        .as(
            "nothing makes the page wider than the phone: %s",
            phone.evaluate(
                "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect()"
                    + ".right > 391).slice(0, 4).map(e => e.tagName + '.' + e.className + ' '"
                    + " + (e.textContent || '').slice(0, 40)).join(' | ')"))
        .isLessThanOrEqualTo(390);
    assertThat(
            ((Number)
                    phone.evaluate(
                        "Math.max(...[...document.querySelectorAll('.table-wrap')].map(w =>"
                            + " w.scrollWidth - w.clientWidth))"))
                .intValue())
        .as("no table needs scrolling sideways")
        .isLessThanOrEqualTo(0);
    Axe.assertNoSeriousViolations(phone);
  }
}
