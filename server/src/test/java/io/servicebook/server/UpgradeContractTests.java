package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.audit.AuditLog;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database made by the previous release (V1–V20, with cases, users, a token and their audit
 * trail; see {@code src/test/resources/upgrade/README.md}) opened by this one: the migrations run,
 * and nothing is lost — every case reads back, the old token still works, a retried Idempotency-Key
 * still answers its case, the audit trail still verifies.
 */
abstract class UpgradeContractTests {

  @TempDir Path dataDir;

  /** Puts the previous release's database in place; returns the server's environment. */
  abstract Map<String, String> previousRelease() throws Exception;

  /** The API token the previous release's CLI made for uwe. */
  abstract String oldToken();

  @Test
  void thePreviousReleasesDatabaseOpensWithNothingLost() throws Exception {
    Map<String, String> environment = previousRelease();
    try (RunningServer server = RunningServer.start(dataDir, environment, Map.of())) {
      JdbcClient jdbc = server.bean(JdbcClient.class);
      List<Map<String, Object>> cases =
          jdbc.sql("SELECT id, subject FROM service_case ORDER BY subject").query().listOfRows();
      assertThat(cases).hasSize(12);
      for (Map<String, Object> row : cases) {
        RunningServer.Reply reply = server.get("/api/v1/cases/" + row.get("id"), oldToken());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("subject").asString()).isEqualTo(row.get("subject"));
      }
      String vip =
          jdbc.sql("SELECT tier FROM customer WHERE email = 'uma1@example.com'")
              .query(String.class)
              .single();
      assertThat(vip).isEqualTo("vip");

      String third = (String) find(cases, "Upgrade case 3").get("id");
      RunningServer.Reply retried = retry(server, 3);
      assertThat(retried.status()).as(retried.body()).isEqualTo(201);
      assertThat(retried.json().get("id").asString())
          .as("the retry after the upgrade answers the case it opened before")
          .isEqualTo(third);
      assertThat(jdbc.sql("SELECT COUNT(*) FROM service_case").query(Long.class).single())
          .isEqualTo(12);
      assertThat(server.bean(AuditLog.class).verify()).isEmpty();
    }
  }

  private static Map<String, Object> find(List<Map<String, Object>> cases, String subject) {
    return cases.stream().filter(c -> subject.equals(c.get("subject"))).findFirst().orElseThrow();
  }

  /** The request populate.sh sent for case {@code i}, with its Idempotency-Key. */
  private RunningServer.Reply retry(RunningServer server, int i) throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Uma");
    customer.put("last_name", "Grade" + i);
    customer.put("email", "uma" + i + "@example.com");
    customer.put("language", "en");
    customer.put("tier", i == 1 ? "vip" : "standard");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "email");
    body.put("category", i % 3 == 0 ? "return" : "question");
    body.put("subject", "Upgrade case " + i);
    body.put("message", "Message " + i);
    body.put("customer", customer);
    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.base + "/api/v1/cases"))
                    .header("Authorization", "Bearer " + oldToken())
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "upgrade-" + i)
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                            RunningServer.JSON.writeValueAsBytes(body)))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    return new RunningServer.Reply(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }
}
