package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The KPI dashboard in Debian's Chromium on the demo: the supervisor opens it from the nav and sees
 * the figures of the demo's cases with their weekly table, every protocol's health and the
 * deviations; narrows it to one protocol; agents may not see it. Axe-checked, screenshots at
 * 1280×800 and 390×844.
 */
class KpiDashboardBrowserTests extends DemoBrowserTests {

  @Test
  void aSupervisorReadsTheDashboardAndNarrowsItToOneProtocol() throws Exception {
    Page page = logIn(browsers.newPage(), "supervisor");
    page.locator("#nav-kpis").click();
    assertThat(page.locator("#kpis-heading")).isVisible();
    assertThat(page.locator("#kpi-tiles .kpi-tile")).hasCount(8);
    long demoCases = server.get("/api/v1/kpis", RunningServer.TOKEN).json().get("cases").asLong();
    assertThat(demoCases).as("the demo's cases fall in the window").isPositive();
    assertThat(page.locator(".kpi-tile[data-kpi=cases] .kpi-value"))
        .hasText(String.valueOf(demoCases));
    assertThat(page.locator("#kpi-weeks tbody tr").first()).isVisible();
    int published = server.get("/api/v1/protocols", RunningServer.TOKEN).json().size();
    assertThat(published).isGreaterThanOrEqualTo(16);
    assertThat(page.locator("#kpi-health li[data-slug]")).hasCount(published);
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "kpis");

    page.locator("#kpis-protocol").selectOption("return-and-refund");
    page.locator("#kpis-filter button[type=submit]").click();
    assertThat(page.locator("#kpi-health li[data-slug]")).hasCount(1);
    long refunds =
        server
            .get("/api/v1/kpis?protocol=return-and-refund", RunningServer.TOKEN)
            .json()
            .get("cases")
            .asLong();
    assertThat(page.locator(".kpi-tile[data-kpi=cases] .kpi-value"))
        .hasText(String.valueOf(refunds));

    Page phone = logIn(browsers.newPhonePage(), "supervisor");
    phone.navigate(server.base + "/kpis");
    assertThat(phone.locator("#kpi-tiles")).isVisible();
    assertThat((Integer) phone.evaluate("document.documentElement.scrollWidth"))
        .isLessThanOrEqualTo(390);
    Axe.assertNoSeriousViolations(phone);
    Screenshots.save(phone, "kpis");
  }

  @Test
  void aProtocolDueForReviewSoonIsInTheReviewQueue() throws Exception {
    String dueTomorrow =
        KpiContractTests.DRILL
            .replace("kpi-drill", "review-soon")
            .replace("title: KPI drill", "title: Review soon")
            .replace("review_every: P6M", "review_every: P1D");
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(Map.of("review-soon.yaml", dueTomorrow)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);

    Page page = logIn(browsers.newPage(), "author");
    page.navigate(server.base + "/kpis");
    var item = page.locator("#review-queue li[data-slug=review-soon]");
    assertThat(item).isVisible();
    assertThat(item.locator(".review-due time")).isVisible();
    assertThat(item).containsText("support-operations");
    // published today with review_every P6M: not due
    assertThat(page.locator("#review-queue li[data-slug=return-and-refund]")).hasCount(0);
    Axe.assertNoSeriousViolations(page);
  }

  @Test
  void agentsDoNotSeeTheDashboard() throws Exception {
    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("agent", "demo");
    assertThat(agent.get("/kpis").statusCode()).isEqualTo(403);
    assertThat(agent.get("/").body()).doesNotContain("id=\"nav-kpis\"");
    ConsoleSession author = new ConsoleSession(server.base);
    author.login("author", "demo");
    assertThat(author.get("/kpis?protocol=no-such-protocol").statusCode()).isEqualTo(404);
  }
}
