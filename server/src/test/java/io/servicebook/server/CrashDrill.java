package io.servicebook.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an unlucky operator does to a server: clients open cases with Idempotency-Keys while the
 * server process is killed with SIGKILL at a random moment, then restarted on the same data; every
 * client retries what it never heard back about. The drill keeps, per key, the case id the server
 * acknowledged, so a lost or doubled case shows up as a key whose case is gone or answers another
 * id.
 *
 * <p>The server runs in a child JVM from this JVM's class path ({@code servicebook serve}), as a
 * user starts it; the kill is the operating system's, not a graceful stop.
 */
final class CrashDrill implements AutoCloseable {

  static final String TOKEN = ServerProcess.TOKEN;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path dataDir;
  private final Map<String, String> environment;
  private final Random random;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** Key → the case id the server answered with 201. */
  private final Map<String, String> acknowledged = new ConcurrentHashMap<>();

  /** Keys sent without an answer: the kill came first. Their outcome is for a retry to tell. */
  private final Set<String> inDoubt = ConcurrentHashMap.newKeySet();

  private ServerProcess server;
  private String base;
  private int kills;

  CrashDrill(Path dataDir, Map<String, String> environment, long seed) {
    this.dataDir = dataDir;
    this.environment = environment;
    this.random = new Random(seed);
  }

  /** What the drill found after its rounds. */
  record Outcome(int kills, int acknowledged, int lost, int duplicated, List<String> problems) {}

  /**
   * Kills the server {@code rounds} times while {@code clients} open cases, each time after a
   * random 1.5–4 s of load, restarts it and checks every acknowledged case; ends with a graceful
   * stop.
   */
  Outcome run(int rounds, int clients) throws Exception {
    List<String> problems = new ArrayList<>();
    int lost = 0;
    int duplicated = 0;
    start();
    for (int round = 0; round < rounds; round++) {
      Load load = new Load(clients);
      Thread.sleep(1_500 + random.nextInt(2_500));
      kill(); // while the clients are still sending
      load.finish();
      start();
      Check check = check();
      lost += check.lost();
      duplicated += check.duplicated();
      problems.addAll(check.problems());
    }
    return new Outcome(kills, acknowledged.size(), lost, duplicated, problems);
  }

  /** The keys with an acknowledged case, and their case ids. */
  Map<String, String> acknowledged() {
    return Map.copyOf(acknowledged);
  }

  private void start() throws IOException, InterruptedException {
    server = ServerProcess.start(dataDir, environment, dataDir.resolve("server-" + kills + ".log"));
    base = server.base();
  }

  private void kill() throws InterruptedException {
    server.kill();
    kills++;
  }

  /** Stops the server gracefully, for a last look at its database. */
  @Override
  public void close() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }

  /** Clients opening cases, each until the server stops answering or the load is finished. */
  private final class Load {

    private final AtomicBoolean stop = new AtomicBoolean();
    private final ExecutorService pool;
    private final List<Future<?>> running = new ArrayList<>();

    Load(int clients) {
      pool = Executors.newFixedThreadPool(clients);
      for (int c = 0; c < clients; c++) {
        running.add(pool.submit(this::openUntilNoAnswer));
      }
    }

    private Void openUntilNoAnswer() throws InterruptedException {
      while (!stop.get()) {
        String key = UUID.randomUUID().toString();
        inDoubt.add(key);
        Optional<String> id = open(key);
        if (id.isEmpty()) {
          return null; // no answer: the server is gone; the key stays in doubt
        }
        acknowledged.put(key, id.get());
        inDoubt.remove(key);
      }
      return null;
    }

    void finish() throws Exception {
      stop.set(true);
      for (Future<?> f : running) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
    }
  }

  /** The case id answered for the key, or empty when no answer came (connection refused, reset). */
  private Optional<String> open(String key) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/cases"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body(key)))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        throw new IllegalStateException(
            "opening a case answered %d: %s\nthe server's log:\n%s"
                .formatted(response.statusCode(), response.body(), server.logTail()));
      }
      return Optional.of(JSON.readTree(response.body()).get("id").asString());
    } catch (IOException noAnswer) {
      return Optional.empty();
    }
  }

  /** The same request for the same key, every time: a retry must be recognised as one. */
  static String body(String key) {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("first_name", "Dana");
    customer.put("last_name", "Crash");
    customer.put("email", "dana.crash@example.com");
    customer.put("language", "en");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "email");
    body.put("category", "return");
    body.put("subject", "crash drill " + key);
    body.put("message", "My parcel never arrived.");
    body.put("customer", customer);
    return JSON.writeValueAsString(body);
  }

  private record Check(int lost, int duplicated, List<String> problems) {}

  /**
   * After a restart: every acknowledged case is there and its key answers the same id again; every
   * key in doubt is retried and from then on acknowledged.
   */
  private Check check() throws Exception {
    List<String> problems = new ArrayList<>();
    int lost = 0;
    int duplicated = 0;
    for (Map.Entry<String, String> known : acknowledged.entrySet()) {
      HttpResponse<String> found =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/cases/" + known.getValue()))
                  .header("Authorization", "Bearer " + TOKEN)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Optional<String> retried = open(known.getKey());
      if (found.statusCode() != 200) {
        lost++;
        problems.add(
            "case %s (key %s) acknowledged, then GET answered %d after kill %d"
                .formatted(known.getValue(), known.getKey(), found.statusCode(), kills));
      }
      if (retried.isEmpty() || !retried.get().equals(known.getValue())) {
        duplicated++;
        problems.add(
            "key %s acknowledged case %s, its retry after kill %d answered %s"
                .formatted(known.getKey(), known.getValue(), kills, retried.orElse("nothing")));
      }
    }
    for (String key : List.copyOf(inDoubt)) {
      Optional<String> retried = open(key);
      if (retried.isEmpty()) {
        throw new IllegalStateException("the restarted server did not answer a retry of " + key);
      }
      acknowledged.put(key, retried.get());
      inDoubt.remove(key);
    }
    return new Check(lost, duplicated, problems);
  }
}
