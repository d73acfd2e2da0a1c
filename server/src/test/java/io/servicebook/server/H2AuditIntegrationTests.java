package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit trail's proofs in a running server on the embedded H2 database. */
class H2AuditIntegrationTests extends AuditContractTests {

  @Override
  Map<String, String> database() {
    return Map.of();
  }

  @Test
  void theScheduledCheckFindsAChangedRowWithoutAnyoneAsking(@TempDir Path dir) throws Exception {
    try (RunningServer watched =
        RunningServer.start(
            dir,
            Map.of(),
            Map.of("servicebook.audit.check-every", "PT0.2S", "servicebook.demo", true))) {
      awaitCheck(watched);
      assertThat(watched.get("/actuator/health", null).json().get("status").asString())
          .isEqualTo("UP");

      watched
          .bean(JdbcClient.class)
          .sql("UPDATE audit_event SET reason = 'edited' WHERE id = 1")
          .update();

      long end = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      String status = "UP";
      while (!status.equals("DEGRADED") && System.nanoTime() < end) {
        Thread.sleep(100);
        status = watched.get("/actuator/health", null).json().get("status").asString();
      }
      assertThat(status).isEqualTo("DEGRADED");
    }
  }
}
