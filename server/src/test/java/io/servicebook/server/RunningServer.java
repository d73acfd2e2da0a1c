package io.servicebook.server;

import io.servicebook.server.demo.DemoClock;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real server on a free port, driven over real HTTP, for integration tests. */
final class RunningServer implements AutoCloseable {

  static final String TOKEN = "sb_test_admin_token";
  static final JsonMapper JSON = JsonMapper.builder().build();

  final ConfigurableApplicationContext context;
  final String base;
  private final HttpClient http = HttpClient.newHttpClient();

  private RunningServer(ConfigurableApplicationContext context) {
    this.context = context;
    this.base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
  }

  /** Starts a server on the data directory with the environment (database variables). */
  static RunningServer start(
      Path dataDir, Map<String, String> environment, Map<String, Object> extra) {
    return start(dataDir, environment, extra, new ApplicationContextInitializer<?>[0]);
  }

  /**
   * Starts a server whose time is {@code clock} (as the demo's clock, so the demo still works)
   * instead of the system's: its cases, SLA clocks and timers see the time the test sets.
   */
  static RunningServer start(
      Path dataDir, Map<String, String> environment, Map<String, Object> extra, Clock clock) {
    Map<String, Object> withOverriding = new LinkedHashMap<>(extra);
    // registered before the configuration classes are read, so it stands in for their `clock`
    withOverriding.put("spring.main.allow-bean-definition-overriding", true);
    ApplicationContextInitializer<ConfigurableApplicationContext> clockInstead =
        context ->
            ((GenericApplicationContext) context)
                .registerBean("clock", Clock.class, () -> new DemoClock(clock));
    return start(dataDir, environment, withOverriding, clockInstead);
  }

  /** Starts a server as above, with initializers (such as one that registers a movable clock). */
  static RunningServer start(
      Path dataDir,
      Map<String, String> environment,
      Map<String, Object> extra,
      ApplicationContextInitializer<?>... initializers) {
    Map<String, Object> properties =
        new LinkedHashMap<>(Databases.properties(environment, dataDir));
    properties.put("server.port", 0);
    properties.put("servicebook.data-dir", dataDir.toString());
    properties.put("servicebook.bootstrap-token", TOKEN);
    properties.putAll(extra);
    SpringApplication application = ServicebookApplication.application();
    application.setDefaultProperties(properties);
    application.addInitializers(initializers);
    return new RunningServer(application.run());
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  record Reply(int status, String contentType, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  Reply get(String path, String token) throws IOException, InterruptedException {
    return send(request(path, token).GET().build());
  }

  /** A GET that asks for a media type, such as {@code text/csv}. */
  Reply get(String path, String token, String accept) throws IOException, InterruptedException {
    return send(request(path, token).header("Accept", accept).GET().build());
  }

  Reply post(String path, String token, String contentType, byte[] body)
      throws IOException, InterruptedException {
    return send(
        request(path, token)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  Reply put(String path, String token, Object json) throws IOException, InterruptedException {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(json)))
            .build());
  }

  Reply delete(String path, String token) throws IOException, InterruptedException {
    return send(request(path, token).DELETE().build());
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private Reply send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  /** POSTs the value as JSON. */
  Reply postJson(String path, String token, Object json) throws IOException, InterruptedException {
    return post(path, token, "application/json", JSON.writeValueAsBytes(json));
  }

  /** An API token of the user, created with the role if there is no such user yet. */
  String tokenFor(String username, Role role) {
    UserAccounts accounts = bean(UserAccounts.class);
    UserAccounts.User user =
        switch (accounts.add(username, username, "secret", EnumSet.of(role), "test")) {
          case UserAccounts.Added.Created created -> created.user();
          case UserAccounts.Added.NameTaken taken -> accounts.find(username).orElseThrow();
        };
    return accounts.createToken(user, "test", "test");
  }

  @Override
  public void close() {
    context.close();
  }
}
