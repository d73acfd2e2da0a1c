package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.live.LiveEvents;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionTemplate;

/** Live events between two nodes sharing one PostgreSQL: they travel only once committed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresLiveEventsIntegrationTests {

  RunningServer a;
  RunningServer b;

  @BeforeAll
  void start(@TempDir Path dirA, @TempDir Path dirB) {
    Map<String, String> database = TestDatabases.freshPostgres();
    // both nodes sign the shared audit trail with one key, as a cluster must
    Map<String, Object> shared = Map.of("servicebook.audit.key", "0123456789abcdef".repeat(4));
    a = RunningServer.start(dirA, database, shared);
    b = RunningServer.start(dirB, database, shared);
  }

  @AfterAll
  void stop() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  @Test
  void anEventCommittedOnOneNodeReachesTheOtherNodeAndItself() throws InterruptedException {
    BlockingQueue<String> onB = new LinkedBlockingQueue<>();
    BlockingQueue<String> onA = new LinkedBlockingQueue<>();
    try (var sb = b.bean(LiveEvents.class).subscribe("test:1", onB::add);
        var sa = a.bean(LiveEvents.class).subscribe("test:1", onA::add)) {
      a.bean(TransactionTemplate.class)
          .executeWithoutResult(
              status -> {
                a.bean(LiveEvents.class).publish("test:1", "{\"n\":1}");
                assertThat(onB).as("not before the commit").isEmpty();
              });
      assertThat(onB.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"n\":1}");
      assertThat(onA.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"n\":1}");
      assertThat(onA.poll(300, TimeUnit.MILLISECONDS)).as("heard once").isNull();
    }
  }

  @Test
  void anEventOfATransactionRolledBackGoesNowhere() throws InterruptedException {
    BlockingQueue<String> onB = new LinkedBlockingQueue<>();
    try (var sb = b.bean(LiveEvents.class).subscribe("test:2", onB::add)) {
      a.bean(TransactionTemplate.class)
          .executeWithoutResult(
              status -> {
                a.bean(LiveEvents.class).publish("test:2", "{\"n\":2}");
                status.setRollbackOnly();
              });
      a.bean(LiveEvents.class).publish("test:2", "{\"n\":3}");
      assertThat(onB.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"n\":3}");
    }
  }

  @Test
  void anEventTooLargeForNotifyIsRefusedWithAReason() {
    String big = "\"" + "x".repeat(8000) + "\"";
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> a.bean(LiveEvents.class).publish("test:3", big))
        .hasMessageContaining("publish ids");
  }
}
