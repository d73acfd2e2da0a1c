package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The server's contract over real HTTP, run against every database: H2 ({@link
 * H2ServerIntegrationTests}) and PostgreSQL ({@link PostgresServerIntegrationTests}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerContractTests {

  static final Path STARTER_PACK = Path.of("..", "protocols").toAbsolutePath().normalize();

  Path dataDir;
  RunningServer server;
  Map<String, String> environment;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dir) {
    dataDir = dir;
    environment = database();
    server =
        RunningServer.start(
            dataDir, environment, Map.of("servicebook.protocols", STARTER_PACK.toString()));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private String tokenFor(String username, Role role) {
    UserAccounts accounts = server.bean(UserAccounts.class);
    UserAccounts.User user =
        switch (accounts.add(username, username, "secret", EnumSet.of(role), "test")) {
          case UserAccounts.Added.Created created -> created.user();
          case UserAccounts.Added.NameTaken taken -> accounts.find(username).orElseThrow();
        };
    return accounts.createToken(user, "test", "test");
  }

  @Test
  void healthIsUpWithoutAToken() throws Exception {
    RunningServer.Reply reply = server.get("/actuator/health", null);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("status").asString()).isEqualTo("UP");
  }

  @Test
  void apiNeedsATokenAndSaysSoAsProblemJson() throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/protocols", null);
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().get("type").asString()).endsWith("/unauthenticated");
    assertThat(server.get("/api/v1/protocols", "sb_wrong").status()).isEqualTo(401);
  }

  @Test
  void theStarterPackIsPublishedAtStart() throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/protocols", RunningServer.TOKEN);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().size()).isEqualTo(16);
    RunningServer.Reply refund =
        server.get("/api/v1/protocols/return-and-refund/versions/1", RunningServer.TOKEN);
    assertThat(refund.status()).isEqualTo(200);
    assertThat(refund.json().get("source").asString()).contains("protocol: return-and-refund");
    assertThat(refund.json().at("/compiled/steps/0/id").asString()).isNotBlank();
  }

  @Test
  void anUnknownProtocolIsAProblemNotFound() throws Exception {
    RunningServer.Reply reply =
        server.get("/api/v1/protocols/nope/versions/3", RunningServer.TOKEN);
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().get("type").asString()).endsWith("/protocol-not-found");
    assertThat(reply.json().get("detail").asString()).contains("`nope` version 3");
  }

  @Test
  void anAgentMayReadButNotImport() throws Exception {
    String agent = tokenFor("agent-" + System.nanoTime(), Role.AGENT);
    assertThat(server.get("/api/v1/protocols", agent).status()).isEqualTo(200);
    RunningServer.Reply reply =
        server.post("/api/v1/protocols/import", agent, "application/zip", zip(Map.of()));
    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.json().get("type").asString()).endsWith("/forbidden");
  }

  @Test
  void importingAChangedProtocolPublishesTheNextVersionAndAnUnchangedOneNothing() throws Exception {
    String author = tokenFor("author-" + System.nanoTime(), Role.AUTHOR);
    String source = Files.readString(STARTER_PACK.resolve("online-chat.yaml"));
    RunningServer.Reply same =
        server.post(
            "/api/v1/protocols/import",
            author,
            "application/zip",
            zipWithCalendars(
                Map.of(
                    "online-chat.yaml",
                    source.replace("protocol: online-chat", "protocol: chat-copy"))));
    assertThat(same.status()).as(same.body()).isEqualTo(200);
    RunningServer.Reply again =
        server.post(
            "/api/v1/protocols/import",
            author,
            "application/zip",
            zipWithCalendars(
                Map.of(
                    "online-chat.yaml",
                    source.replace("protocol: online-chat", "protocol: chat-copy"))));
    assertThat(again.json().get("published").size()).isZero();
    RunningServer.Reply changed =
        server.post(
            "/api/v1/protocols/import",
            author,
            "application/zip",
            zipWithCalendars(
                Map.of(
                    "online-chat.yaml",
                    source
                        .replace("protocol: online-chat", "protocol: chat-copy")
                        .replace("title: ", "title: Revised "))));
    assertThat(changed.json().get("published").get(0).asString()).isEqualTo("chat-copy@2");
    assertThat(server.get("/api/v1/protocols/chat-copy", author).json().get("versions").toString())
        .isEqualTo("[1,2]");
  }

  @Test
  void aBrokenPackIsRefusedWithEveryErrorAndNothingIsStored() throws Exception {
    String author = tokenFor("author-" + System.nanoTime(), Role.AUTHOR);
    RunningServer.Reply reply =
        server.post(
            "/api/v1/protocols/import",
            author,
            "application/zip",
            zip(
                Map.of(
                    "broken.yaml",
                    "protocol: broken\ntitle: Broken\nprority: 5\nsteps:\n  - id: a\n    next: nowhere\n")));
    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json().get("type").asString()).endsWith("/invalid-pack");
    assertThat(reply.json().get("errors")).hasSize(2);
    assertThat(reply.json().at("/errors/0/file").asString()).isEqualTo("broken.yaml");
    assertThat(reply.json().at("/errors/0/line").asInt()).isEqualTo(3);
    assertThat(server.get("/api/v1/protocols/broken", author).status()).isEqualTo(404);
  }

  @Test
  void theAuditTrailIsChainedAndShowsTampering() {
    AuditLog audit = server.bean(AuditLog.class);
    assertThat(audit.entries("protocol", "return-and-refund"))
        .extracting(AuditLog.Entry::eventType)
        .contains("protocol.published");
    assertThat(audit.verify()).isEmpty();
    JdbcClient jdbc = server.bean(JdbcClient.class);
    long id =
        jdbc.sql("SELECT MIN(id) FROM audit_event WHERE subject_id = 'online-chat'")
            .query(Long.class)
            .single();
    jdbc.sql("UPDATE audit_event SET actor = 'mallory' WHERE id = :id").param("id", id).update();
    try {
      assertThat(audit.verify()).map(AuditLog.Entry::id).contains(id);
    } finally {
      jdbc.sql("UPDATE audit_event SET actor = 'system' WHERE id = :id").param("id", id).update();
    }
  }

  @Test
  void passwordsAreStoredAsArgon2HashesAndTokensOnlyAsHashes() {
    String name = "hash-check-" + System.nanoTime();
    String token = tokenFor(name, Role.AGENT);
    JdbcClient jdbc = server.bean(JdbcClient.class);
    String hash =
        jdbc.sql("SELECT password_hash FROM app_user WHERE username = :u")
            .param("u", name)
            .query(String.class)
            .single();
    assertThat(hash).startsWith("$argon2id$").doesNotContain("secret");
    List<String> tokens = jdbc.sql("SELECT token_hash FROM api_token").query(String.class).list();
    assertThat(tokens).doesNotContain(token).contains(AuditLog.sha256(token));
  }

  private static byte[] zipWithCalendars(Map<String, String> protocols) throws IOException {
    Map<String, String> files = new java.util.LinkedHashMap<>(protocols);
    try (var calendars = Files.list(STARTER_PACK.resolve("calendars"))) {
      for (Path c : calendars.toList()) {
        files.put("calendars/" + c.getFileName(), Files.readString(c));
      }
    }
    try (var fragments = Files.list(STARTER_PACK.resolve("fragments"))) {
      for (Path f : fragments.toList()) {
        files.put("fragments/" + f.getFileName(), Files.readString(f));
      }
    }
    return zip(files);
  }

  static byte[] zip(Map<String, String> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (var e : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
