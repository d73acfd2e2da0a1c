package io.servicebook.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The KPI dashboard in Debian's Chromium on the demo: the supervisor opens it from the nav and sees
 * the figures of the demo's cases with their weekly table, every protocol's health and the
 * deviations; narrows it to one protocol; opens a heatmap cell to the cases behind it; agents may
 * not see it. Axe-checked, screenshots at 1280×800 and 390×844.
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
  void theChartsShowWithTheirTablesATableDownloadsAndANumberOpensToItsCases() throws Exception {
    String caseId = aCaseWithASkippedStepAndACsatAnswer();
    Page page = logIn(browsers.newPage(), "supervisor");
    page.navigate(server.base + "/kpis?protocol=kpi-drill");

    for (String chart : List.of("#chart-sla", "#chart-csat")) {
      assertThat(page.locator(chart + " svg[role=img]")).isVisible();
    }
    assertThat(page.locator("#chart-heatmap svg[role=group]")).isVisible();
    assertThat(page.locator("#chart-heatmap a.heat-link:has(rect.heat-5) title"))
        .hasText("greet · customer in a hurry: 1 – list the cases");
    page.locator("#chart-csat summary").click();
    assertThat(page.locator("#csat-table tbody tr").nth(3)).containsText("1");
    page.locator("#chart-heatmap summary").click();
    assertThat(page.locator("#heatmap-table")).isVisible();
    assertThat(page.locator("#comparison-none")).isVisible();
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "kpis-charts");

    Download csv = page.waitForDownload(() -> page.locator("#chart-csat .csv-link").click());
    assertThat(csv.suggestedFilename()).isEqualTo("kpis-csat-kpi-drill.csv");
    assertThat(Files.readString(csv.path()))
        .isEqualTo("score,answers\r\n1,0\r\n2,0\r\n3,0\r\n4,1\r\n5,0\r\n");

    page.locator(".kpi-tile[data-kpi=cases] a.drill-link").click();
    assertThat(page.locator("#kpi-cases-heading")).isVisible();
    assertThat(page.locator("#kpi-cases-table tbody tr")).hasCount(1);
    Axe.assertNoSeriousViolations(page);
    page.locator("#kpi-cases-table a[href='/cases/" + caseId + "']").click();
    assertThat(page).hasURL(server.base + "/cases/" + caseId);

    // a heatmap cell opens from the keyboard too
    page.navigate(server.base + "/kpis?protocol=kpi-drill");
    page.locator("#chart-heatmap a.heat-link[data-reason='customer in a hurry']").focus();
    page.keyboard().press("Enter");
    assertThat(page.locator("#kpi-cases-heading"))
        .hasText("Deviations at step greet: customer in a hurry");
    assertThat(page.locator("#kpi-cases-table tbody tr")).hasCount(1);
    assertThat(page.locator("#kpi-cases-table tbody tr")).hasAttribute("data-case-id", caseId);
  }

  @Test
  void aHeatmapCellOpensToTheCasesThatDeviatedThere() throws Exception {
    Page page = logIn(browsers.newPage(), "supervisor");
    page.navigate(server.base + "/kpis");
    // the top row's first cell: the step agents leave most, for its most frequent reason
    Locator cell = page.locator("#chart-heatmap a.heat-link").first();
    assertThat(cell).isVisible();
    String step = cell.getAttribute("data-step");
    // the cell of the deviations without a reason has no data-reason (an empty one is left out)
    String reason = Optional.ofNullable(cell.getAttribute("data-reason")).orElse("");
    int count = Integer.parseInt(cell.getAttribute("data-count"));
    String named = reason.isEmpty() ? "(no reason given)" : reason;
    assertThat(cell).hasAccessibleName(step + " · " + named + ": " + count + " – list the cases");
    assertThat(cell.locator(".heat-count")).hasText(String.valueOf(count));
    Axe.assertNoSeriousViolations(page);

    cell.click();
    assertThat(page.locator("#kpi-cases-heading"))
        .hasText(
            "Deviations at step " + step + ": " + (reason.isEmpty() ? "no reason given" : reason));
    assertThat(page.locator("#kpi-cases-deviations"))
        .hasAttribute("data-deviations", String.valueOf(count));
    JsonNode asked =
        server
            .get("/api/v1/kpis/cases?" + URI.create(page.url()).getRawQuery(), RunningServer.TOKEN)
            .json();
    assertThat(asked.get("deviation_count").asInt()).isEqualTo(count);
    List<String> cases = asked.get("cases").valueStream().map(JsonNode::asString).toList();
    // a case per row; a case may deviate at a step for one reason more than once (a demo run that
    // went back twice), so there are as many cases as deviations or fewer
    assertThat(cases).isNotEmpty().hasSizeLessThanOrEqualTo(count);
    assertThat(page.locator("#kpi-cases-table tbody tr")).hasCount(cases.size());
    assertThat(page.locator("#kpi-cases-table tbody tr").first())
        .hasAttribute("data-case-id", cases.getFirst());
    Axe.assertNoSeriousViolations(page);
    Screenshots.save(page, "kpis-heatmap-cases");

    page.locator("#kpi-cases-back").click();
    assertThat(page.locator("#chart-heatmap")).isVisible();
  }

  /** A case of the KPI drill whose agent skipped a step with a reason, answered 4 for CSAT. */
  private String aCaseWithASkippedStepAndACsatAnswer() throws Exception {
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(Map.of("kpi-drill.yaml", KpiContractTests.DRILL)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    RunningServer.Reply opened =
        server.postJson(
            "/api/v1/cases",
            RunningServer.TOKEN,
            Map.of(
                "channel", "email",
                "category", "kpi-drill",
                "subject", "Where is my order?",
                "message", "Hello, my order has not arrived.",
                "customer",
                    Map.of(
                        "first_name", "Ana", "last_name", "García", "email", "ana@example.com")));
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    String id = opened.json().get("id").asString();
    String run =
        server.get("/api/v1/cases/" + id, RunningServer.TOKEN).json().at("/run/id").asString();
    String steps = "/api/v1/runs/" + run + "/steps/";
    for (var step :
        List.of(
            Map.entry("greet/skip", Map.of("reason", "Customer in a hurry")),
            Map.entry("check", Map.<String, Object>of()),
            Map.entry("close", Map.<String, Object>of()))) {
      RunningServer.Reply done =
          server.postJson(steps + step.getKey(), RunningServer.TOKEN, step.getValue());
      assertThat(done.status()).as(done.body()).isEqualTo(200);
    }
    RunningServer.Reply sent =
        server.postJson(
            "/api/v1/cases/" + id + "/surveys", RunningServer.TOKEN, Map.of("kind", "csat"));
    assertThat(sent.status()).as(sent.body()).isEqualTo(201);
    RunningServer.Reply answered =
        server.postJson(
            "/api/v1/surveys/" + sent.json().get("token").asString() + "/responses",
            null,
            Map.of("score", 4));
    assertThat(answered.status()).as(answered.body()).isEqualTo(201);
    return id;
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
