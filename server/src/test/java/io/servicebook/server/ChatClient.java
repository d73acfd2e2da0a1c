package io.servicebook.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** The chat widget's side of the chat API over real HTTP, for tests and the latency bench. */
final class ChatClient {

  private static final java.util.concurrent.Executor READERS =
      java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

  private final String base;
  private final HttpClient http;

  ChatClient(String base) {
    this(base, HttpClient.newHttpClient());
  }

  ChatClient(String base, HttpClient http) {
    this.base = base;
    this.http = http;
  }

  record Reply(int status, String contentType, JsonNode json) {}

  /** A started chat: its id and secret. */
  record Chat(String id, String secret) {}

  /** One server-sent event. */
  record Event(String name, String id, String data) {}

  Reply form(String query) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + "/chat/api/form" + query)).GET());
  }

  static Map<String, Object> start(
      String category, String email, Map<String, String> fields, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("category", category);
    body.put("name", "Ada Lovelace");
    body.put("email", email);
    body.put("language", "en");
    body.put("fields", fields);
    body.put("message", message);
    body.put("messageId", UUID.randomUUID().toString());
    return body;
  }

  Reply post(String path, Object body, String secret) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/chat/api" + path))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(RunningServer.JSON.writeValueAsBytes(body)));
    if (secret != null) {
      request.header("X-Chat-Secret", secret);
    }
    return send(request);
  }

  Chat started(Map<String, Object> start) throws IOException, InterruptedException {
    Reply reply = post("/chats", start, null);
    if (reply.status() != 201) {
      throw new AssertionError("chat not started: " + reply);
    }
    return new Chat(reply.json().get("chat").asString(), reply.json().get("secret").asString());
  }

  Reply say(Chat chat, String text) throws IOException, InterruptedException {
    return post(
        "/chats/" + chat.id() + "/messages",
        Map.of("body", text, "messageId", UUID.randomUUID().toString()),
        chat.secret());
  }

  /**
   * Opens the chat's stream; its events arrive in the queue until the returned future is cancelled.
   */
  CompletableFuture<HttpResponse<Stream<String>>> stream(Chat chat, BlockingQueue<Event> events) {
    return lines(base + "/chat/api/chats/" + chat.id() + "/stream?secret=" + chat.secret(), events);
  }

  CompletableFuture<HttpResponse<Stream<String>>> lines(String url, BlockingQueue<Event> events) {
    return lines(HttpRequest.newBuilder(URI.create(url)), events);
  }

  CompletableFuture<HttpResponse<Stream<String>>> lines(
      HttpRequest.Builder request, BlockingQueue<Event> events) {
    CompletableFuture<HttpResponse<Stream<String>>> response =
        http.sendAsync(
            request.header("Accept", "text/event-stream").GET().build(),
            HttpResponse.BodyHandlers.ofLines());
    response.thenAcceptAsync(
        r -> {
          String[] current = {null, null};
          StringBuilder data = new StringBuilder();
          r.body()
              .forEach(
                  line -> {
                    if (line.isEmpty()) {
                      if (current[0] != null || !data.isEmpty()) {
                        events.add(new Event(current[0], current[1], data.toString()));
                      }
                      current[0] = null;
                      current[1] = null;
                      data.setLength(0);
                    } else if (line.startsWith("event:")) {
                      current[0] = line.substring(6).strip();
                    } else if (line.startsWith("id:")) {
                      current[1] = line.substring(3).strip();
                    } else if (line.startsWith("data:")) {
                      data.append(line.substring(5).strip());
                    }
                  });
        },
        // a thread of its own per stream: the common pool may have one thread on a small machine
        READERS);
    return response;
  }

  static BlockingQueue<Event> queue() {
    return new LinkedBlockingQueue<>();
  }

  private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String type = response.headers().firstValue("Content-Type").orElse("");
    JsonNode json =
        response.body().isBlank() || !type.contains("json")
            ? null
            : RunningServer.JSON.readTree(response.body());
    return new Reply(response.statusCode(), type, json);
  }
}
