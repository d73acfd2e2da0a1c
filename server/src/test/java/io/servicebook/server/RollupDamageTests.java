package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.demo.DemoHistory;
import io.servicebook.server.kpi.RollupStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A damaged stored rollup does not stop the KPIs: while the rollups cannot take a change in, the
 * API counts the cases themselves, and the change stays marked for the worker.
 */
class RollupDamageTests {

  @Test
  void aShareThatCannotBeReadLeavesTheReportToTheCases(@TempDir Path dataDir) throws Exception {
    try (RunningServer server =
        RunningServer.start(
            dataDir,
            Map.of(),
            Map.of(
                "servicebook.protocols",
                ServerContractTests.STARTER_PACK.toString(),
                "servicebook.kpi.worker",
                false))) {
      server.bean(DemoHistory.class).generate(120, 10, 5, n -> {});
      RollupStore rollups = server.bean(RollupStore.class);
      rollups.rebuild();
      rollups.catchUp(n -> {});
      JsonNode before = kpis(server);
      assertThat(before.get("computed_from").asString()).isEqualTo("rollups");

      JdbcClient jdbc = server.bean(JdbcClient.class);
      String damaged =
          jdbc.sql("SELECT case_id FROM kpi_case_share ORDER BY case_id FETCH FIRST 1 ROWS ONLY")
              .query(String.class)
              .single();
      jdbc.sql("UPDATE kpi_case_share SET share = 'not a rollup' WHERE case_id = :id")
          .param("id", damaged)
          .update();
      jdbc.sql("INSERT INTO kpi_pending (subject_type, subject_id) VALUES ('case', :id)")
          .param("id", damaged)
          .update();

      JsonNode after = kpis(server);

      assertThat(after.get("computed_from").asString()).isEqualTo("cases");
      assertThat(DemoHistoryTests.withoutWindow(after))
          .isEqualTo(DemoHistoryTests.withoutWindow(before));
      assertThat(rollups.waiting(10)).isEqualTo(1);
    }
  }

  private static JsonNode kpis(RunningServer server) throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/kpis?by=week", RunningServer.TOKEN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }
}
