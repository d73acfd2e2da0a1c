package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.security.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every error the server answers — the framework's and the web server's own, also for requests
 * refused before the application sees them — comes as problem+json with a type under {@code /api}
 * and as the console's error page elsewhere: never a stack trace, Tomcat's report or the
 * framework's default JSON. Swept over real HTTP (and a raw socket for malformed requests) on H2.
 */
class ErrorAnswersTests {

  private static final String BIG_HEADER = "a".repeat(100 * 1024);
  private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/1\\.1 (\\d{3})");

  private static Path data;
  private static RunningServer server;
  private static String token;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    data = Files.createTempDirectory("error-answers");
    server =
        RunningServer.start(
            data,
            Map.of(),
            Map.of("servicebook.protocols", ServerContractTests.STARTER_PACK.toString()));
    token = server.tokenFor("admin-errors", Role.ADMIN);
    server.tokenFor("author-errors", Role.AUTHOR);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** What came back, as a client sees it. */
  private record Answer(int status, String contentType, String body) {}

  private static Answer send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  private static HttpRequest.Builder api(String path) {
    return HttpRequest.newBuilder(URI.create(server.base + path))
        .header("Authorization", "Bearer " + token);
  }

  /** Sends bytes as they are, for requests no HTTP client would send. */
  private static Answer raw(String request) throws IOException {
    URI base = URI.create(server.base);
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      in.transferTo(received);
      String text = received.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String head = text.substring(0, split);
      Matcher status = STATUS_LINE.matcher(head);
      assertThat(status.find()).as(head).isTrue();
      Matcher type = Pattern.compile("(?im)^Content-Type: *(.+)$").matcher(head);
      return new Answer(
          Integer.parseInt(status.group(1)),
          type.find() ? type.group(1).strip() : "",
          text.substring(split + 4));
    }
  }

  private static void assertProblem(Answer answer, int status, String type) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    var json = RunningServer.JSON.readTree(answer.body());
    assertThat(json.get("type").asString()).isEqualTo("https://servicebook.dev/problems/" + type);
    assertThat(json.get("title").asString()).isNotBlank();
    assertThat(json.get("status").asInt()).isEqualTo(status);
    assertNothingLeaks(answer);
  }

  private static void assertConsolePage(Answer answer, int status) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("text/html");
    assertThat(answer.body()).contains("class=\"error-page\"", ">" + status + "<");
    assertNothingLeaks(answer);
  }

  private static void assertNothingLeaks(Answer answer) {
    assertThat(answer.body())
        .doesNotContain("Exception", "at io.", "at org.", "Apache Tomcat", "Whitelabel")
        .doesNotContain("\"timestamp\"", "\"path\"");
  }

  @Test
  void anUnknownApiPathIsANotFoundProblem() throws Exception {
    assertProblem(send(api("/api/v1/no-such-thing")), 404, "not-found");
  }

  @Test
  void aMethodTheApiDoesNotTakeIsAProblem() throws Exception {
    assertProblem(send(api("/api/v1/calendars").DELETE()), 405, "method-not-allowed");
  }

  @Test
  void aMediaTypeTheApiCannotAnswerIsAProblem() throws Exception {
    assertProblem(
        send(api("/api/v1/calendars").header("Accept", "text/csv")), 406, "not-acceptable");
  }

  @Test
  void aBodyOfAnotherMediaTypeIsAProblem() throws Exception {
    assertProblem(
        send(
            api("/api/v1/cases")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("a case"))),
        415,
        "unsupported-media-type");
  }

  @Test
  void malformedJsonIsAProblem() throws Exception {
    assertProblem(
        send(
            api("/api/v1/cases")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"channel\": "))),
        400,
        "unreadable-body");
  }

  @Test
  void aMissingJsonBodyIsAProblem() throws Exception {
    assertProblem(
        send(
            api("/api/v1/cases")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())),
        400,
        "unreadable-body");
  }

  @Test
  void aParameterOfTheWrongTypeIsAProblemNamingIt() throws Exception {
    Answer answer = send(api("/api/v1/customers?limit=many"));
    assertProblem(answer, 400, "invalid-parameter");
    assertThat(answer.body()).contains("\"field\":\"limit\"");
  }

  @Test
  void anOversizedHeaderOnTheApiIsAProblem() throws Exception {
    Answer answer = send(api("/api/v1/calendars").header("X-Padding", BIG_HEADER));
    assertThat(answer.status()).isIn(400, 431);
    assertProblem(
        answer,
        answer.status(),
        answer.status() == 431 ? "request-header-too-large" : "bad-request");
  }

  @Test
  void badPercentEncodingOnTheApiIsAProblem() throws Exception {
    assertProblem(
        raw("GET /api/v1/calendars/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
        400,
        "bad-request");
  }

  @Test
  void anUnknownConsolePathIsTheConsolesNotFoundPage() throws Exception {
    ConsoleSession author = signedIn();
    HttpResponse<String> page = author.get("/no-such-page");
    assertConsolePage(answer(page), 404);
  }

  @Test
  void anOversizedHeaderOnTheConsoleIsTheConsolesErrorPage() throws Exception {
    Answer answer =
        send(
            HttpRequest.newBuilder(URI.create(server.base + "/login"))
                .header("X-Padding", BIG_HEADER));
    assertThat(answer.status()).isIn(400, 431);
    assertConsolePage(answer, answer.status());
  }

  @Test
  void aFiveMegabyteBodyToTheEditorsCheckIsTheConsolesTooLargePage() throws Exception {
    ConsoleSession author = signedIn();
    String csrf = csrf(author);
    HttpResponse<String> check =
        author.post(
            "/protocols/editor/check",
            Map.of("slug", "return-and-refund", "source", "x".repeat(5 * 1024 * 1024)),
            Map.of("X-CSRF-TOKEN", csrf, "HX-Request", "true"));
    assertConsolePage(answer(check), 413);
  }

  @Test
  void aFormWithoutItsCsrfTokenIsTheConsolesForbiddenPage() throws Exception {
    ConsoleSession author = signedIn();
    HttpResponse<String> refused =
        author.send(
            HttpRequest.newBuilder(URI.create(server.base + "/protocols/editor/check"))
                .header("Accept", "*/*")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("source=x")));
    assertConsolePage(answer(refused), 403);
  }

  @Test
  void aMalformedRequestLineIsAnErrorPageNotTomcats() throws Exception {
    assertConsolePage(raw("GARBAGE\r\n\r\n"), 400);
  }

  @Test
  void aRequestTargetWithForbiddenCharactersIsAnErrorPageNotTomcats() throws Exception {
    assertConsolePage(
        raw("GET /cases/<script> HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400);
  }

  @Test
  void badPercentEncodingOnTheConsoleIsTheConsolesErrorPage() throws Exception {
    assertConsolePage(
        raw("GET /cases/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400);
  }

  private static Answer answer(HttpResponse<String> response) {
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  private static ConsoleSession signedIn() throws Exception {
    ConsoleSession session = new ConsoleSession(server.base);
    session.login("author-errors", "secret");
    return session;
  }

  private static String csrf(ConsoleSession session) throws Exception {
    Matcher m = ConsoleSession.CSRF.matcher(session.get("/protocols").body());
    assertThat(m.find()).as("the protocols page carries a CSRF token").isTrue();
    return m.group(1);
  }
}
