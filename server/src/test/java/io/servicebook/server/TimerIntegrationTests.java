package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.timers.Timers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Durable timers: they survive a restart, and with two nodes each fires exactly once. */
class TimerIntegrationTests {

  static final Map<String, Object> FAST_POLLING =
      Map.of("servicebook.timers.polling-interval", "PT0.1S");

  @TempDir Path dir;

  private static void schedule(RunningServer server, String kind, String id, Instant at) {
    server
        .bean(TransactionTemplate.class)
        .executeWithoutResult(status -> server.bean(Timers.class).schedule(kind, id, at, "{}"));
  }

  /** The audit entries of fired timers: instance id → the node that fired it, one row each. */
  private static List<Map.Entry<String, String>> firings(RunningServer server, String kind) {
    return server
        .bean(JdbcClient.class)
        .sql(
            "SELECT subject_id, details FROM audit_event WHERE event_type = 'timer.fired' AND subject_id LIKE :kind ORDER BY id")
        .param("kind", kind + ":%")
        .query((rs, n) -> Map.entry(rs.getString(1), node(rs.getString(2))))
        .list();
  }

  private static String node(String details) {
    int at = details.indexOf("\"node\":\"") + 8;
    return details.substring(at, details.indexOf('"', at));
  }

  private static void await(Supplier<Boolean> condition, Duration limit)
      throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.get() && System.nanoTime() < end) {
      Thread.sleep(100);
    }
  }

  @Test
  void aTimerScheduledBeforeARestartFiresAfterIt() throws Exception {
    Instant due;
    try (RunningServer first = RunningServer.start(dir, Map.of(), FAST_POLLING)) {
      due = first.bean(java.time.Clock.class).instant().plusSeconds(3);
      schedule(first, "restart-probe", "one", due);
      assertThat(firings(first, "restart-probe")).isEmpty();
    }
    try (RunningServer second = RunningServer.start(dir, Map.of(), FAST_POLLING)) {
      await(() -> !firings(second, "restart-probe").isEmpty(), Duration.ofSeconds(20));
      assertThat(firings(second, "restart-probe"))
          .extracting(Map.Entry::getKey)
          .containsExactly("restart-probe:one");
      assertThat(second.bean(java.time.Clock.class).instant()).isAfterOrEqualTo(due);
      assertThat(second.bean(AuditLog.class).verify()).isEmpty();
    }
  }

  @Test
  void withTwoNodesOnOnePostgresEachTimerFiresExactlyOnce() throws Exception {
    Map<String, String> database = TestDatabases.freshPostgres();
    try (RunningServer a = RunningServer.start(dir.resolve("a"), database, FAST_POLLING);
        RunningServer b = RunningServer.start(dir.resolve("b"), database, FAST_POLLING)) {
      int count = 60;
      // due over six seconds, from two seconds on: both schedulers are polling by then, even on a
      // busy machine, so both take part (with 50 ms over three seconds one node once took all)
      Instant start = a.bean(java.time.Clock.class).instant().plusSeconds(2);
      for (int i = 0; i < count; i++) {
        schedule(i % 2 == 0 ? a : b, "two-node-probe", "t" + i, start.plusMillis(100L * i));
      }
      await(() -> firings(a, "two-node-probe").size() >= count, Duration.ofSeconds(40));
      Thread.sleep(1000); // a duplicate firing would show up now
      List<Map.Entry<String, String>> fired = firings(a, "two-node-probe");
      assertThat(fired).hasSize(count);
      assertThat(fired.stream().map(Map.Entry::getKey).distinct()).hasSize(count);
      Map<String, Long> byNode =
          fired.stream().collect(Collectors.groupingBy(Map.Entry::getValue, Collectors.counting()));
      assertThat(byNode).as("timers fired per node").hasSize(2);
    }
  }
}
