package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.demo.DemoHistory;
import io.servicebook.server.kpi.RollupStore;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The rollups keep the days of {@code servicebook.kpi.zone}: a server started with another zone
 * rebuilds them, and then answers days in that zone from the rollups with the numbers of the cases.
 */
class RollupZoneTests {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void anotherZoneRebuildsTheRollupsByItsDays(@TempDir Path dataDir) throws Exception {
    Map<String, Object> settings =
        Map.of(
            "servicebook.protocols",
            ServerContractTests.STARTER_PACK.toString(),
            "servicebook.kpi.worker",
            false);
    try (RunningServer utc = RunningServer.start(dataDir, Map.of(), settings)) {
      utc.bean(DemoHistory.class).generate(400, 10, 3, n -> {});
      utc.bean(RollupStore.class).rebuild();
      utc.bean(RollupStore.class).catchUp(n -> {});
      assertThat(byDay(utc, "UTC").get("computed_from").asString()).isEqualTo("rollups");
      // Berlin's days are not the rollups' days: counted from the cases
      assertThat(byDay(utc, "Europe/Berlin").get("computed_from").asString()).isEqualTo("cases");
    }
    Map<String, Object> berlin = new java.util.HashMap<>(settings);
    berlin.put("servicebook.kpi.zone", "Europe/Berlin");
    try (RunningServer server = RunningServer.start(dataDir, Map.of(), berlin)) {
      JsonNode rollups = byDay(server, "Europe/Berlin");
      JsonNode cases = byDay(server, "UTC");

      assertThat(rollups.get("computed_from").asString()).isEqualTo("rollups");
      assertThat(cases.get("computed_from").asString()).isEqualTo("cases");
      assertThat(rollups.get("cases").asLong()).isPositive();
      JsonNode exact =
          server
              .get(
                  "/api/v1/kpis?by=day&zone=Europe/Berlin&from="
                      + LocalDate.now(BERLIN)
                          .minusDays(11)
                          .atStartOfDay(BERLIN)
                          .toInstant()
                          .minusMillis(1)
                      + "&to="
                      + LocalDate.now(BERLIN)
                          .plusDays(1)
                          .atStartOfDay(BERLIN)
                          .toInstant()
                          .minusMillis(1),
                  RunningServer.TOKEN)
              .json();
      assertThat(exact.get("computed_from").asString()).isEqualTo("cases");
      assertThat(DemoHistoryTests.withoutWindow(rollups))
          .isEqualTo(DemoHistoryTests.withoutWindow(exact));
    }
  }

  /** The last eleven days in the zone, by day. */
  private static JsonNode byDay(RunningServer server, String zone) throws Exception {
    ZoneId id = ZoneId.of(zone);
    RunningServer.Reply reply =
        server.get(
            "/api/v1/kpis?by=day&zone="
                + zone
                + "&from="
                + LocalDate.now(id).minusDays(11)
                + "&to="
                + LocalDate.now(id),
            RunningServer.TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }
}
