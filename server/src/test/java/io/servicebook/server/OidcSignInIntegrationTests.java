package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Signing in to the console through a real OpenID provider (Spring Authorization Server, started by
 * the test), the whole authorization code flow with PKCE over real HTTP as a browser makes it: the
 * console's button, the provider's login form, the callback. Users are created on first sign-in
 * with the role their groups map to, found again by their subject, and refused when deactivated,
 * when the provider has not verified their e-mail address, or when no group gives them a role.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcSignInIntegrationTests {

  static final Pattern PROVIDER_CSRF =
      Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

  OidcProvider provider;
  RunningServer server;
  String base;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    provider =
        OidcProvider.start(
            Map.of(
                "pat", person("pat@example.com", true, List.of("staff", "sb-supervisors")),
                "dana", person("dana@example.com", true, List.of("sb-agents")),
                "eve", person("eve@example.com", false, List.of("sb-agents")),
                "noah", person("noah@example.com", true, List.of("staff")),
                "sam", person("sam@example.com", true, List.of("sb-admins"))));
    server =
        RunningServer.start(
            dataDir,
            Map.of(),
            Map.of(
                "servicebook.oidc.issuer-uri", provider.issuer,
                "servicebook.oidc.client-id", OidcProvider.CLIENT_ID,
                "servicebook.oidc.client-secret", OidcProvider.CLIENT_SECRET,
                "servicebook.oidc.provider-name", "Example SSO",
                "servicebook.oidc.unknown-users", "create",
                "servicebook.oidc.role-claim", "groups",
                "servicebook.oidc.role-mapping",
                    "sb-supervisors=SUPERVISOR,sb-agents=AGENT,sb-admins=ADMIN"));
    base = server.base.replace("localhost", "127.0.0.1");
    provider.register(base);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (provider != null) {
      provider.close();
    }
  }

  static OidcProvider.Person person(String email, boolean verified, List<String> groups) {
    return new OidcProvider.Person(
        "password of " + email,
        Map.of(
            "email", email,
            "email_verified", verified,
            "name", email.substring(0, email.indexOf('@')).toUpperCase(java.util.Locale.ROOT),
            "groups", groups));
  }

  /** A browser: cookies kept per host (whatever their Secure flag), redirects followed by hand. */
  static final class Browser extends CookieHandler {

    private final Map<String, Map<String, String>> cookies = new ConcurrentHashMap<>();
    private final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(this)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    final List<URI> visited = new java.util.ArrayList<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) {
      Map<String, String> jar = cookies.getOrDefault(uri.getHost(), Map.of());
      return jar.isEmpty()
          ? Map.of()
          : Map.of(
              "Cookie",
              List.of(
                  jar.entrySet().stream()
                      .map(e -> e.getKey() + "=" + e.getValue())
                      .collect(Collectors.joining("; "))));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> headers) {
      headers.forEach(
          (name, values) -> {
            if ("Set-Cookie".equalsIgnoreCase(name)) {
              values.forEach(
                  v ->
                      HttpCookie.parse(v)
                          .forEach(
                              c ->
                                  cookies
                                      .computeIfAbsent(
                                          uri.getHost(), h -> new ConcurrentHashMap<>())
                                      .put(c.getName(), c.getValue())));
            }
          });
    }

    /** GETs the address and follows redirects; the last answer. */
    HttpResponse<String> open(URI uri) throws Exception {
      return follow(
          http.send(
              HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
              HttpResponse.BodyHandlers.ofString()));
    }

    HttpResponse<String> submit(URI uri, Map<String, String> form) throws Exception {
      String body =
          form.entrySet().stream()
              .map(
                  e ->
                      URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      return follow(
          http.send(
              HttpRequest.newBuilder(uri)
                  .header("Accept", "text/html")
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> follow(HttpResponse<String> answer) throws Exception {
      for (int hops = 0; hops < 10 && answer.statusCode() / 100 == 3; hops++) {
        URI next = answer.uri().resolve(answer.headers().firstValue("Location").orElseThrow());
        visited.add(next);
        answer =
            http.send(
                HttpRequest.newBuilder(next).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
      }
      return answer;
    }
  }

  /**
   * Clicks the console's "Sign in with" button, signs in at the provider's form, and returns the
   * page the browser lands on.
   */
  HttpResponse<String> signInThroughProvider(Browser browser, String who) throws Exception {
    HttpResponse<String> login = browser.open(URI.create(base + "/login"));
    assertThat(login.body()).contains("id=\"login-oidc\"", "Sign in with Example SSO");

    HttpResponse<String> providerForm =
        browser.open(URI.create(base + "/oauth2/authorization/oidc"));
    assertThat(providerForm.uri().toString()).startsWith(provider.issuer + "/login");
    Matcher csrf = PROVIDER_CSRF.matcher(providerForm.body());
    assertThat(csrf.find()).as(providerForm.body()).isTrue();
    return browser.submit(
        URI.create(provider.issuer + "/login"),
        Map.of(
            "username",
            who,
            "password",
            "password of " + who + "@example.com",
            "_csrf",
            csrf.group(1)));
  }

  UserAccounts accounts() {
    return server.bean(UserAccounts.class);
  }

  @Test
  void aNewUserIsCreatedWithTheRoleOfTheirGroupAndTheSecondSignInIsTheSameUser() throws Exception {
    Browser browser = new Browser();
    HttpResponse<String> landed = signInThroughProvider(browser, "pat");

    assertThat(landed.statusCode()).as(landed.uri().toString()).isEqualTo(200);
    assertThat(landed.uri().toString()).isEqualTo(base + "/");
    assertThat(landed.body()).contains("id=\"nav-supervisor\"", "PAT");
    URI authorization =
        browser.visited.stream()
            .filter(u -> u.toString().startsWith(provider.issuer + "/oauth2/authorize"))
            .findFirst()
            .orElseThrow();
    assertThat(authorization.getQuery())
        .as("the authorization code flow with PKCE")
        .contains("response_type=code", "code_challenge=", "code_challenge_method=S256");
    assertThat(browser.open(URI.create(base + "/supervisor")).statusCode())
        .as("the supervisor's page opens to the mapped role")
        .isEqualTo(200);

    UserAccounts.User pat = accounts().find("pat@example.com").orElseThrow();
    assertThat(pat.roles()).containsExactly(Role.SUPERVISOR);
    assertThat(pat.displayName()).isEqualTo("PAT");

    Browser again = new Browser();
    assertThat(signInThroughProvider(again, "pat").uri().toString()).isEqualTo(base + "/");
    assertThat(accounts().find("pat@example.com").orElseThrow().id()).isEqualTo(pat.id());
    JdbcClient jdbc = server.bean(JdbcClient.class);
    assertThat(
            jdbc.sql("SELECT issuer, subject FROM federated_identity WHERE user_id = :id")
                .param("id", pat.id())
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2))
                .list())
        .containsExactly(provider.issuer + " pat");
    assertThat(server.bean(AuditLog.class).entries("user", "pat@example.com"))
        .filteredOn(e -> e.eventType().equals("login.federated"))
        .hasSize(2)
        .first()
        .satisfies(e -> assertThat(e.details()).contains("\"first\":true", "\"subject\":\"pat\""));
  }

  @Test
  void anExistingUserIsMatchedByTheVerifiedEmailAndGetsTheRoleOfTheirGroup() throws Exception {
    accounts().add("sam@example.com", "Sam", "a long password of sam", Set.of(Role.AGENT), "test");
    UserAccounts.User before = accounts().find("sam@example.com").orElseThrow();

    assertThat(signInThroughProvider(new Browser(), "sam").uri().toString()).isEqualTo(base + "/");

    UserAccounts.User after = accounts().find("sam@example.com").orElseThrow();
    assertThat(after.id()).isEqualTo(before.id());
    assertThat(after.roles()).containsExactly(Role.ADMIN);
    assertThat(server.bean(AuditLog.class).entries("user", "sam@example.com"))
        .anySatisfy(e -> assertThat(e.eventType()).isEqualTo("user.roles-changed"));
  }

  @Test
  void aUserDeactivatedInServicebookCannotSignInThroughTheProvider() throws Exception {
    assertThat(signInThroughProvider(new Browser(), "dana").uri().toString()).isEqualTo(base + "/");
    accounts().setActive("dana@example.com", false, "test");

    Browser browser = new Browser();
    HttpResponse<String> refused = signInThroughProvider(browser, "dana");
    assertThat(refused.uri().toString()).startsWith(base + "/login?error");
    assertThat(refused.body()).contains("id=\"login-refused\"", "This account is deactivated.");
    assertThat(browser.open(URI.create(base + "/")).uri().toString())
        .as("not signed in")
        .isEqualTo(base + "/login");
    assertThat(server.bean(AuditLog.class).entries("user", "dana@example.com"))
        .anySatisfy(
            e -> {
              assertThat(e.eventType()).isEqualTo("login.federated-refused");
              assertThat(e.details()).contains("\"reason\":\"deactivated\"");
            });
  }

  @Test
  void anEmailAddressTheProviderHasNotVerifiedMatchesNobody() throws Exception {
    HttpResponse<String> refused = signInThroughProvider(new Browser(), "eve");

    assertThat(refused.uri().toString()).startsWith(base + "/login?error");
    assertThat(refused.body()).contains("a verified e-mail address");
    assertThat(accounts().find("eve@example.com")).isEmpty();
  }

  @Test
  void someoneWhoseGroupsGiveNoRoleIsRefusedAndNotCreated() throws Exception {
    HttpResponse<String> refused = signInThroughProvider(new Browser(), "noah");

    assertThat(refused.uri().toString()).startsWith(base + "/login?error");
    assertThat(refused.body()).contains("gives you no role in Servicebook");
    assertThat(accounts().find("noah@example.com")).isEmpty();
  }
}
