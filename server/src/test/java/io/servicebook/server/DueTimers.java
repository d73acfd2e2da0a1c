package io.servicebook.server;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Runs a server's due timers now, for tests that move its clock. */
final class DueTimers {

  private DueTimers() {}

  /**
   * Asks the scheduler to look for due timers and waits until none is due or firing any more (a
   * timer that fails is retried later, so it is no longer due either).
   */
  static void run(RunningServer server, Clock clock) throws InterruptedException {
    server.bean(Scheduler.class).triggerCheckForDueExecutions();
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (dueOrFiring(server, clock) > 0) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timers still due or firing after 30 s");
      }
      Thread.sleep(50);
    }
  }

  private static long dueOrFiring(RunningServer server, Clock clock) {
    return server
        .bean(JdbcClient.class)
        .sql("SELECT COUNT(*) FROM scheduled_tasks WHERE picked = TRUE OR execution_time <= :now")
        .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .query(Long.class)
        .single();
  }
}
