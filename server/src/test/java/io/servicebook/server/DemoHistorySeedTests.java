package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.demo.DemoClock;
import io.servicebook.server.demo.DemoHistory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code servicebook demo-data --seed}: the same seed at the same moment writes the same past, its
 * runs' captured values, follow-ups and compensation included, although the next cases are
 * generated on another thread while the last are written.
 */
class DemoHistorySeedTests {

  /**
   * The moment both pasts are generated at: a year ahead, so that the follow-ups still waiting then
   * are not due in real time, and the running servers' timers leave them as they were written.
   */
  static final Instant AT =
      Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(365)).plusSeconds(81_000);

  /** What is compared, each table's rows in a stable order. */
  static final List<String> TABLES =
      List.of(
          "SELECT id, status, created_at, assignee, team FROM service_case"
              + " WHERE created_by = 'demo-data' ORDER BY id",
          "SELECT id, path, fields, log FROM protocol_run ORDER BY id",
          "SELECT id, status, due_at, outcome, reason, completed_at, completed_by, version"
              + " FROM follow_up ORDER BY id",
          "SELECT case_id, run_id, step_id, max_amount, offered_at FROM compensation_offer"
              + " ORDER BY case_id",
          "SELECT id, case_id, team, amount, currency, status, requested_at, decided_by,"
              + " decided_at, decision_reason FROM compensation_request ORDER BY id",
          "SELECT compensation_id, budget_month, amount, granted_by, granted_at"
              + " FROM compensation_ledger ORDER BY compensation_id",
          "SELECT team, budget_month, amount, currency FROM compensation_budget"
              + " ORDER BY team, budget_month");

  @Test
  void theSameSeedAtTheSameMomentWritesTheSamePast(@TempDir Path dir) {
    List<List<Map<String, Object>>> first = written(dir.resolve("first"), 3);

    assertThat(written(dir.resolve("again"), 3)).isEqualTo(first);
    assertThat(written(dir.resolve("other"), 5)).isNotEqualTo(first);
  }

  private static List<List<Map<String, Object>>> written(Path dataDir, long seed) {
    try (RunningServer server =
        RunningServer.start(
            dataDir,
            Map.of(),
            Map.of(
                "servicebook.protocols",
                ServerContractTests.STARTER_PACK.toString(),
                "servicebook.kpi.worker",
                false))) {
      DemoClock clock = (DemoClock) server.bean(Clock.class);
      clock.runAt(AT, () -> server.bean(DemoHistory.class).generate(1_500, 90, seed, n -> {}));
      JdbcClient jdbc = server.bean(JdbcClient.class);
      List<List<Map<String, Object>>> rows =
          TABLES.stream().map(sql -> jdbc.sql(sql).query().listOfRows()).toList();
      assertThat(rows).allSatisfy(table -> assertThat(table).isNotEmpty());
      return rows;
    }
  }
}
