package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.demo.DemoHistory;
import io.servicebook.server.kpi.RollupStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The generated past of {@code servicebook demo-data}: believable (every channel, several
 * languages, escalations, skipped steps with reasons, survey answers), and after a rollup rebuild
 * the KPIs from the rollups are the KPIs counted from the cases themselves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoHistoryTests {

  RunningServer server;
  DemoHistory.Written written;
  final List<Long> progress = new ArrayList<>();

  @BeforeAll
  void start(@TempDir Path dataDir) {
    server =
        RunningServer.start(
            dataDir,
            Map.of(),
            Map.of(
                "servicebook.protocols",
                ServerContractTests.STARTER_PACK.toString(),
                "servicebook.kpi.worker",
                false));
    written = server.bean(DemoHistory.class).generate(2_400, 60, 7, progress::add);
    RollupStore rollups = server.bean(RollupStore.class);
    rollups.rebuild();
    rollups.catchUp(n -> {});
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void writesTheCasesInChunksAndSaysHowFarItGot() {
    assertThat(written.cases()).isEqualTo(2_400);
    assertThat(progress).containsExactly(1_000L, 2_000L, 2_400L);
    // an opening message and on average a little over two exchanges more
    assertThat(written.interactions()).isBetween(2_400L * 4, 2_400L * 8);
    assertThat(server.bean(RollupStore.class).waiting(10)).isZero();
  }

  @Test
  void thePastLooksLikeASupportTeamsPast() throws Exception {
    JsonNode all = kpis("");
    assertThat(all.get("computed_from").asString()).isEqualTo("rollups");
    assertThat(all.get("cases").asLong()).isBetween(900L, 1_500L);
    assertThat(all.get("escalation_rate").asDouble()).isBetween(0.03, 0.12);
    assertThat(all.get("csat_responses").asLong()).isPositive();
    assertThat(all.get("csat_avg").asDouble()).isBetween(3.3, 4.8);
    assertThat(all.get("adherence").asDouble()).isBetween(0.85, 1.0);
    assertThat(all.get("deviations").valueStream().map(d -> d.path("reason").asString()).toList())
        .contains("customer in a hurry");
    assertThat(kpis("&by=channel").get("groups").size()).isGreaterThanOrEqualTo(4);
    assertThat(kpis("&by=language").get("groups").size()).isEqualTo(6);
    assertThat(kpis("&by=tier").get("groups").size()).isEqualTo(2);
  }

  @Test
  void theRebuiltRollupsGiveTheNumbersOfTheCasesThemselves() throws Exception {
    // whole days (the rollups answer) and the same window a millisecond earlier, which holds the
    // same cases (they are created on whole seconds) but is counted from the cases themselves
    Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    Instant from = to.minus(Duration.ofDays(30));
    String days = "&from=" + from + "&to=" + to;
    String shifted = "&from=" + from.minusMillis(1) + "&to=" + to.minusMillis(1);
    for (String by : List.of("", "&by=week", "&by=protocol", "&by=channel", "&by=version,tier")) {
      JsonNode rollups = kpis(days + by);
      JsonNode cases = kpis(shifted + by);

      assertThat(rollups.get("computed_from").asString()).isEqualTo("rollups");
      assertThat(cases.get("computed_from").asString()).isEqualTo("cases");
      assertThat(withoutWindow(rollups)).as(by).isEqualTo(withoutWindow(cases));
    }
  }

  private JsonNode kpis(String query) throws Exception {
    RunningServer.Reply reply =
        server.get("/api/v1/kpis?" + query.replaceFirst("^&", ""), RunningServer.TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  /** A KPI answer without its window and source, to compare two ways of computing it. */
  static ObjectNode withoutWindow(JsonNode kpis) {
    ObjectNode copy = (ObjectNode) kpis.deepCopy();
    copy.remove(List.of("from", "to", "computed_from"));
    return copy;
  }
}
