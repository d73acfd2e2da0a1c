package io.servicebook.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates cases over HTTP against a running server with N concurrent clients and reports the
 * throughput and the latency percentiles. Usage: {@code CaseCreationLoad BASE_URL TOKEN [clients]
 * [seconds] [warmup-seconds]}. Loopback only: point it at a server on this machine.
 */
public final class CaseCreationLoad {

  private static final String[] CATEGORIES = {
    "return", "refund", "complaint", "billing", "technical"
  };
  private static final String[] CHANNELS = {"email", "chat", "phone", "social"};

  private CaseCreationLoad() {}

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String token = args[1];
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    if (!URI.create(base).getHost().matches("localhost|127\\.0\\.0\\.1|\\[::1\\]")) {
      throw new IllegalArgumentException("load goes to this machine only (localhost), not " + base);
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    if (warmup > 0) {
      System.out.printf("warming up for %d s…%n", warmup);
      run(http, base, token, clients, warmup);
    }
    Result result = run(http, base, token, clients, seconds);
    long[] latencies = result.latencies();
    Arrays.sort(latencies);
    System.out.printf(
        "clients %d, %d s: %d %s, %d failed, %.0f/s, latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        clients,
        seconds,
        latencies.length,
        PROBE == null ? "cases created" : "GET " + PROBE + " answered",
        result.failed(),
        latencies.length / (result.elapsedNanos() / 1e9),
        percentile(latencies, 0.50),
        percentile(latencies, 0.90),
        percentile(latencies, 0.99),
        latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6);
  }

  /**
   * With {@code PROBE=/api/v1/…} in the environment, GETs that path instead of creating cases: the
   * floor of the same HTTP, security and JSON stack with next to no work behind it.
   */
  private static final String PROBE = System.getenv("PROBE");

  /** With {@code LIMIT=N} in the environment, stops after N requests (to seed a database). */
  private static final int LIMIT = Integer.parseInt(System.getenv().getOrDefault("LIMIT", "0"));

  record Result(long[] latencies, int failed, long elapsedNanos) {}

  private static Result run(HttpClient http, String base, String token, int clients, int seconds)
      throws Exception {
    long begin = System.nanoTime();
    long end = begin + Duration.ofSeconds(seconds).toNanos();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger counter = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<List<Long>>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      futures.add(
          pool.submit(
              () -> {
                List<Long> mine = new ArrayList<>();
                while (System.nanoTime() < end) {
                  int n = counter.incrementAndGet();
                  if (LIMIT > 0 && n > LIMIT) {
                    break;
                  }
                  String body =
                      """
              {"channel": "%s", "category": "%s", "subject": "Load test %d", "message": "My order has a problem.",
               "customer": {"first_name": "Load", "last_name": "Tester%d", "email": "load%d@example.com", "language": "en"}}
              """
                          .formatted(
                              CHANNELS[n % CHANNELS.length],
                              CATEGORIES[n % CATEGORIES.length],
                              n,
                              n,
                              n);
                  HttpRequest request =
                      PROBE == null
                          ? HttpRequest.newBuilder(URI.create(base + "/api/v1/cases"))
                              .header("Authorization", "Bearer " + token)
                              .header("Content-Type", "application/json")
                              .POST(HttpRequest.BodyPublishers.ofString(body))
                              .build()
                          : HttpRequest.newBuilder(URI.create(base + PROBE))
                              .header("Authorization", "Bearer " + token)
                              .GET()
                              .build();
                  long start = System.nanoTime();
                  HttpResponse<Void> response =
                      http.send(request, HttpResponse.BodyHandlers.discarding());
                  long took = System.nanoTime() - start;
                  if (response.statusCode() == (PROBE == null ? 201 : 200)) {
                    mine.add(took);
                  } else {
                    failed.incrementAndGet();
                  }
                }
                return mine;
              }));
    }
    List<Long> all = new ArrayList<>();
    for (Future<List<Long>> f : futures) {
      all.addAll(f.get());
    }
    pool.shutdown();
    return new Result(
        all.stream().mapToLong(Long::longValue).toArray(), failed.get(), System.nanoTime() - begin);
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }
}
