package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code serve --demo} opens about two hundred cases across channels, languages, tiers and
 * statuses, some of them near or past their first response, and only once per data directory; every
 * demo team has a compensation budget for this month and the next.
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
}
