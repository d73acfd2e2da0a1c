package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A signed-in person's session with the console over java.net.http: its cookie jar and language.
 * Cookies are kept whatever their Secure flag: browsers send Secure cookies to http://localhost,
 * java.net.CookieManager does not.
 */
final class ConsoleSession extends CookieHandler {

  /** The CSRF token a console page carries in its forms. */
  static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final Map<String, String> cookies = new ConcurrentHashMap<>();
  private final String language;
  private final HttpClient http;
  private final String base;

  ConsoleSession(String base) {
    this(base, "en-GB,en;q=0.9");
  }

  ConsoleSession(String base, String language) {
    this(base, language, null);
  }

  /**
   * A session whose connections come from a loopback address of its own ({@code 127.0.0.2}…), as a
   * person at another computer would, when {@code from} is not null.
   */
  ConsoleSession(String base, String language, InetAddress from) {
    this.base = base;
    this.language = language;
    HttpClient.Builder builder =
        HttpClient.newBuilder().cookieHandler(this).followRedirects(HttpClient.Redirect.NEVER);
    if (from != null) {
      builder.localAddress(from);
    }
    this.http = builder.build();
  }

  @Override
  public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) {
    if (cookies.isEmpty()) {
      return Map.of();
    }
    return Map.of(
        "Cookie",
        List.of(
            cookies.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "))));
  }

  @Override
  public void put(URI uri, Map<String, List<String>> headers) {
    headers.forEach(
        (name, values) -> {
          if ("Set-Cookie".equalsIgnoreCase(name)) {
            values.forEach(
                v -> HttpCookie.parse(v).forEach(c -> cookies.put(c.getName(), c.getValue())));
          }
        });
  }

  /** Sets a cookie as the browser's script would (such as the time zone app.js reports). */
  void cookie(String name, String value) {
    cookies.put(name, value);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
            .header("Accept-Language", language)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, Map<String, String> form, Map<String, String> headers)
      throws IOException, InterruptedException {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Accept-Language", language)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sends any request with the session's cookies and language. */
  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(
        request.header("Accept-Language", language).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Fetches the login page for its CSRF token and session, then posts the form. */
  HttpResponse<String> login(String username, String password)
      throws IOException, InterruptedException {
    Matcher csrf = CSRF.matcher(get("/login").body());
    assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
    HttpResponse<String> answer =
        post(
            "/login",
            Map.of("username", username, "password", password, "_csrf", csrf.group(1)),
            Map.of());
    assertThat(answer.statusCode()).isEqualTo(302);
    return answer;
  }
}
