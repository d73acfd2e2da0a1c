package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.servicebook.compensation.CompensationRules;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The administration's budgets, calendars and audit pages in Debian's Chromium on the demo: the
 * demo admin sets a team's budget on the page (a bad amount refused at its field first), and the
 * demo agent then grants compensation on a demo case of that team within it — end to end, without
 * the API — and the admin sees the grant in the budget's ledger. Every page is checked with
 * axe-core at 1280 and 390 px and fits the phone's width; an agent is refused the pages.
 */
class AdminMoneyBrowserTests extends DemoBrowserTests {

  /** The screens the pages must work on. */
  enum Screen {
    DESKTOP(Browsers.Viewport.DESKTOP),
    PHONE(Browsers.Viewport.PHONE);

    final Browsers.Viewport viewport;

    Screen(Browsers.Viewport viewport) {
      this.viewport = viewport;
    }
  }

  private static final Pattern CURRENCY = Pattern.compile("\\(([A-Z]{3})\\)");

  @Test
  void theDemoAdminSetsATeamsBudgetAndTheDemoAgentGrantsCompensationWithinIt() {
    Page agent = logIn(browsers.newPage(), "agent");
    String caseUrl = caseWithATeamThatOffersCompensation(agent);
    Locator left = agent.locator("#compensation-budget-left");
    String team = left.getAttribute("data-team");
    String month = left.getAttribute("data-month");
    Matcher currency =
        CURRENCY.matcher(agent.locator("label[for=compensation-amount]").innerText());
    assertThat(currency.find()).isTrue();
    String code = currency.group(1);

    Page admin = logIn(browsers.newPage(), "admin");
    admin.navigate(server.base + "/admin");
    admin.locator("#admin-budgets a").click();
    assertThat(admin.locator("#budget-month")).hasAttribute("data-month", month);
    admin.locator("#budget-team").fill(team);
    admin.locator("#budget-amount").fill("lots");
    admin.locator("#budget-currency").fill(code);
    admin.locator("#budget-save").click();
    assertThat(admin.locator("#budget-amount-error")).isVisible();
    assertThat(admin.locator("#budget-amount")).hasAttribute("aria-invalid", "true");
    Axe.assertNoSeriousViolations(admin);

    admin.locator("#budget-amount").fill("300");
    admin.locator("#budget-save").click();
    assertThat(admin.locator("#budget-notice")).isVisible();
    Locator row = admin.locator("tr[data-team='" + team + "']");
    assertThat(row.locator(".budget-amount")).hasText("300.00 " + code);
    assertThat(row.locator(".budget-left")).hasText("300.00 " + code);

    agent.navigate(caseUrl);
    assertThat(agent.locator("#compensation-budget-left")).hasText("300.00 " + code);
    agent.locator("#compensation-amount").fill("10");
    agent.locator("#compensation-reason").fill("The parcel came a week late");
    agent.locator("#compensation-form button[type=submit]").click();
    assertThat(agent.locator("#compensation-answer")).hasAttribute("data-status", "granted");
    assertThat(agent.locator("#compensation-budget-left")).hasText("290.00 " + code);
    Axe.assertNoSeriousViolations(agent);

    admin.navigate(server.base + "/admin/budgets?month=" + month);
    assertThat(row.locator(".budget-spent")).hasText("10.00 " + code);
    row.locator("a").first().click();
    assertThat(admin.locator("#budget-left")).hasText("290.00 " + code);
    String caseId = caseUrl.substring(caseUrl.lastIndexOf('/') + 1);
    assertThat(admin.locator("#budget-ledger-table a[href='/cases/" + caseId + "']")).isVisible();
    Axe.assertNoSeriousViolations(admin);
    Screenshots.save(admin, "admin-budget-ledger");
  }

