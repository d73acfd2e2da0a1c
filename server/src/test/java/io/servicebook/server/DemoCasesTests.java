package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Step;
import io.servicebook.runs.RunEngine;
import io.servicebook.server.protocols.ProtocolCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code serve --demo} opens about two hundred cases across channels, languages, tiers and
 * statuses, some of them near or past their first response, and only once per data directory; every
 * demo team has a compensation budget for this month and the next; the runs of resolved and closed
 * cases went through their protocol, capturing what its fields ask for.
 */
class DemoCasesTests {

  @Test
  void theDemoHasCasesInEveryStatusAndOpensThemOnlyOnce(@TempDir Path data) throws Exception {
    Map<String, Object> demo = Map.of("servicebook.demo", true);
    try (RunningServer server = RunningServer.start(data, Map.of(), demo)) {
      Map<String, Integer> statuses = new HashMap<>();
      Set<String> channels = new HashSet<>();
      Set<String> languages = new HashSet<>();
      Set<String> tiers = new HashSet<>();
      Set<String> clockStates = new HashSet<>();
      List<String> done = new ArrayList<>();
      int total = 0;
      String cursor = null;
      do {
        JsonNode page =
            server
                .get(
                    "/api/v1/cases?limit=100" + (cursor == null ? "" : "&cursor=" + cursor),
                    RunningServer.TOKEN)
                .json();
        for (JsonNode c : page.get("items")) {
          total++;
          statuses.merge(c.get("status").asString(), 1, Integer::sum);
          channels.add(c.get("channel").asString());
          languages.add(c.at("/customer/language").asString());
          tiers.add(c.at("/customer/tier").asString());
          if (Set.of("resolved", "closed").contains(c.get("status").asString())) {
            done.add(c.get("id").asString());
          }
          if (c.get("status").asString().equals("new")) {
            JsonNode full =
                server.get("/api/v1/cases/" + c.get("id").asString(), RunningServer.TOKEN).json();
            full.get("sla")
                .forEach(
                    s ->
                        clockStates.add(
                            s.get("target").asString() + ":" + s.get("state").asString()));
          }
        }
        JsonNode next = page.get("next_cursor");
        cursor = next == null || next.isNull() ? null : next.asString();
      } while (cursor != null);

      assertThat(total).isEqualTo(200);
      assertThat(statuses)
          .containsOnlyKeys(
              "new", "open", "waiting_on_customer", "waiting_on_third_party", "resolved", "closed");
      assertThat(channels).hasSizeGreaterThanOrEqualTo(6);
      assertThat(languages).hasSizeGreaterThanOrEqualTo(5);
      assertThat(tiers).containsExactlyInAnyOrder("standard", "vip");
      assertThat(clockStates).contains("first_response:breached", "first_response:running");
      assertThat(
              server
                  .bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                  .sql("SELECT DISTINCT author FROM step_suggestion WHERE status = 'OPEN'")
                  .query(String.class)
                  .list())
          .as("demo agents suggested something about some steps")
          .isNotEmpty()
          .isSubsetOf("agent", "supervisor");
      theRunsOfResolvedCasesWentThroughTheirProtocol(server, done);
      java.time.YearMonth month =
          io.servicebook.compensation.CompensationRules.budgetMonth(
              server.bean(java.time.Clock.class).instant());
      for (String team : Set.of("support-eu", "support-us", "billing", "tech")) {
        for (java.time.YearMonth m : Set.of(month, month.plusMonths(1))) {
          RunningServer.Reply budget =
              server.get("/api/v1/budgets/" + team + "/" + m, RunningServer.TOKEN);
          assertThat(budget.status()).as("the demo's budget of %s for %s", team, m).isEqualTo(200);
          assertThat(new java.math.BigDecimal(budget.json().get("left").asString())).isPositive();
        }
      }
    }
    try (RunningServer again = RunningServer.start(data, Map.of(), demo)) {
      assertThat(again.get("/api/v1/cases?limit=1", RunningServer.TOKEN).status()).isEqualTo(200);
      assertThat(again.bean(io.servicebook.server.cases.Cases.class).count()).isEqualTo(200);
    }
  }

  /**
   * The runs of resolved and closed demo cases captured values of the protocol's own fields that
   * its checks accept, each step a few minutes after the one before, between the case's opening and
   * now; nearly all of them are completed, on a step that ends the run.
   */
  private static void theRunsOfResolvedCasesWentThroughTheirProtocol(
      RunningServer server, List<String> done) throws Exception {
    ProtocolCatalog catalog = server.bean(ProtocolCatalog.class);
    assertThat(done).hasSizeGreaterThan(20);
    Set<String> captured = new HashSet<>();
    int completed = 0;
    // a case whose page should show a captured value in its "What the run did" card, and which
    Map<String, String> shown = new HashMap<>();
    for (String id : done) {
      JsonNode kase = server.get("/api/v1/cases/" + id, RunningServer.TOKEN).json();
      String runId = kase.at("/run/id").asString();
      JsonNode run = server.get("/api/v1/runs/" + runId, RunningServer.TOKEN).json();
      Protocol protocol =
          catalog.model(
              catalog
                  .version(run.at("/protocol/slug").asString(), run.at("/protocol/version").asInt())
                  .orElseThrow());
      JsonNode log = run.get("log");
      assertThat(log.size()).as("the steps run %s went through", runId).isGreaterThan(1);
      if (run.get("status").asString().equals("completed")) {
        completed++;
        Step last = protocol.step(log.get(log.size() - 1).get("step_id").asString()).orElseThrow();
        assertThat(last.ends() || protocol.followingStep(last).isEmpty())
            .as("run %s ends on `%s`, a last step of %s", runId, last.id(), protocol.slug())
            .isTrue();
      }
      assertThat(run.get("fields").propertyNames()).isSubsetOf(protocol.fields().keySet());
      run.get("fields")
          .properties()
          .forEach(
              field ->
                  assertThat(
                          RunEngine.checkValue(
                              protocol, field.getKey(), field.getValue().asString()))
                      .as("%s of run %s: %s", field.getKey(), runId, field.getValue())
                      .isEmpty());
      if (shown.isEmpty() && !run.get("fields").isEmpty()) {
        shown.put(id, run.get("fields").propertyNames().iterator().next());
      }
      captured.addAll(run.get("fields").propertyNames());
      Instant before = Instant.parse(kase.get("created_at").asString());
      for (JsonNode visit : log) {
        if (visit.get("left_at").isNull()) {
          continue;
        }
        Instant left = Instant.parse(visit.get("left_at").asString());
        assertThat(left)
            .isAfterOrEqualTo(before)
            .isBefore(Instant.now().minus(Duration.ofMinutes(30)));
        before = left;
      }
    }
    assertThat(completed)
        .as("completed runs of %s done cases", done.size())
        .isGreaterThan(done.size() * 8 / 10);
    assertThat(captured)
        .as("the demo's runs captured order numbers, dates, reasons…")
        .hasSizeGreaterThan(10);
    ConsoleSession supervisor = new ConsoleSession(server.base);
    supervisor.login("supervisor", "demo");
    Map.Entry<String, String> card = shown.entrySet().iterator().next();
    assertThat(supervisor.get("/cases/" + card.getKey()).body())
        .contains("id=\"run-values\"", "data-field=\"" + card.getValue() + "\"");
  }
}
