package io.servicebook.bench;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chat latency, customer to agent: {@code CHATS} customers start chats through the public chat API
 * (on the customer node), an agent signed in to the console (on the agent node, which may be
 * another server on the same PostgreSQL) has each chat's case page stream open, and every customer
 * sends {@code MESSAGES} lines, a random pause of up to {@code PAUSE_MS} apart. Measured per line:
 * from the customer's POST to the event on the agent's stream ("push"), and to the case page the
 * console then fetches showing the line ("screen"). Prints p50, p99 and max of both.
 *
 * <p>Usage: {@code ChatLatency CUSTOMER_BASE AGENT_BASE API_TOKEN AGENT PASSWORD CHATS MESSAGES
 * PAUSE_MS}
 */
public final class ChatLatency {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private ChatLatency() {}

  public static void main(String[] args) throws Exception {
    String customerBase = args[0];
    String agentBase = args[1];
    String token = args[2];
    int chats = Integer.parseInt(args[5]);
    int messages = Integer.parseInt(args[6]);
    int pause = Integer.parseInt(args[7]);
    HttpClient customers = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpClient agent =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new Jar())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    signIn(agent, agentBase, args[3], args[4]);
    String run = Long.toString(System.currentTimeMillis(), 36);
    Map<String, String[]> byEmail = new ConcurrentHashMap<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < chats; i++) {
        String email = "bench-" + run + "-" + i + "@example.com";
        pool.submit(
            () -> {
              try {
                byEmail.put(email, start(customers, customerBase, email));
              } catch (Exception e) {
                System.out.println("a chat did not start: " + e);
              }
            });
      }
    }
    Map<String, String> caseOfEmail = cases(customers, agentBase, token, run);
    System.out.printf(
        "%d chats started, %d found by the agent%n", byEmail.size(), caseOfEmail.size());
    Map<String, BlockingQueue<Long>> arrivals = new ConcurrentHashMap<>();
    CountDownLatch ready = new CountDownLatch(caseOfEmail.size());
    ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
    for (String caseId : caseOfEmail.values()) {
      BlockingQueue<Long> queue = new LinkedBlockingQueue<>();
      arrivals.put(caseId, queue);
      readers.submit(
          () -> {
            listen(agent, agentBase, caseId, queue, ready);
            return null;
          });
    }
    if (!ready.await(60, TimeUnit.SECONDS)) {
      System.out.printf("only %d agent streams opened%n", caseOfEmail.size() - ready.getCount());
    }
    List<Long> push = Collections.synchronizedList(new ArrayList<>());
    List<Long> screen = Collections.synchronizedList(new ArrayList<>());
    List<Long> posted = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger lost = new AtomicInteger();
    long began = System.nanoTime();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Map.Entry<String, String[]> chat : byEmail.entrySet()) {
        String caseId = caseOfEmail.get(chat.getKey());
        if (caseId == null) {
          continue;
        }
        pool.submit(
            () -> {
              for (int m = 0; m < messages; m++) {
                Thread.sleep(ThreadLocalRandom.current().nextInt(pause + 1));
                BlockingQueue<Long> queue = arrivals.get(caseId);
                queue.clear();
                String text = "line " + m + " " + UUID.randomUUID();
                long sent = System.nanoTime();
                try {
                  say(customers, customerBase, chat.getValue(), text);
                  posted.add(System.nanoTime() - sent);
                } catch (Exception e) {
                  System.out.println("a line was not sent: " + e);
                  lost.incrementAndGet();
                  continue;
                }
                Long arrived = queue.poll(30, TimeUnit.SECONDS);
                if (arrived == null) {
                  lost.incrementAndGet();
                  continue;
                }
                push.add(arrived - sent);
                if (page(agent, agentBase, caseId).contains(text.substring(text.length() - 36))) {
                  screen.add(System.nanoTime() - sent);
                } else {
                  lost.incrementAndGet();
                }
              }
              return null;
            });
      }
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    readers.shutdownNow();
    System.out.printf(
        "%d chats × %d lines in %.1f s (%.1f lines/s), %d lost or late (> 30 s)%n",
        caseOfEmail.size(), messages, seconds, push.size() / seconds, lost.get());
    report("customer's POST answered (the line stored)", posted);
    report("customer → agent's stream (push)", push);
    report("customer → agent's case page shows it (screen)", screen);
    System.exit(0);
  }

  private static void report(String what, List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      System.out.println(what + ": no samples");
      return;
    }
    System.out.printf(
        "%s: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
        what, sorted.size(), at(sorted, 0.50), at(sorted, 0.99), sorted.getLast() / 1e6);
  }

  private static double at(List<Long> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
  }

  private static String[] start(HttpClient http, String base, String email) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("category", "order_status");
    body.put("name", "Bench Customer");
    body.put("email", email);
    body.put("language", "en");
    body.put("fields", Map.of("topic", "order_status"));
    body.put("message", "Where is my order?");
    body.put("messageId", UUID.randomUUID().toString());
    HttpResponse<String> r = post(http, base + "/chat/api/chats", body, null);
    if (r.statusCode() != 201) {
      throw new IllegalStateException("chat not started: " + r.statusCode() + " " + r.body());
    }
    JsonNode json = JSON.readTree(r.body());
    return new String[] {json.get("chat").asString(), json.get("secret").asString()};
  }

  private static void say(HttpClient http, String base, String[] chat, String text)
      throws Exception {
    HttpResponse<String> r =
        post(
            http,
            base + "/chat/api/chats/" + chat[0] + "/messages",
            Map.of("body", text, "messageId", UUID.randomUUID().toString()),
            chat[1]);
    if (r.statusCode() != 202) {
      throw new IllegalStateException("line not sent: " + r.statusCode() + " " + r.body());
    }
  }

  private static HttpResponse<String> post(HttpClient http, String url, Object body, String secret)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    if (secret != null) {
      request.header("X-Chat-Secret", secret);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The chat cases of this run, by the customer's email, read through the API. */
  private static Map<String, String> cases(HttpClient http, String base, String token, String run)
      throws Exception {
    Map<String, String> byEmail = new LinkedHashMap<>();
    String cursor = "";
    do {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(base + "/api/v1/cases?channel=chat&limit=100" + cursor))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode page = JSON.readTree(r.body());
      for (JsonNode c : page.get("items")) {
        String email = c.get("customer").get("email").asString();
        if (email.startsWith("bench-" + run + "-")) {
          byEmail.put(email, c.get("id").asString());
        }
      }
      JsonNode next = page.get("next_cursor");
      cursor =
          next == null || next.isNull()
              ? ""
              : "&cursor=" + URLEncoder.encode(next.asString(), StandardCharsets.UTF_8);
    } while (!cursor.isEmpty());
    return byEmail;
  }

  private static void listen(
      HttpClient http, String base, String caseId, BlockingQueue<Long> queue, CountDownLatch ready)
      throws IOException, InterruptedException {
    HttpResponse<java.util.stream.Stream<String>> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/chat/agent/live?case=" + caseId))
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    r.body()
        .forEach(
            line -> {
              if (line.startsWith("event:ready")) {
                ready.countDown();
              } else if (line.startsWith("event:changed")) {
                queue.add(System.nanoTime());
              }
            });
  }

  /** What the console's case page reads again on each event: its timeline and status. */
  private static String page(HttpClient http, String base, String caseId) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(base + "/cases/" + caseId + "/timeline"))
                .header("Accept", "text/html")
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static void signIn(HttpClient http, String base, String user, String password)
      throws Exception {
    String login =
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher csrf = CSRF.matcher(login);
    if (!csrf.find()) {
      throw new IllegalStateException("no CSRF token on the login page");
    }
    String form =
        "username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8)
            + "&_csrf="
            + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String to = r.headers().firstValue("Location").orElse("");
    if (r.statusCode() != 302 || to.contains("login")) {
      throw new IllegalStateException("the agent could not sign in: " + r.statusCode() + " " + to);
    }
  }

  /**
   * Keeps every cookie, secure ones too: the console's session cookie is marked Secure, which the
   * JDK's cookie manager would not send back over plain http to localhost.
   */
  private static final class Jar extends CookieHandler {
    private final Map<String, String> cookies = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) {
      if (cookies.isEmpty()) {
        return Map.of();
      }
      List<String> pairs = new ArrayList<>();
      cookies.forEach((k, v) -> pairs.add(k + "=" + v));
      return Map.of("Cookie", List.of(String.join("; ", pairs)));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> headers) {
      headers.forEach(
          (name, values) -> {
            if ("Set-Cookie".equalsIgnoreCase(name)) {
              for (String value : values) {
                String pair = value.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                  cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                }
              }
            }
          });
    }
  }
}
