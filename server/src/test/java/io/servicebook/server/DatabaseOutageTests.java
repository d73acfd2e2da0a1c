package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.security.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL goes away under load (a proxy between the server and the database drops every
 * connection and refuses new ones) and comes back: meanwhile the API answers 503 problem+json with
 * Retry-After, the console its "database unavailable" page, readiness is DOWN and liveness UP;
 * afterwards the server serves again without a restart, every case acknowledged is there, and a
 * refused one retried with its Idempotency-Key is there once.
 */
class DatabaseOutageTests {

  private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.+)");
  private static final int CLIENTS = 4;

  private static TcpProxy proxy;
  private static RunningServer server;
  private static String token;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> environment = new LinkedHashMap<>(TestDatabases.freshPostgres());
    Matcher url = JDBC.matcher(environment.get("SERVICEBOOK_DB_URL"));
    assertThat(url.matches()).as(environment.get("SERVICEBOOK_DB_URL")).isTrue();
    proxy = new TcpProxy(url.group(1), Integer.parseInt(url.group(2)));
    environment.put(
        "SERVICEBOOK_DB_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + url.group(3));
    Path data = Files.createTempDirectory("database-outage");
    server =
        RunningServer.start(
            data,
            environment,
            Map.of("servicebook.protocols", ServerContractTests.STARTER_PACK.toString()));
    token = server.tokenFor("agent-outage", Role.AGENT);
    server.tokenFor("supervisor-outage", Role.SUPERVISOR);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  /** One answer, with the headers an outage is about. */
  private record Answer(int status, String contentType, String retryAfter, String body) {
    JsonNode json() {
      return RunningServer.JSON.readTree(body);
    }
  }

  private static Answer send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> r =
        http.send(
            request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(
        r.statusCode(),
        r.headers().firstValue("Content-Type").orElse(""),
        r.headers().firstValue("Retry-After").orElse(null),
        r.body());
  }

  private static Answer get(String path) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(server.base + path))
            .header("Authorization", "Bearer " + token));
  }

  private static Answer open(String key) throws Exception {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Grace");
    customer.put("last_name", "Hopper");
    customer.put("email", "grace+" + key + "@example.com");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "email");
    body.put("category", "refund");
    body.put("subject", "Refund " + key);
    body.put("message", "Where is my refund?");
    body.put("customer", customer);
    return send(
        HttpRequest.newBuilder(URI.create(server.base + "/api/v1/cases"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(
                    RunningServer.JSON.writeValueAsBytes(body))));
  }

  private static void assertDatabaseUnavailable(Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(503);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.retryAfter()).isNotNull();
    assertThat(Integer.parseInt(answer.retryAfter())).isPositive();
    assertThat(answer.json().get("type").asString())
        .isEqualTo("https://servicebook.dev/problems/database-unavailable");
    assertThat(answer.json().get("status").asInt()).isEqualTo(503);
    assertThat(answer.body()).doesNotContain("Exception", "at org.", "at io.");
  }

  private static String status(Answer health) {
    return health.json().get("status").asString();
  }

  @Test
  void whileTheDatabaseIsGoneTheServerSaysSoAndAfterwardsNothingAcknowledgedIsLost()
      throws Exception {
    ConsoleSession supervisor = new ConsoleSession(server.base);
    supervisor.login("supervisor-outage", "secret");
    assertThat(supervisor.get("/").statusCode()).isEqualTo(200);
    assertThat(status(get("/actuator/health/readiness"))).isEqualTo("UP");

    Map<String, String> acknowledged = new ConcurrentHashMap<>(); // key → case id
    Set<String> unanswered = ConcurrentHashMap.newKeySet();
    List<Answer> refusals = new CopyOnWriteArrayList<>();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      clients.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (running.get()) {
                      String key = UUID.randomUUID().toString();
                      try {
                        Answer answer = open(key);
                        if (answer.status() == 201) {
                          acknowledged.put(key, answer.json().get("id").asString());
                        } else {
                          unanswered.add(key);
                          refusals.add(answer);
                        }
                      } catch (Exception e) {
                        unanswered.add(key);
                        refusals.add(new Answer(-1, "", null, e.toString()));
                      }
                    }
                  }));
    }
    Instant started = Instant.now();
    while (acknowledged.size() < 2 * CLIENTS) {
      assertThat(refusals).as("refusals before the outage").isEmpty();
      assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(60));
      Thread.sleep(50);
    }
    int beforeOutage = acknowledged.size();

    proxy.cut();
    Instant cut = Instant.now();
    assertDatabaseUnavailable(open("during-" + UUID.randomUUID()));
    assertDatabaseUnavailable(get("/api/v1/cases"));
    var page = supervisor.get("/");
    assertThat(page.statusCode()).isEqualTo(503);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.headers().firstValue("Retry-After")).isPresent();
    assertThat(page.body())
        .contains("class=\"error-page\"", "database")
        .doesNotContain("Exception", "at org.", "at io.", "Whitelabel");
    ConsoleSession newcomer = new ConsoleSession(server.base);
    Matcher csrf =
        Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(newcomer.get("/login").body());
    assertThat(csrf.find()).isTrue();
    var signIn =
        newcomer.post(
            "/login",
            Map.of("username", "agent-outage", "password", "secret", "_csrf", csrf.group(1)),
            Map.of());
    assertThat(signIn.statusCode()).as("not a false 'wrong password'").isEqualTo(503);
    assertThat(signIn.headers().firstValue("Retry-After")).isPresent();
    assertThat(signIn.body()).contains("class=\"error-page\"");
    Answer readiness = get("/actuator/health/readiness");
    assertThat(readiness.status()).isEqualTo(503);
    assertThat(status(readiness)).isEqualTo("DOWN");
    Answer liveness = get("/actuator/health/liveness");
    assertThat(liveness.status()).isEqualTo(200);
    assertThat(status(liveness)).isEqualTo("UP");
    Duration outage = Duration.between(cut, Instant.now());

    proxy.restore();
    Instant restored = Instant.now();
    while (!"UP".equals(status(get("/actuator/health/readiness")))) {
      assertThat(Duration.between(restored, Instant.now())).isLessThan(Duration.ofSeconds(60));
      Thread.sleep(200);
    }
    Duration recovery = Duration.between(restored, Instant.now());
    Thread.sleep(1_000);
    running.set(false);
    for (Thread client : clients) {
      client.join();
    }

    assertThat(open("after-" + UUID.randomUUID()).status()).isEqualTo(201);
    assertThat(beforeOutage).as("cases acknowledged before the outage").isPositive();
    assertThat(refusals).as("requests refused during the outage").isNotEmpty();
    for (Answer refusal : refusals) {
      assertDatabaseUnavailable(refusal);
    }
    for (String key : unanswered) {
      Answer retried = open(key);
      assertThat(retried.status()).as(retried.body()).isEqualTo(201);
      acknowledged.put(key, retried.json().get("id").asString());
    }
    for (var entry : acknowledged.entrySet()) {
      Answer stored = get("/api/v1/cases/" + entry.getValue());
      assertThat(stored.status()).as("case of key %s", entry.getKey()).isEqualTo(200);
      assertThat(stored.json().get("subject").asString()).isEqualTo("Refund " + entry.getKey());
    }
    assertThat(
            server
                .bean(JdbcClient.class)
                .sql("SELECT subject FROM service_case GROUP BY subject HAVING COUNT(*) > 1")
                .query(String.class)
                .list())
        .as("cases opened twice for one Idempotency-Key")
        .isEmpty();
    System.out.printf(
        "outage %s ms, readiness UP %s ms after the database came back, %d acknowledged, %d"
            + " refused with 503 and retried%n",
        outage.toMillis(), recovery.toMillis(), acknowledged.size(), unanswered.size());
  }
}
