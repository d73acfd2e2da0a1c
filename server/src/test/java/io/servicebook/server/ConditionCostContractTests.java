package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.security.Role;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Conditions that could pass their cost limit, over real HTTP on every database: refused when a
 * pack is imported, and, for a version published before that check, a case whose protocol choice it
 * stopped is flagged for a person instead of quietly getting a lower-ranked protocol.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
abstract class ConditionCostContractTests {

  /** Three nested loops of 30 items: 27,930 loop turns, stopped on every case at run time. */
  private static final String LIST =
      "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30]";

  private static final String TOO_COSTLY =
      LIST + ".exists(a, " + LIST + ".exists(b, " + LIST + ".exists(c, a + b + c == 1000)))";

  private static String protocol(String slug, int priority, String appliesWhen) {
    return "protocol: "
        + slug
        + "\ntitle: "
        + slug
        + "\npriority: "
        + priority
        + "\n"
        + (appliesWhen.isEmpty() ? "" : "applies_when: '" + appliesWhen + "'\n")
        + "steps:\n  - id: greet\n    script: {en: \"Hello\"}\n";
  }

  RunningServer server;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    server = RunningServer.start(dir, database(), Map.of("servicebook.catalog.refresh", "PT0S"));
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(Map.of("general.yaml", protocol("general", 5, ""))));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aPackWithAConditionThatCouldPassItsCostLimitIsRefusedWithTheConditionsPlace()
      throws Exception {
    RunningServer.Reply reply =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            ServerContractTests.zip(
                Map.of("vip-refund.yaml", protocol("vip-refund", 90, TOO_COSTLY))));

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    JsonNode error = reply.json().get("errors").get(0);
    assertThat(reply.json().get("errors").size()).isEqualTo(1);
    assertThat(error.get("file").asString()).endsWith("vip-refund.yaml");
    assertThat(error.get("line").asInt()).isEqualTo(4);
    assertThat(error.get("column").asInt()).isEqualTo(16);
    assertThat(error.get("rule").asString()).isEqualTo("condition-too-costly");
    assertThat(error.get("message").asString())
        .contains("could take too long to check")
        .contains("up to 27,930 loop turns for one case; at most 10,000 are allowed");
    assertThat(server.get("/api/v1/protocols/vip-refund", RunningServer.TOKEN).status())
        .isEqualTo(404);
  }

  @Test
  void aCaseWhoseHigherRankedProtocolWasStoppedAtItsCostLimitWaitsForAPersonAndSaysWhy(
      CapturedOutput output) throws Exception {
    publishedBeforeTheCostCheck("old-vip", 90, TOO_COSTLY);

    RunningServer.Reply created =
        server.postJson(
            "/api/v1/cases",
            RunningServer.TOKEN,
            Map.of(
                "channel", "email",
                "category", "refund",
                "subject", "Where is my refund?",
                "message", "Hello, I am still waiting.",
                "customer",
                    Map.of("first_name", "Ada", "last_name", "L", "email", "ada@example.com")));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode body = created.json();
    String id = body.get("id").asString();
    assertThat(body.get("protocol").isNull()).isTrue();
    assertThat(body.get("run").isNull()).isTrue();
    assertThat(body.get("needs_protocol_choice").asBoolean()).isTrue();
    assertThat(body.get("alternatives").get(0).get("slug").asString()).isEqualTo("general");
    JsonNode warning = body.get("protocol_warnings").get(0);
    assertThat(warning.get("protocol").asString()).isEqualTo("old-vip");
    assertThat(warning.get("version").asInt()).isEqualTo(1);
    assertThat(warning.get("condition").asString()).isEqualTo("applies_when");
    assertThat(warning.get("location").asString()).isEqualTo("protocols/old-vip.yaml:4:15");
    assertThat(warning.get("held_back").asBoolean()).isTrue();
    assertThat(warning.get("message").asString()).contains("was stopped");

    JsonNode read = server.get("/api/v1/cases/" + id, RunningServer.TOKEN).json();
    assertThat(read.get("needs_protocol_choice").asBoolean()).isTrue();
    assertThat(read.get("protocol_warnings").get(0).get("location").asString())
        .isEqualTo("protocols/old-vip.yaml:4:15");

    assertThat(server.bean(AuditLog.class).entries("case", id))
        .anySatisfy(
            e -> {
              assertThat(e.eventType()).isEqualTo("case.protocol_condition_stopped");
              assertThat(e.details()).contains("\"protocol\":\"old-vip\"").contains(":4:15");
            });
    assertThat(output.getAll())
        .containsPattern(
            "WARN .*Protocol old-vip version 1: its applies_when at protocols/old-vip.yaml:4:15"
                + " was stopped at its cost limit on case "
                + id);

    ConsoleSession agent = new ConsoleSession(server.base);
    server.tokenFor("cost-agent", Role.AGENT);
    agent.login("cost-agent", "secret");
    String page = agent.get("/cases/" + id).body();
    assertThat(page)
        .contains("id=\"condition-stops\"")
        .contains("No protocol was chosen for this case")
        .contains("old-vip (version 1, protocols/old-vip.yaml:4:15)");
  }

  @Test
  void theEditorsLiveCheckShowsTheCostFindingAtTheConditionsLine() throws Exception {
    server.tokenFor("cost-author", Role.AUTHOR);
    ConsoleSession author = new ConsoleSession(server.base);
    author.login("cost-author", "secret");
    java.util.regex.Matcher csrf = ConsoleSession.CSRF.matcher(author.get("/protocols/new").body());
    assertThat(csrf.find()).isTrue();

    var check =
        author.post(
            "/protocols/editor/check",
            Map.of("slug", "", "source", protocol("vip-refund", 90, TOO_COSTLY)),
            Map.of("X-CSRF-TOKEN", csrf.group(1), "HX-Request", "true"));

    assertThat(check.statusCode()).isEqualTo(200);
    assertThat(check.body())
        .containsPattern(
            "class=\"finding finding-error\" data-line=\"4\" data-rule=\"condition-too-costly\"")
        .contains("data-column=\"16\"")
        .contains("could take too long to check");
  }

  /**
   * Stores a protocol version as if it had been published before imports checked the cost of
   * conditions: the server reads it again from its YAML like any other version.
   */
  private void publishedBeforeTheCostCheck(String slug, int priority, String appliesWhen) {
    String source = protocol(slug, priority, appliesWhen);
    server
        .bean(JdbcClient.class)
        .sql(
            """
            INSERT INTO protocol_version
              (slug, version, title, owner, audience, priority, source_file, source, content_hash,
               published_at, published_by)
            VALUES (:slug, 1, :slug, NULL, 'internal', :priority, :file, :source, :hash, :at,
                    'an earlier release')
            """)
        .param("slug", slug)
        .param("priority", priority)
        .param("file", "protocols/" + slug + ".yaml")
        .param("source", source)
        .param("hash", AuditLog.sha256(source))
        .param("at", Timestamp.from(Instant.parse("2026-01-05T09:00:00Z")))
        .update();
  }
}