  @ParameterizedTest
  @EnumSource(Screen.class)
  void theBudgetCalendarAndAuditPagesPassAxeAndFitTheScreen(Screen screen) {
    Page page = logIn(browsers.newPage(screen.viewport), "admin");
    String size = screen.name().toLowerCase(Locale.ROOT);
    YearMonth month = CompensationRules.budgetMonth(server.bean(Clock.class).instant());

    page.navigate(server.base + "/admin/budgets");
    assertThat(page.locator("tr[data-team='tech']")).hasAttribute("data-state", "set");
    check(page, screen, "admin-budgets-" + size);
    page.navigate(server.base + "/admin/budgets?month=" + month.plusMonths(2));
    assertThat(page.locator("tr[data-team='tech'] .roll-over")).isVisible();
    check(page, screen, "admin-budgets-next-" + size);
    page.navigate(server.base + "/admin/budgets/support-us/" + month);
    assertThat(page.locator("#budget-figures")).hasAttribute("data-state", "set");
    check(page, screen, "admin-budget-" + size);

    page.navigate(server.base + "/admin/calendars");
    assertThat(page.locator("#calendar-eu-business")).isVisible();
    check(page, screen, "admin-calendars-" + size);
    page.navigate(server.base + "/admin/calendars/eu-business");
    assertThat(page.locator("#week-grid .week-day")).hasCount(7);
    check(page, screen, "admin-calendar-" + size);
    String source = page.locator("#calendar-source").inputValue();
    page.locator("#calendar-source")
        .fill(source.replace("time_zone: Europe/Berlin", "time_zone: Mars/Olympus"));
    page.locator("#calendar-save").click();
    assertThat(page.locator("#calendar-errors")).containsText("Mars/Olympus");
    assertThat(page.locator("#calendar-errors .calendar-error").first())
        .hasAttribute("data-line", "3");
    check(page, screen, "admin-calendar-errors-" + size);

    page.navigate(server.base + "/admin/audit");
    page.locator("#verify-now").click();
    assertThat(page.locator("#audit-result")).hasAttribute("data-status", "intact");
    page.locator("#audit-subject_type").fill("budget");
    page.locator("#audit-search-button").click();
    assertThat(page.locator("#audit-rows-table .audit-row").first()).containsText("budget");
    check(page, screen, "admin-audit-" + size);
  }

  @Test
  void anAgentIsRefusedTheAdministration() {
    Page agent = logIn(browsers.newPage(), "agent");
    for (String path : List.of("/admin/budgets", "/admin/calendars", "/admin/audit")) {
      Response response = agent.navigate(server.base + path);
      assertThat(response.status()).as(path).isEqualTo(403);
    }
  }

  /** Nothing makes the page wider than the screen, and axe-core finds nothing serious. */
  private static void check(Page page, Screen screen, String screenshot) {
    assertThat((Integer) page.evaluate("document.documentElement.scrollWidth"))
        .as(
            "nothing in the page makes it wider than the screen: %s",
            page.evaluate(
                "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect()"
                    + ".right > window.innerWidth + 1 && !e.closest('.table-wrap'))"
                    + ".slice(0, 4).map(e => e.tagName + '.' + e.className).join(' | ')"))
        .isLessThanOrEqualTo(screen.viewport.width());
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, screenshot);
  }

  /**
   * Opens the first case of the agent's inbox that has a team and a compensation form, and leaves
   * the page on it.
   */
  private String caseWithATeamThatOffersCompensation(Page page) {
    List<String> cases =
        page.locator("tr[data-case-id] a.case-link").all().stream()
            .map(a -> a.getAttribute("href"))
            .toList();
    for (String href : cases) {
      page.navigate(server.base + href);
      Locator left = page.locator("#compensation-budget-left");
      if (page.locator("#compensation-form").count() > 0
          && left.count() > 0
          && !left.getAttribute("data-team").isEmpty()) {
        return page.url();
      }
    }
    throw new AssertionError("no demo case of the agent has a team and offers compensation");
  }
}
