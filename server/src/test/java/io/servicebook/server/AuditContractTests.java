package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.audit.AuditChecks;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A running server proves its audit trail: over the API, in its health, to the admins and on the
 * console; run on H2 ({@link H2AuditIntegrationTests}) and PostgreSQL ({@link
 * PostgresAuditIntegrationTests}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditContractTests {

  Path dataDir;
  RunningServer server;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dir) {
    dataDir = dir;
    server =
        RunningServer.start(
            dataDir,
            database(),
            Map.of("servicebook.protocols", ServerContractTests.STARTER_PACK.toString()));
    // the server checks its trail at start, in the background: done before the tests change it
    awaitCheck(server);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void anIntactTrailIsReportedByTheApiAndHealthIsUp() throws Exception {
    RunningServer.Reply verified =
        server.post("/api/v1/audit/verify", RunningServer.TOKEN, "application/json", new byte[0]);
    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.json().get("status").asString()).isEqualTo("intact");
    assertThat(verified.json().get("rows").asLong()).isPositive();
    assertThat(verified.json().get("first_problem").isNull()).isTrue();

    RunningServer.Reply status = server.get("/api/v1/audit/status", RunningServer.TOKEN);
    assertThat(status.json().get("status").asString()).isEqualTo("intact");
    assertThat(server.get("/actuator/health", null).json().get("status").asString())
        .isEqualTo("UP");
  }

  @Test
  void anUpdatedRowIsNamedByTheApiDegradesHealthButNotReadinessAndTheAdminsHearOfIt()
      throws Exception {
    JdbcClient jdbc = server.bean(JdbcClient.class);
    long id =
        jdbc.sql("SELECT MIN(id) FROM audit_event WHERE subject_type = 'protocol'")
            .query(Long.class)
            .single();
    String actor =
        jdbc.sql("SELECT actor FROM audit_event WHERE id = :id")
            .param("id", id)
            .query(String.class)
            .single();
    String subject =
        jdbc.sql("SELECT subject_id FROM audit_event WHERE id = :id")
            .param("id", id)
            .query(String.class)
            .single();
    jdbc.sql("UPDATE audit_event SET actor = 'mallory' WHERE id = :id").param("id", id).update();
    try {
      RunningServer.Reply verified =
          server.post("/api/v1/audit/verify", RunningServer.TOKEN, "application/json", new byte[0]);
      assertThat(verified.status()).isEqualTo(200);
      JsonNode result = verified.json();
      assertThat(result.get("status").asString()).isEqualTo("broken");
      assertThat(result.at("/first_problem/kind").asString()).isEqualTo("hash-mismatch");
      assertThat(result.at("/first_problem/event_id").asLong()).isEqualTo(id);
      assertThat(result.at("/first_problem/subject_id").asString()).isEqualTo(subject);
      assertThat(
              server
                  .get("/api/v1/audit/status", RunningServer.TOKEN)
                  .json()
                  .get("status")
                  .asString())
          .isEqualTo("broken");

      RunningServer.Reply health = server.get("/actuator/health", null);
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().get("status").asString()).isEqualTo("DEGRADED");
      RunningServer.Reply readiness = server.get("/actuator/health/readiness", null);
      assertThat(readiness.status()).isEqualTo(200);
      assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
      assertThat(server.get("/actuator/health/liveness", null).json().get("status").asString())
          .isEqualTo("UP");

      JsonNode notifications =
          server.get("/api/v1/notifications", RunningServer.TOKEN).json().get("items");
      assertThat(notifications)
          .anySatisfy(
              n -> {
                assertThat(n.get("kind").asString()).isEqualTo("audit.broken");
                assertThat(n.get("text").asString())
                    .contains("row " + id + " (protocol " + subject + ")");
              });

      ConsoleSession admin = adminSession();
      HttpResponse<String> page = admin.get("/admin/audit");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body())
          .contains(
              "id=\"audit-broken\"", "data-status=\"broken\"", "hash-mismatch", ">" + id + "<");
    } finally {
      jdbc.sql("UPDATE audit_event SET actor = :a WHERE id = :id")
          .param("a", actor)
          .param("id", id)
          .update();
    }
    RunningServer.Reply again =
        server.post("/api/v1/audit/verify", RunningServer.TOKEN, "application/json", new byte[0]);
    assertThat(again.json().get("status").asString()).isEqualTo("intact");
    assertThat(server.get("/actuator/health", null).json().get("status").asString())
        .isEqualTo("UP");
  }

  @Test
  void verifyNowOnTheConsoleChecksAndShowsTheResult() throws Exception {
    ConsoleSession admin = adminSession();
    HttpResponse<String> page = admin.get("/admin/audit");
    assertThat(page.body()).contains("id=\"nav-admin\"", "id=\"verify-now\"");
    var csrf = ConsoleSession.CSRF.matcher(page.body());
    assertThat(csrf.find()).isTrue();

    HttpResponse<String> verified =
        admin.post("/admin/audit/verify", Map.of("_csrf", csrf.group(1)), Map.of());

    assertThat(verified.statusCode()).isEqualTo(302);
    assertThat(verified.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/admin/audit"));
    assertThat(admin.get("/admin/audit").body())
        .contains("id=\"audit-intact\"", "data-status=\"intact\"");
  }

  @Test
  void onlyAdminsMayCheckTheTrail() throws Exception {
    String supervisor = server.tokenFor("audit-supervisor", Role.SUPERVISOR);
    assertThat(
            server
                .post("/api/v1/audit/verify", supervisor, "application/json", new byte[0])
                .status())
        .isEqualTo(403);
    assertThat(server.get("/api/v1/audit/status", supervisor).status()).isEqualTo(403);
    assertThat(server.get("/api/v1/audit/status", null).status()).isEqualTo(401);

    accounts().add("audit-agent", "Agent", "secret-password", EnumSet.of(Role.AGENT), "test");
    ConsoleSession agent = new ConsoleSession(server.base);
    agent.login("audit-agent", "secret-password");
    assertThat(agent.get("/admin/audit").statusCode()).isEqualTo(403);
    assertThat(agent.get("/").body()).doesNotContain("nav-admin");
  }

  @Test
  void aCheckpointOnDemandIsSignedIntoTheFileAndCountedByTheNextCheck() throws Exception {
    RunningServer.Reply written =
        server.post(
            "/api/v1/audit/checkpoints", RunningServer.TOKEN, "application/json", new byte[0]);

    assertThat(written.status()).isEqualTo(201);
    Path file = dataDir.resolve("audit-checkpoints.jsonl");
    assertThat(written.json().get("file").asString()).isEqualTo(file.toString());
    assertThat(Files.readAllLines(file)).last().asString().contains("\"signature\":\"");
    JsonNode verified =
        server
            .post("/api/v1/audit/verify", RunningServer.TOKEN, "application/json", new byte[0])
            .json();
    assertThat(verified.get("checkpoints").asInt()).isPositive();
    assertThat(verified.get("vouched_chains").asInt()).isPositive();
    assertThat(dataDir.resolve("keys/audit-checkpoint.key")).exists();
    assertThat(dataDir.resolve("keys/audit-hmac.key")).exists();
  }

  /** Waits for the server's first check of its trail (the one at start, in the background). */
  static void awaitCheck(RunningServer server) {
    long end = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
    while (server.bean(AuditChecks.class).latest().isEmpty() && System.nanoTime() < end) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertThat(server.bean(AuditChecks.class).latest()).as("the check at start").isPresent();
  }

  private UserAccounts accounts() {
    return server.bean(UserAccounts.class);
  }

  private ConsoleSession adminSession() throws Exception {
    accounts().add("audit-admin", "Audit Admin", "secret-password", EnumSet.of(Role.ADMIN), "test");
    ConsoleSession admin = new ConsoleSession(server.base);
    admin.login("audit-admin", "secret-password");
    return admin;
  }
}
