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
            dataDir,
            environment,
            Map.of(
                "servicebook.protocols",
                STARTER_PACK.toString(),
                "servicebook.timers.polling-interval",
                "PT0.1S"));
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
  void theOpenApiDocumentDescribesTheApiAndIsServedWithoutAToken() throws Exception {
    RunningServer.Reply reply = server.get("/v3/api-docs", null);
    assertThat(reply.status()).isEqualTo(200);
    var document = reply.json();
    assertThat(document.get("openapi").asString()).startsWith("3.");
    assertThat(document.at("/info/title").asString()).isEqualTo("Servicebook API");
    assertThat(document.at("/components/securitySchemes/bearer/scheme").asString())
        .isEqualTo("bearer");
    assertThat(document.get("paths").propertyNames())
        .contains(
            "/api/v1/protocols",
            "/api/v1/cases",
            "/api/v1/cases/{id}",
            "/api/v1/runs/{runId}/steps/{stepId}",
            "/api/v1/runs/{runId}/steps/{stepId}/skip")
        .allMatch(path -> path.startsWith("/api/v1/"));
    assertThat(document.at("/paths/~1api~1v1~1cases/post").isMissingNode()).isFalse();
  }

  @Test
  void apiNeedsATokenAndSaysSoAsProblemJson() throws Exception {
    RunningServer.Reply reply = server.get("/api/v1/protocols", null);
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().get("type").asString()).endsWith("/unauthenticated");
    assertThat(reply.json().propertyNames()).containsExactly("type", "title", "status", "detail");
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
      // the server's own check may have run meanwhile: its health must not stay broken
      server.bean(io.servicebook.server.audit.AuditChecks.class).checkNow();
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

  // --- cases and runs ---

  private static Map<String, Object> aCase(String channel, String category, String email) {
    Map<String, Object> customer = new java.util.LinkedHashMap<>();
    customer.put("first_name", "Ana");
    customer.put("last_name", "García");
    customer.put("email", email);
    customer.put("tier", "standard");
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("channel", channel);
    body.put("category", category);
    body.put("subject", "The kettle arrived broken");
    body.put("message", "Hello, the kettle I ordered arrived with a cracked lid.");
    body.put("customer", customer);
    return body;
  }

  private RunningServer.Reply postJson(String path, String token, Object body) throws Exception {
    return server.post(path, token, "application/json", RunningServer.JSON.writeValueAsBytes(body));
  }

  private RunningServer.Reply postJson(String path, String token, Object body, String key)
      throws Exception {
    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base + path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
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

  private long casesStored() {
    return server
        .bean(JdbcClient.class)
        .sql("SELECT COUNT(*) FROM service_case")
        .query(Long.class)
        .single();
  }

  private tools.jackson.databind.JsonNode openReturn(String token) throws Exception {
    RunningServer.Reply reply =
        postJson("/api/v1/cases", token, aCase("email", "return", "ana@example.com"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json();
  }

  private RunningServer.Reply submit(String runId, String step, Map<String, Object> body)
      throws Exception {
    return postJson("/api/v1/runs/" + runId + "/steps/" + step, RunningServer.TOKEN, body);
  }

  @Test
  void aCustomerIsMatchedByAddressAcrossCasesAndKeepsTierAndLifetimeValue() throws Exception {
    Map<String, Object> first = aCase("email", "return", "Mia.Keller@Example.com");
    ((Map<String, Object>) first.get("customer")).put("tier", "vip");
    RunningServer.Reply opened = postJson("/api/v1/cases", RunningServer.TOKEN, first);
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    String customer = opened.json().at("/customer/id").asString();
    String supervisor = tokenFor("cora", Role.SUPERVISOR);
    String agent = tokenFor("abe", Role.AGENT);

    RunningServer.Reply bad =
        server.put(
            "/api/v1/customers/" + customer,
            supervisor,
            Map.of("lifetime_value", "-3", "colour", "red"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").findValuesAsString("field"))
        .containsExactlyInAnyOrder("lifetime_value", "colour");
    assertThat(
            server
                .put("/api/v1/customers/" + customer, agent, Map.of("lifetime_value", "9"))
                .status())
        .isEqualTo(403);
    RunningServer.Reply updated =
        server.put("/api/v1/customers/" + customer, supervisor, Map.of("lifetime_value", "1250.5"));
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updated.json().get("lifetime_value").asString()).isEqualTo("1250.50");

    Map<String, Object> second = aCase("chat", "return", "mia.keller@example.com");
    ((Map<String, Object>) second.get("customer")).remove("tier");
    RunningServer.Reply again = postJson("/api/v1/cases", RunningServer.TOKEN, second);
    assertThat(again.status()).as(again.body()).isEqualTo(201);
    assertThat(again.json().at("/customer/id").asString()).isEqualTo(customer);
    assertThat(again.json().at("/customer/tier").asString()).isEqualTo("vip");
    assertThat(again.json().at("/customer/lifetime_value").asString()).isEqualTo("1250.50");

    var shown = server.get("/api/v1/customers/" + customer, agent).json();
    assertThat(shown.get("cases").valueStream().map(c -> c.get("id").asString()))
        .containsExactlyInAnyOrder(
            opened.json().get("id").asString(), again.json().get("id").asString());
    assertThat(
            server
                .get("/api/v1/customers?q=KELLER", agent)
                .json()
                .get("items")
                .valueStream()
                .map(c -> c.get("id").asString()))
        .containsExactly(customer);
    assertThat(server.get("/api/v1/customers/nobody", agent).json().get("type").asString())
        .endsWith("/customer-not-found");
    assertThat(
            server.get("/api/v1/cases?customer_id=" + customer, agent).json().get("items").size())
        .isEqualTo(2);
    assertThat(server.bean(AuditLog.class).entries("customer", customer))
        .extracting(AuditLog.Entry::eventType)
        .containsExactly("customer.updated");
  }

  @Test
  void theCaseListFiltersByQueueAndByBreachingSoon() throws Exception {
    tools.jackson.databind.JsonNode created = openReturn(RunningServer.TOKEN);
    String id = created.get("id").asString();
    RunningServer.Reply assigned =
        postJson(
            "/api/v1/cases/" + id + "/assignee",
            RunningServer.TOKEN,
            Map.of("assignee", "queue-ana", "team", "queue-team"));
    assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
    String ana = tokenFor("queue-ana", Role.AGENT);

    assertThat(listed("/api/v1/cases?assignee=me&limit=200", ana)).contains(id);
    assertThat(listed("/api/v1/cases?assignee=queue-ana&limit=200", ana)).contains(id);
    assertThat(listed("/api/v1/cases?team=queue-team&limit=200", ana)).containsExactly(id);
    assertThat(listed("/api/v1/cases?assignee=none&limit=200", ana)).doesNotContain(id);
    // its first response is due in some hours: due within a year, not within no time
    assertThat(listed("/api/v1/cases?breaching_within=P365D&limit=200", ana)).contains(id);
    assertThat(listed("/api/v1/cases?breaching_within=PT0S&limit=200", ana)).doesNotContain(id);

    RunningServer.Reply bad =
        server.get("/api/v1/cases?breaching_within=soon&assignee=me&team=x", ana);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").findValuesAsString("field"))
        .containsExactlyInAnyOrder("breaching_within", "team");
  }

  @Test
  void aCaseShowsItsHistoryWithItsRunsEvents() throws Exception {
    tools.jackson.databind.JsonNode created = openReturn(RunningServer.TOKEN);
    String id = created.get("id").asString();
    RunningServer.Reply status =
        postJson(
            "/api/v1/cases/" + id + "/status",
            RunningServer.TOKEN,
            Map.of("status", "waiting_on_customer", "reason", "asked for the order number"));
    assertThat(status.status()).as(status.body()).isEqualTo(200);

    RunningServer.Reply reply =
        server.get("/api/v1/cases/" + id + "/events", tokenFor("eve", Role.AGENT));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    var items = reply.json().get("items");
    List<String> types = items.valueStream().map(e -> e.get("type").asString()).toList();
    assertThat(types)
        .containsSubsequence("case.opened", "run.started", "case.status_changed")
        .contains("case.interaction_added");
    var change =
        items
            .valueStream()
            .filter(e -> e.get("type").asString().equals("case.status_changed"))
            .findFirst()
            .orElseThrow();
    assertThat(change.get("reason").asString()).isEqualTo("asked for the order number");
    assertThat(change.at("/details/to").asString()).isEqualTo("waiting_on_customer");
    assertThat(change.get("subject").asString()).isEqualTo("case:" + id);
    assertThat(server.get("/api/v1/cases/nope/events", RunningServer.TOKEN).status())
        .isEqualTo(404);
    assertThat(server.get("/api/v1/cases/" + id + "/events", null).status()).isEqualTo(401);
  }

  @Test
  void calendarsShowTheirHoursAndAnswerWhenATargetFallsDue() throws Exception {
    String agent = tokenFor("cal", Role.AGENT);
    assertThat(
            server
                .get("/api/v1/calendars", agent)
                .json()
                .get("items")
                .valueStream()
                .map(c -> c.get("name").asString()))
        .contains("eu-business", "always-open");
    var eu = server.get("/api/v1/calendars/eu-business", agent).json();
    assertThat(eu.get("zone").asString()).isEqualTo("Europe/Berlin");
    assertThat(eu.at("/hours/monday").isArray()).isTrue();
    // Friday 16:00 Berlin (15:00Z) plus 8 business hours
    var due =
        server.get(
            "/api/v1/calendars/eu-business/deadline?start=2026-03-27T15:00:00Z&target=PT8H", agent);
    assertThat(due.status()).as(due.body()).isEqualTo(200);
    // 1.5 h on Friday, none over the weekend (DST starts on Sunday), 6.5 h on Monday from 09:00
    // CEST with the lunch break: Monday 16:30 CEST
    assertThat(due.json().get("due_at").asString()).isEqualTo("2026-03-30T14:30:00Z");
    var bad = server.get("/api/v1/calendars/eu-business/deadline?start=friday&target=-PT1H", agent);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").valueStream().map(e -> e.get("field").asString()))
        .containsExactly("start", "target");
    assertThat(server.get("/api/v1/calendars/mars", agent).json().get("type").asString())
        .endsWith("/calendar-not-found");
  }

  @Test
  void theBreachingListIsSoonestDueFirstAcrossPages() throws Exception {
    openReturn(RunningServer.TOKEN);
    openReturn(RunningServer.TOKEN);
    openReturn(RunningServer.TOKEN);
    List<String> all =
        listed("/api/v1/cases?breaching_within=P365D&limit=200", RunningServer.TOKEN);
    List<String> walked = new java.util.ArrayList<>();
    List<String> dues = new java.util.ArrayList<>();
    String path = "/api/v1/cases?breaching_within=P365D&limit=2";
    for (int pages = 0; path != null && pages < 200; pages++) {
      tools.jackson.databind.JsonNode page = server.get(path, RunningServer.TOKEN).json();
      for (tools.jackson.databind.JsonNode item : page.get("items")) {
        walked.add(item.get("id").asString());
        dues.add(
            server
                .get("/api/v1/cases/" + item.get("id").asString(), RunningServer.TOKEN)
                .json()
                .get("sla")
                .valueStream()
                .filter(c -> c.get("state").asString().matches("running|warned|breached"))
                .map(c -> c.get("due_at").asString())
                .min(java.util.Comparator.comparing(java.time.Instant::parse))
                .orElseThrow());
      }
      tools.jackson.databind.JsonNode next = page.get("next_cursor");
      path =
          next == null || next.isNull()
              ? null
              : "/api/v1/cases?breaching_within=P365D&limit=2&cursor=" + next.asString();
    }
    assertThat(walked).hasSizeGreaterThanOrEqualTo(3).containsExactlyElementsOf(all);
    assertThat(dues.stream().map(java.time.Instant::parse).toList()).isSorted();
  }

  private List<String> listed(String path, String token) throws Exception {
    RunningServer.Reply reply = server.get(path, token);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().get("items").valueStream().map(c -> c.get("id").asString()).toList();
  }

  @Test
  void aNewCaseGetsTheProtocolOfItsCategoryAndItsFirstStep() throws Exception {
    tools.jackson.databind.JsonNode created = openReturn(RunningServer.TOKEN);
    assertThat(created.get("id").asString()).isNotBlank();
    assertThat(created.get("status").asString()).isEqualTo("new");
    assertThat(created.at("/protocol/slug").asString()).isEqualTo("return-and-refund");
    assertThat(created.at("/protocol/version").asInt()).isEqualTo(1);
    assertThat(created.at("/run/current_step/id").asString()).isEqualTo("greet");
    assertThat(created.at("/run/current_step/script").asString()).startsWith("Hi Ana,");
    assertThat(created.at("/alternatives").toString()).contains("channel-code-of-conduct");
    assertThat(created.at("/customer/email").asString()).isEqualTo("ana@example.com");
    assertThat(created.at("/interactions/0/kind").asString()).isEqualTo("inbound");
  }

  @Test
  void aCaseNoProtocolAppliesToIsOpenedWithoutARun() throws Exception {
    RunningServer.Reply reply =
        postJson(
            "/api/v1/cases",
            RunningServer.TOKEN,
            aCase("sms", "nothing-we-know", "sam@example.com"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.json().get("protocol").isNull()).isTrue();
    assertThat(reply.json().get("run").isNull()).isTrue();
  }

  @Test
  void retryingWithTheSameIdempotencyKeyAnswersTheSameCaseAndOpensNothing() throws Exception {
    String key = "retry-" + System.nanoTime();
    Map<String, Object> body = aCase("chat", "refund", "ana@example.com");
    RunningServer.Reply first = postJson("/api/v1/cases", RunningServer.TOKEN, body, key);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    long stored = casesStored();
    RunningServer.Reply again = postJson("/api/v1/cases", RunningServer.TOKEN, body, key);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(casesStored()).isEqualTo(stored);
    RunningServer.Reply other =
        postJson(
            "/api/v1/cases",
            RunningServer.TOKEN,
            aCase("chat", "refund", "somebody@example.com"),
            key);
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.json().get("type").asString()).endsWith("/idempotency-key-reused");
  }

  @Test
  void aNewCustomersFirstCasesOpenedAtOnceAreAllOpenedForOneCustomer() throws Exception {
    String email = "rush-" + System.nanoTime() + "@example.com";
    int clients = 8;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(clients);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<RunningServer.Reply>> replies = new java.util.ArrayList<>();
    for (int i = 0; i < clients; i++) {
      replies.add(
          pool.submit(
              () -> {
                go.await();
                return postJson(
                    "/api/v1/cases", RunningServer.TOKEN, aCase("email", "return", email));
              }));
    }
    go.countDown();
    java.util.Set<String> customers = new java.util.HashSet<>();
    for (java.util.concurrent.Future<RunningServer.Reply> reply : replies) {
      RunningServer.Reply r = reply.get();
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      customers.add(r.json().get("customer").get("id").asString());
    }
    pool.shutdown();
    assertThat(customers).as("one customer for one address").hasSize(1);
  }

  @Test
  void anInvalidCaseIsRefusedNamingEveryBadFieldAndNothingIsStored() throws Exception {
    long stored = casesStored();
    RunningServer.Reply reply =
        postJson("/api/v1/cases", RunningServer.TOKEN, aCase("pigeon", "return", "not-an-email"));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().get("type").asString()).endsWith("/invalid-case");
    assertThat(reply.json().findValuesAsString("field"))
        .containsExactlyInAnyOrder("channel", "customer.email");
    assertThat(casesStored()).isEqualTo(stored);
  }

  @Test
  void aCaseReadsBackAsOpenedAndAnUnknownOneIsNotFound() throws Exception {
    tools.jackson.databind.JsonNode created = openReturn(RunningServer.TOKEN);
    String id = created.get("id").asString();
    RunningServer.Reply read = server.get("/api/v1/cases/" + id, RunningServer.TOKEN);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("id").asString()).isEqualTo(id);
    assertThat(read.json().at("/run/id").asString()).isEqualTo(created.at("/run/id").asString());
    RunningServer.Reply missing = server.get("/api/v1/cases/nope", RunningServer.TOKEN);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("type").asString()).endsWith("/case-not-found");
  }

  @Test
  void aStepIsTakenOnlyWithValidValuesAndOnlyWhenItIsTheCurrentOne() throws Exception {
    String run = openReturn(RunningServer.TOKEN).at("/run/id").asString();
    RunningServer.Reply notCurrent = submit(run, "label", Map.of());
    assertThat(notCurrent.status()).isEqualTo(409);
    assertThat(notCurrent.json().get("type").asString()).endsWith("/not-current-step");
    assertThat(submit(run, "greet", Map.of()).status()).isEqualTo(200);
    RunningServer.Reply invalid =
        submit(
            run,
            "gather",
            Map.of("fields", Map.of("order_number", "x", "purchase_date", "yesterday")));
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.json().get("type").asString()).endsWith("/step-refused");
    assertThat(invalid.json().findValuesAsString("field"))
        .contains("fields.order_number", "fields.purchase_date", "fields.reason");
    RunningServer.Reply valid =
        submit(
            run,
            "gather",
            Map.of(
                "fields",
                Map.of(
                    "order_number",
                    "ORD-123456",
                    "purchase_date",
                    "2026-01-15",
                    "reason",
                    "damaged")));
    assertThat(valid.status()).as(valid.body()).isEqualTo(200);
    assertThat(valid.json().at("/current_step/id").asString()).isEqualTo("photo");
    assertThat(valid.json().at("/fields/purchase_date").asString()).isEqualTo("2026-01-15");
    assertThat(server.get("/api/v1/runs/" + run, RunningServer.TOKEN).json().at("/fields"))
        .isEqualTo(valid.json().at("/fields"));
  }

  @Test
  void walkingAProtocolToItsResolveStepResolvesTheCaseAndSkipsNeedAReason() throws Exception {
    tools.jackson.databind.JsonNode created = openReturn(RunningServer.TOKEN);
    String run = created.at("/run/id").asString();
    submit(run, "greet", Map.of());
    submit(
        run,
        "gather",
        Map.of(
            "fields",
            Map.of(
                "order_number", "ORD-123456", "purchase_date", "2026-01-15", "reason", "damaged")));
    RunningServer.Reply noReason =
        postJson("/api/v1/runs/" + run + "/steps/photo/skip", RunningServer.TOKEN, Map.of());
    assertThat(noReason.status()).isEqualTo(422);
    assertThat(noReason.json().findValuesAsString("field")).contains("reason");
    RunningServer.Reply skipped =
        postJson(
            "/api/v1/runs/" + run + "/steps/photo/skip",
            RunningServer.TOKEN,
            Map.of("reason", "the wrong item is obvious from the order"));
    assertThat(skipped.status()).as(skipped.body()).isEqualTo(200);
    // eligibility decides by itself: a damaged item is our mistake
    assertThat(skipped.json().at("/current_step/id").asString()).isEqualTo("our-mistake");
    assertThat(skipped.json().toString()).contains("the wrong item is obvious from the order");
    assertThat(submit(run, "our-mistake", Map.of()).status()).isEqualTo(200);
    RunningServer.Reply preference =
        submit(
            run,
            "preference",
            Map.of("fields", Map.of("resolution_type", "refund", "refund_amount", "49.90")));
    assertThat(preference.status()).as(preference.body()).isEqualTo(200);
    assertThat(preference.json().at("/current_step/script").asString()).contains("ORD-123456");
    assertThat(submit(run, "label", Map.of()).status()).isEqualTo(200);
    RunningServer.Reply closed = submit(run, "close", Map.of());
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertThat(closed.json().get("status").asString()).isEqualTo("completed");
    assertThat(closed.json().get("current_step").isNull()).isTrue();
    String caseId = created.get("id").asString();
    assertThat(
            server
                .get("/api/v1/cases/" + caseId, RunningServer.TOKEN)
                .json()
                .get("status")
                .asString())
        .isEqualTo("resolved");
    assertThat(server.bean(AuditLog.class).entries("case", caseId))
        .extracting(AuditLog.Entry::eventType)
        .contains("case.opened", "case.status_changed");
    assertThat(server.bean(AuditLog.class).entries("run", run))
        .extracting(AuditLog.Entry::eventType)
        .contains("run.started", "run.step_skipped", "run.completed");
    assertThat(server.bean(AuditLog.class).verify()).isEmpty();
  }

  @Test
  void anIllegalStatusMoveIsAConflictNamingFromAndTo() throws Exception {
    String id = openReturn(RunningServer.TOKEN).get("id").asString();
    RunningServer.Reply reply =
        postJson(
            "/api/v1/cases/" + id + "/status",
            RunningServer.TOKEN,
            Map.of("status", "closed", "reason", "done"));
    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.json().get("from").asString()).isEqualTo("new");
    assertThat(reply.json().get("to").asString()).isEqualTo("closed");
    RunningServer.Reply open =
        postJson(
            "/api/v1/cases/" + id + "/status",
            RunningServer.TOKEN,
            Map.of("status", "open", "reason", "working on it"));
    assertThat(open.status()).isEqualTo(200);
    assertThat(open.json().get("status").asString()).isEqualTo("open");
  }

  @Test
  void casesNeedATokenAndOnlyThoseWhoWorkCasesMayOpenThem() throws Exception {
    assertThat(server.get("/api/v1/cases", null).status()).isEqualTo(401);
    assertThat(
            postJson("/api/v1/cases", null, aCase("email", "return", "ana@example.com")).status())
        .isEqualTo(401);
    String author = tokenFor("author-" + System.nanoTime(), Role.AUTHOR);
    long stored = casesStored();
    RunningServer.Reply reply =
        postJson("/api/v1/cases", author, aCase("email", "return", "ana@example.com"));
    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.json().get("type").asString()).endsWith("/forbidden");
    assertThat(casesStored()).isEqualTo(stored);
    assertThat(server.get("/api/v1/cases", author).status()).isEqualTo(200);
    String agent = tokenFor("agent-" + System.nanoTime(), Role.AGENT);
    assertThat(openReturn(agent).get("id").asString()).isNotBlank();
  }

  @Test
  void theListingPagesThroughEveryCaseExactlyOnce() throws Exception {
    for (int i = 0; i < 5; i++) {
      openReturn(RunningServer.TOKEN);
    }
    List<String> seen = new java.util.ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      RunningServer.Reply page =
          server.get(
              "/api/v1/cases?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
              RunningServer.TOKEN);
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.json().get("items").forEach(item -> seen.add(item.get("id").asString()));
      cursor =
          page.json().get("next_cursor").isNull()
              ? null
              : page.json().get("next_cursor").asString();
      pages++;
    } while (cursor != null && pages < 1000);
    List<String> all =
        server.bean(JdbcClient.class).sql("SELECT id FROM service_case").query(String.class).list();
    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    RunningServer.Reply filtered =
        server.get("/api/v1/cases?protocol=return-and-refund&status=new", RunningServer.TOKEN);
    assertThat(filtered.json().get("items").size()).isPositive();
    assertThat(server.get("/api/v1/cases?cursor=bogus", RunningServer.TOKEN).status())
        .isEqualTo(400);
  }

  // --- SLA clocks ---

  private static tools.jackson.databind.JsonNode clock(
      tools.jackson.databind.JsonNode kase, String target) {
    for (tools.jackson.databind.JsonNode c : kase.get("sla")) {
      if (c.get("target").asString().equals(target)) {
        return c;
      }
    }
    throw new AssertionError("no " + target + " clock in " + kase.get("sla"));
  }

  private List<String> auditOf(String caseId) {
    return server.bean(AuditLog.class).entries("case", caseId).stream()
        .map(AuditLog.Entry::eventType)
        .toList();
  }

  private static void await(java.util.function.BooleanSupplier condition) throws Exception {
    long end = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(100);
    }
  }

  @Test
  void aCaseOnAProtocolWithAnSlaShowsItsClocksWithTheirDueTimesAndTimers() throws Exception {
    tools.jackson.databind.JsonNode created = openReturn(RunningServer.TOKEN);
    String id = created.get("id").asString();
    assertThat(created.get("sla").findValuesAsString("target"))
        .containsExactly("first_response", "resolution");
    tools.jackson.databind.JsonNode first = clock(created, "first_response");
    assertThat(first.get("cycle").asInt()).isEqualTo(1);
    assertThat(first.get("state").asString()).isEqualTo("running");
    assertThat(first.get("started_at").asString()).isEqualTo(created.get("created_at").asString());
    assertThat(first.get("stopped_at").isNull()).isTrue();
    java.time.Instant due = java.time.Instant.parse(first.get("due_at").asString());
    java.time.Instant warn = java.time.Instant.parse(first.get("warn_at").asString());
    assertThat(warn).isAfter(java.time.Instant.parse(first.get("started_at").asString()));
    assertThat(due).isAfter(warn);
    assertThat(first.get("elapsed_seconds").asLong()).isNotNegative();
    assertThat(server.get("/api/v1/cases/" + id, RunningServer.TOKEN).json().get("sla")).hasSize(2);
    List<String> timers =
        server
            .bean(JdbcClient.class)
            .sql("SELECT task_instance FROM scheduled_tasks WHERE task_instance LIKE :id")
            .param("id", "%:" + id + ":%")
            .query(String.class)
            .list();
    assertThat(timers)
        .contains(
            "sla-breach:" + id + ":first_response:1:" + due.toEpochMilli(),
            "sla-warning:" + id + ":first_response:1:" + warn.toEpochMilli());
  }

  @Test
  void anAgentsReplyMeetsTheFirstResponseClockAndANoteDoesNot() throws Exception {
    String id = openReturn(RunningServer.TOKEN).get("id").asString();
    RunningServer.Reply noted =
        postJson(
            "/api/v1/cases/" + id + "/interactions",
            RunningServer.TOKEN,
            Map.of("kind", "note", "body", "Customer sounds upset."));
    assertThat(clock(noted.json(), "first_response").get("state").asString()).isEqualTo("running");
    RunningServer.Reply replied =
        postJson(
            "/api/v1/cases/" + id + "/interactions",
            RunningServer.TOKEN,
            Map.of("kind", "outbound", "body", "Sorry to hear that; we will replace it."));
    assertThat(replied.status()).as(replied.body()).isEqualTo(200);
    tools.jackson.databind.JsonNode first = clock(replied.json(), "first_response");
    assertThat(first.get("state").asString()).isEqualTo("met");
    assertThat(first.get("stopped_at").asString())
        .isEqualTo(replied.json().at("/interactions/2/at").asString());
    assertThat(clock(replied.json(), "resolution").get("state").asString()).isEqualTo("running");
  }

  @Test
  void waitingOnTheCustomerPausesTheClocksAndTheirDueTimesAreUnknownMeanwhile() throws Exception {
    String id = openReturn(RunningServer.TOKEN).get("id").asString();
    RunningServer.Reply waiting =
        postJson(
            "/api/v1/cases/" + id + "/status",
            RunningServer.TOKEN,
            Map.of("status", "waiting_on_customer", "reason", "asked for the order number"));
    assertThat(waiting.status()).as(waiting.body()).isEqualTo(200);
    assertThat(waiting.json().get("sla").findValuesAsString("state")).containsOnly("paused");
    assertThat(clock(waiting.json(), "first_response").get("due_at").isNull()).isTrue();
    RunningServer.Reply answered =
        postJson(
            "/api/v1/cases/" + id + "/interactions",
            RunningServer.TOKEN,
            Map.of("kind", "inbound", "body", "It is ORD-123456."));
    assertThat(answered.json().get("status").asString()).isEqualTo("open");
    assertThat(clock(answered.json(), "first_response").get("state").asString())
        .isEqualTo("running");
    assertThat(clock(answered.json(), "first_response").get("due_at").isNull()).isFalse();
  }

  @Test
  void aBreachedClockIsAuditedAndEscalatesTheCaseOnceAsTheProtocolSays() throws Exception {
    RunningServer.Reply imported =
        server.post(
            "/api/v1/protocols/import",
            RunningServer.TOKEN,
            "application/zip",
            zip(
                Map.of(
                    "sla-drill.yaml",
                    """
                    protocol: sla-drill
                    title: SLA drill
                    owner: support-operations
                    review_every: P6M
                    applies_when: case.category == "sla-drill"
                    priority: 90
                    channels: [email]
                    languages: [en]
                    sla:
                      first_response: PT3S
                      warn_at: 0.3
                      on_breach: [{escalate: team-lead}, {notify: supervisor}]
                    steps:
                      - id: answer
                        title: Answer the customer
                        script: {en: "Hello, we are on it."}
                    """)));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    RunningServer.Reply opened =
        postJson(
            "/api/v1/cases", RunningServer.TOKEN, aCase("email", "sla-drill", "b@example.com"));
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    String id = opened.json().get("id").asString();
    assertThat(opened.json().at("/protocol/slug").asString()).isEqualTo("sla-drill");
    tools.jackson.databind.JsonNode first = clock(opened.json(), "first_response");
    assertThat(first.get("state").asString()).isEqualTo("running");
    assertThat(
            java.time.Duration.between(
                java.time.Instant.parse(first.get("started_at").asString()),
                java.time.Instant.parse(first.get("due_at").asString())))
        .isEqualTo(java.time.Duration.ofSeconds(3));

    await(() -> auditOf(id).contains("case.escalated"));

    tools.jackson.databind.JsonNode kase =
        server.get("/api/v1/cases/" + id, RunningServer.TOKEN).json();
    assertThat(clock(kase, "first_response").get("state").asString()).isEqualTo("breached");
    assertThat(kase.get("team").asString()).isEqualTo("team-lead");
    assertThat(auditOf(id))
        .containsSubsequence("sla.warned", "sla.breached", "case.escalated", "case.assigned")
        .containsOnlyOnce("sla.warned", "sla.breached", "case.escalated", "notification.requested");

    // another breach timer for the same clock cycle (a moved due time, a second node) acts no more
    java.time.Instant due = java.time.Instant.parse(first.get("due_at").asString());
    String again = id + ":first_response:1:" + (due.toEpochMilli() + 1);
    server
        .bean(org.springframework.transaction.support.TransactionTemplate.class)
        .executeWithoutResult(
            status ->
                server
                    .bean(io.servicebook.server.timers.Timers.class)
                    .schedule(
                        "sla-breach", again, server.bean(java.time.Clock.class).instant(), ""));
    await(() -> !server.bean(AuditLog.class).entries("timer", "sla-breach:" + again).isEmpty());
    assertThat(server.bean(AuditLog.class).entries("timer", "sla-breach:" + again)).hasSize(1);
    assertThat(auditOf(id)).containsOnlyOnce("sla.breached", "case.escalated", "case.assigned");
    assertThat(server.bean(AuditLog.class).verify()).isEmpty();
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
