package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
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

  /**
   * Exactly once with two nodes on one database. Which node claims a timer is the scheduler's
   * choice, so the test does not wait for luck: first each node fires a batch alone while the
   * other's scheduler is paused (both nodes really fire), then both poll the same due timers at
   * once (exactly once under contention).
   */
  @Test
  void withTwoNodesOnOnePostgresEachTimerFiresExactlyOnce() throws Exception {
    Map<String, String> database = TestDatabases.freshPostgres();
    try (RunningServer a = RunningServer.start(dir.resolve("a"), database, FAST_POLLING);
        RunningServer b = RunningServer.start(dir.resolve("b"), database, FAST_POLLING)) {
      Scheduler schedulerOfA = a.bean(Scheduler.class);
      Scheduler schedulerOfB = b.bean(Scheduler.class);
      schedulerOfB.pause();
      fireBatch(a, "a-alone", 20);
      schedulerOfB.resume();
      schedulerOfA.pause();
      fireBatch(b, "b-alone", 20);
      schedulerOfA.resume();
      // both polling: 60 timers due at the same moment
      fireBatch(a, "together", 60);
      Thread.sleep(1000); // a duplicate firing would show up now

      List<Map.Entry<String, String>> fired = firings(a, "two-node-probe");
      assertThat(fired).hasSize(100);
      assertThat(fired.stream().map(Map.Entry::getKey).distinct()).hasSize(100);
      assertThat(nodesThatFired(fired, "a-alone")).hasSize(1);
      assertThat(nodesThatFired(fired, "b-alone"))
          .hasSize(1)
          .doesNotContainAnyElementsOf(nodesThatFired(fired, "a-alone"));
    }
  }

  /** Schedules {@code count} timers due in a second and waits until they all fired. */
  private static void fireBatch(RunningServer via, String batch, int count)
      throws InterruptedException {
    Instant due = via.bean(java.time.Clock.class).instant().plusSeconds(1);
    for (int i = 0; i < count; i++) {
      schedule(via, "two-node-probe", batch + "-" + i, due);
    }
    await(
        () ->
            firings(via, "two-node-probe").stream()
                    .filter(f -> f.getKey().startsWith("two-node-probe:" + batch + "-"))
                    .count()
                >= count,
        Duration.ofSeconds(40));
  }

  private static java.util.Set<String> nodesThatFired(
      List<Map.Entry<String, String>> fired, String batch) {
    return fired.stream()
        .filter(f -> f.getKey().startsWith("two-node-probe:" + batch + "-"))
        .map(Map.Entry::getValue)
        .collect(Collectors.toSet());
  }
}
