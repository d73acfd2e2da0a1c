package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Signing in to the console under guessing: growing delays per address and per account, a temporary
 * lockout that tells the owner and the admins, and the audit of every failure, over real HTTP from
 * several loopback addresses, with the server's clock moved by the test; on H2 ({@link
 * H2LoginIntegrationTests}) and PostgreSQL ({@link PostgresLoginIntegrationTests}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LoginContractTests {

  static final String GOOD = "correct horse battery staple";

  final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  RunningServer server;
  String base;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dataDir) {
    server = RunningServer.start(dataDir, database(), Map.of(), clock);
    base = server.base.replace("localhost", "127.0.0.1");
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** A user with the good password and an API token (for reading their notifications). */
  String user(String username) {
    UserAccounts accounts = server.bean(UserAccounts.class);
    accounts.add(username, username, GOOD, EnumSet.of(Role.AGENT), "test");
    return accounts.createToken(accounts.find(username).orElseThrow(), "test", "test");
  }

  /** A browser at loopback address 127.0.0.{@code n}. */
  ConsoleSession from(int n) throws Exception {
    return new ConsoleSession(base, "en-GB,en;q=0.9", InetAddress.getByName("127.0.0." + n));
  }

  /** Signs in and returns the sign-in page's message, or {@code signed in}. */
  static String signIn(ConsoleSession session, String username, String password) throws Exception {
    HttpResponse<String> answer = session.login(username, password);
    String location = answer.headers().firstValue("Location").orElse("");
    if (!location.contains("/login")) {
      return "signed in";
    }
    String page = session.get("/login?error").body();
    for (String id : List.of("login-throttled", "login-locked", "login-error")) {
      int at = page.indexOf("id=\"" + id + "\"");
      if (at >= 0) {
        return id + ": " + page.substring(page.indexOf('>', at) + 1, page.indexOf("</p>", at));
      }
    }
    throw new AssertionError("no message on the sign-in page:\n" + page);
  }

  @Test
  void afterFiveFailuresFromOneAddressEachFurtherAttemptWaitsLongerAndThePageSaysHowLong()
      throws Exception {
    user("throttled-user");
    ConsoleSession guesser = from(11);
    for (int i = 1; i <= 5; i++) {
      assertThat(signIn(guesser, "throttled-user", "guess number " + i)).startsWith("login-error");
    }

    assertThat(signIn(guesser, "throttled-user", GOOD))
        .as("even the right password waits")
        .isEqualTo(
            "login-throttled: Too many failed sign-ins from here or for this account. Wait 1"
                + " seconds, then try again.");
    clock.advance(Duration.ofSeconds(1));
    assertThat(signIn(guesser, "throttled-user", "guess number 6")).startsWith("login-error");
    assertThat(signIn(guesser, "throttled-user", GOOD)).contains("Wait 2 seconds");
    clock.advance(Duration.ofSeconds(2));
    assertThat(signIn(guesser, "throttled-user", "guess number 7")).startsWith("login-error");
    assertThat(signIn(guesser, "throttled-user", GOOD)).contains("Wait 4 seconds");
    clock.advance(Duration.ofSeconds(4));

    assertThat(signIn(guesser, "throttled-user", GOOD)).isEqualTo("signed in");
  }

  @Test
  void anAddressThatFailedOftenWaitsForEveryAccountItTries() throws Exception {
    user("first-target");
    user("second-target");
    ConsoleSession sprayer = from(12);
    for (int i = 1; i <= 5; i++) {
      signIn(sprayer, "first-target", "spray " + i);
    }
    clock.advance(Duration.ofSeconds(1));
    for (int i = 6; i <= 7; i++) {
      assertThat(signIn(sprayer, "sprayed-" + i, "spray")).startsWith("login-error");
      clock.advance(Duration.ofSeconds(1L << (i - 5)));
    }

    assertThat(signIn(sprayer, "second-target", "spray 8")).startsWith("login-error");
    assertThat(signIn(sprayer, "second-target", GOOD)).contains("Wait 8 seconds");
    assertThat(signIn(from(13), "second-target", GOOD))
        .as("the account itself has one failure: another address signs in")
        .isEqualTo("signed in");
  }

  @Test
  void tenFailuresLockTheAccountTellTheOwnerAndAdminsAndTheRightPasswordWorksAfterTheLockout()
      throws Exception {
    String owner = user("locked-user");
    ConsoleSession attacker = from(21);
    for (int i = 1; i <= 9; i++) {
      assertThat(signIn(attacker, "locked-user", "guess " + i)).startsWith("login-error");
      clock.advance(Duration.ofSeconds(20));
    }
    assertThat(signIn(attacker, "locked-user", "guess 10"))
        .isEqualTo(
            "login-locked: This account is locked for 15 more minutes after too many failed"
                + " sign-ins. Try again then, or ask an administrator.");

    assertThat(signIn(attacker, "locked-user", GOOD)).startsWith("login-locked");
    clock.advance(Duration.ofMinutes(5));
    assertThat(signIn(from(22), "locked-user", GOOD))
        .as("during the lockout no password is checked")
        .startsWith("login-locked");
    clock.advance(Duration.ofMinutes(10));
    assertThat(signIn(from(22), "locked-user", GOOD)).isEqualTo("signed in");

    JsonNode mine = server.get("/api/v1/notifications", owner).json().get("items");
    assertThat(mine.findValuesAsString("kind")).contains("account.locked");
    JsonNode admins = server.get("/api/v1/notifications", RunningServer.TOKEN).json().get("items");
    assertThat(admins.findValuesAsString("text"))
        .anySatisfy(text -> assertThat(text).contains("`locked-user`", "10 failed", "127.0.0.21"));

    List<AuditLog.Entry> trail = server.bean(AuditLog.class).entries("user", "locked-user");
    assertThat(trail.stream().filter(e -> e.eventType().equals("login.failed")))
        .hasSize(10)
        .allSatisfy(e -> assertThat(e.details()).contains("\"source\":\"127.0.0.21\""));
    assertThat(trail.stream().filter(e -> e.eventType().equals("login.locked"))).hasSize(1);
    assertThat(trail).noneSatisfy(e -> assertThat(String.valueOf(e.details())).contains("guess"));
  }

  @Test
  void failuresForANameThatIsNoAccountAreAuditedUnderTheAddress() throws Exception {
    assertThat(signIn(from(31), "nobody-here", "whatever it is")).startsWith("login-error");

    List<AuditLog.Entry> trail = server.bean(AuditLog.class).entries("login", "127.0.0.31");
    assertThat(trail).hasSize(1);
    assertThat(trail.getFirst().eventType()).isEqualTo("login.failed");
    assertThat(trail.getFirst().details()).contains("nobody-here").doesNotContain("whatever");
  }

  /** Makes a token over the API as {@code maker}; returns the answer (201 with the secret). */
  RunningServer.Reply token(String maker, Map<String, Object> request) throws Exception {
    return server.postJson("/api/v1/tokens", maker, request);
  }

  String secret(RunningServer.Reply created) {
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("secret").asString();
  }

  @Test
  void aRevokedTokenAnswers401SayingItWasRevoked() throws Exception {
    user("revoked-owner");
    RunningServer.Reply created =
        token(
            RunningServer.TOKEN,
            Map.of("user", "revoked-owner", "name", "laptop", "scopes", List.of("admin")));
    String secret = secret(created);
    assertThat(server.get("/api/v1/notifications", secret).status()).isEqualTo(200);

    RunningServer.Reply revoked =
        server.delete("/api/v1/tokens/" + created.json().get("id").asLong(), RunningServer.TOKEN);
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    assertThat(revoked.json().get("state").asString()).isEqualTo("revoked");

    RunningServer.Reply refused = server.get("/api/v1/notifications", secret);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("type").asString()).endsWith("/token-revoked");
    assertThat(refused.json().get("detail").asString()).contains("`laptop`", "was revoked at");
  }

  @Test
  void aTokenPastItsExpiryAnswers401SayingItExpired() throws Exception {
    String owner = user("expiring-owner");
    String secret =
        secret(
            token(owner, Map.of("name", "one hour", "scopes", List.of("read"), "expires", "1h")));
    assertThat(server.get("/api/v1/notifications", secret).status()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(61));

    RunningServer.Reply refused = server.get("/api/v1/notifications", secret);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().get("type").asString()).endsWith("/token-expired");
    assertThat(refused.json().get("detail").asString()).contains("`one hour`", "expired at");
  }

  @Test
  void aTokenWithoutExpiryGetsTheDefaultOfNinetyDaysAndNeverOnlyWhenAsked() throws Exception {
    String owner = user("default-expiry-owner");
    JsonNode lasting = token(owner, Map.of("name", "default", "scopes", List.of("read"))).json();
    assertThat(Instant.parse(lasting.get("expires_at").asString()))
        .isEqualTo(clock.instant().plus(Duration.ofDays(90)));
    JsonNode forever =
        token(owner, Map.of("name", "forever", "scopes", List.of("read"), "expires", "never"))
            .json();
    assertThat(forever.get("expires_at").isNull()).isTrue();
  }

  @Test
  void aReadTokenReadsButCannotOpenACase() throws Exception {
    String owner = user("read-only-agent");
    String read = secret(token(owner, Map.of("name", "dashboard", "scopes", List.of("read"))));
    assertThat(server.get("/api/v1/cases", read).status()).isEqualTo(200);

    RunningServer.Reply refused =
        server.postJson("/api/v1/cases", read, Map.of("channel", "email"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("type").asString()).endsWith("/token-scope");
    assertThat(refused.json().get("detail").asString())
        .contains("`dashboard`", "[read]", "POST /api/v1/cases");

    String cases = secret(token(owner, Map.of("name", "desk", "scopes", List.of("cases"))));
    assertThat(server.postJson("/api/v1/cases", cases, Map.of("channel", "email")).status())
        .as("the cases scope lets the request through to the case's own checks")
        .isEqualTo(400);
  }

  @Test
  void aCasesTokenOfAnAdminCannotImportProtocolsButAProtocolsTokenMay() throws Exception {
    String cases =
        secret(
            token(RunningServer.TOKEN, Map.of("name", "cases only", "scopes", List.of("cases"))));
    RunningServer.Reply refused =
        server.post(
            "/api/v1/protocols/import",
            cases,
            "application/zip",
            ServerContractTests.zip(Map.of()));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("type").asString()).endsWith("/token-scope");

    String protocols =
        secret(
            token(
                RunningServer.TOKEN,
                Map.of("name", "protocols only", "scopes", List.of("protocols"))));
    assertThat(
            server
                .post(
                    "/api/v1/protocols/import",
                    protocols,
                    "application/zip",
                    ServerContractTests.zip(Map.of()))
                .status())
        .isNotIn(401, 403);
  }

  @Test
  void anAgentsProtocolsTokenStillHasOnlyTheAgentsRights() throws Exception {
    String owner = user("agent-with-protocols-token");
    String protocols =
        secret(token(owner, Map.of("name", "wishful", "scopes", List.of("protocols"))));
    RunningServer.Reply refused =
        server.post(
            "/api/v1/protocols/import",
            protocols,
            "application/zip",
            ServerContractTests.zip(Map.of()));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("type").asString()).endsWith("/forbidden");
  }

  @Test
  void aTokensLastUseIsNotedAtMostOnceAMinute() throws Exception {
    String owner = user("last-used-owner");
    JsonNode created = token(owner, Map.of("name", "watched", "scopes", List.of("read"))).json();
    String secret = created.get("secret").asString();
    assertThat(created.get("last_used_at").isNull()).isTrue();

    server.get("/api/v1/notifications", secret);
    Instant first = clock.instant();
    clock.advance(Duration.ofSeconds(30));
    server.get("/api/v1/notifications", secret);
    assertThat(lastUsed(owner, "watched")).isEqualTo(first.toString());

    clock.advance(Duration.ofSeconds(31));
    server.get("/api/v1/notifications", secret);
    assertThat(lastUsed(owner, "watched")).isEqualTo(clock.instant().toString());
  }

  private String lastUsed(String owner, String name) throws Exception {
    for (JsonNode token : server.get("/api/v1/tokens", owner).json().get("items")) {
      if (token.get("name").asString().equals(name)) {
        return token.get("last_used_at").asString();
      }
    }
    throw new AssertionError("no token " + name);
  }

  @Test
  void everyoneManagesTheirOwnTokensAndOnlyAdminsOthers() throws Exception {
    String owner = user("self-service");
    user("someone-else");
    JsonNode made = token(owner, Map.of("name", "mine", "scopes", List.of("read", "cases"))).json();
    assertThat(made.get("scopes").toString()).isEqualTo("[\"cases\",\"read\"]");
    JsonNode listed = server.get("/api/v1/tokens", owner).json().get("items");
    assertThat(listed.findValuesAsString("name")).contains("mine", "test");
    assertThat(listed.findValues("secret")).isEmpty();

    assertThat(server.get("/api/v1/tokens?user=someone-else", owner).status()).isEqualTo(403);
    assertThat(
            token(owner, Map.of("user", "someone-else", "name", "x", "scopes", List.of("read")))
                .status())
        .isEqualTo(403);
    assertThat(server.get("/api/v1/tokens?user=someone-else", RunningServer.TOKEN).status())
        .isEqualTo(200);
    long othersToken =
        server
            .get("/api/v1/tokens?user=someone-else", RunningServer.TOKEN)
            .json()
            .get("items")
            .get(0)
            .get("id")
            .asLong();
    assertThat(server.delete("/api/v1/tokens/" + othersToken, owner).status()).isEqualTo(404);

    String readOnly = secret(token(owner, Map.of("name", "weak", "scopes", List.of("read"))));
    assertThat(token(readOnly, Map.of("name", "stronger", "scopes", List.of("admin"))).status())
        .as("a read token cannot make itself a stronger one")
        .isEqualTo(403);
  }

  @Test
  void aBadTokenRequestIs400NamingEachFieldAndMakesNothing() throws Exception {
    String owner = user("bad-request-owner");
    RunningServer.Reply bad =
        token(owner, Map.of("name", "", "scopes", List.of("read", "root"), "expires", "soon"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.contentType()).startsWith("application/problem+json");
    assertThat(bad.json().get("errors").findValuesAsString("field"))
        .containsExactlyInAnyOrder("name", "scopes[1]", "expires");
    assertThat(bad.json().toString()).contains("`root` is not a scope", "`soon` is not an expiry");
    assertThat(server.get("/api/v1/tokens", owner).json().get("items")).hasSize(1);
  }

  @Test
  void theAccountPageMakesATokenShownOnceAndRevokesIt() throws Exception {
    user("console-owner");
    ConsoleSession session = from(41);
    assertThat(signIn(session, "console-owner", GOOD)).isEqualTo("signed in");
    String page = session.get("/account/tokens").body();
    assertThat(page).contains("id=\"tokens-table\"", "id=\"token-form\"");
    java.util.regex.Matcher csrf = ConsoleSession.CSRF.matcher(page);
    assertThat(csrf.find()).isTrue();

    HttpResponse<String> made =
        session.post(
            "/account/tokens",
            Map.of("name", "reporting", "scope", "read", "expires", "P30D", "_csrf", csrf.group(1)),
            Map.of());
    assertThat(made.statusCode()).isEqualTo(302);
    String shown = session.get("/account/tokens").body();
    java.util.regex.Matcher secret =
        java.util.regex.Pattern.compile("id=\"token-secret\">(sb_[^<]+)<").matcher(shown);
    assertThat(secret.find()).as(shown).isTrue();
    assertThat(session.get("/account/tokens").body())
        .as("the token is shown once")
        .doesNotContain(secret.group(1))
        .contains("reporting");
    assertThat(server.get("/api/v1/notifications", secret.group(1)).status()).isEqualTo(200);
    assertThat(server.postJson("/api/v1/cases", secret.group(1), Map.of()).status()).isEqualTo(403);

    long id =
        server.get("/api/v1/tokens", secret.group(1)).json().get("items").get(0).get("id").asLong();
    HttpResponse<String> revoked =
        session.post("/account/tokens/" + id + "/revoke", Map.of("_csrf", csrf.group(1)), Map.of());
    assertThat(revoked.statusCode()).isEqualTo(302);
    assertThat(session.get("/account/tokens").body()).contains("id=\"token-revoked\"");
    assertThat(server.get("/api/v1/notifications", secret.group(1)).status()).isEqualTo(401);
  }

  @Test
  void theAccountPageRevokesOnlyTheSignedInUsersTokens() throws Exception {
    user("page-owner");
    user("page-other");
    ConsoleSession session = from(42);
    signIn(session, "page-owner", GOOD);
    long othersToken =
        server
            .get("/api/v1/tokens?user=page-other", RunningServer.TOKEN)
            .json()
            .get("items")
            .get(0)
            .get("id")
            .asLong();
    java.util.regex.Matcher csrf =
        ConsoleSession.CSRF.matcher(session.get("/account/tokens").body());
    assertThat(csrf.find()).isTrue();

    session.post(
        "/account/tokens/" + othersToken + "/revoke", Map.of("_csrf", csrf.group(1)), Map.of());

    assertThat(session.get("/account/tokens").body()).contains("id=\"token-error\"");
    assertThat(
            server
                .get("/api/v1/tokens?user=page-other", RunningServer.TOKEN)
                .json()
                .get("items")
                .get(0)
                .get("state")
                .asString())
        .isEqualTo("active");
  }

  @Test
  void theAccountPageChangesThePasswordOnlyToOneThePolicyAccepts() throws Exception {
    user("changing-owner");
    ConsoleSession session = from(51);
    signIn(session, "changing-owner", GOOD);
    java.util.regex.Matcher csrf =
        ConsoleSession.CSRF.matcher(session.get("/account/password").body());
    assertThat(csrf.find()).isTrue();

    String common =
        session
            .post(
                "/account/password",
                Map.of(
                    "current",
                    GOOD,
                    "new",
                    "qwerty123456",
                    "repeat",
                    "qwerty123456",
                    "_csrf",
                    csrf.group(1)),
                Map.of())
            .body();
    assertThat(common)
        .contains(
            "id=\"password-problems\"",
            "The new password is one of the 17,950 most common passwords");
    String wrongCurrent =
        session
            .post(
                "/account/password",
                Map.of(
                    "current",
                    "not it",
                    "new",
                    "a brand new phrase",
                    "repeat",
                    "a brand new phrase",
                    "_csrf",
                    csrf.group(1)),
                Map.of())
            .body();
    assertThat(wrongCurrent).contains("The current password is not right.");

    HttpResponse<String> changed =
        session.post(
            "/account/password",
            Map.of(
                "current",
                GOOD,
                "new",
                "a brand new phrase",
                "repeat",
                "a brand new phrase",
                "_csrf",
                csrf.group(1)),
            Map.of());
    assertThat(changed.statusCode()).isEqualTo(302);
    assertThat(session.get("/account/password").body()).contains("id=\"password-changed\"");
    assertThat(signIn(from(52), "changing-owner", GOOD)).startsWith("login-error");
    assertThat(signIn(from(53), "changing-owner", "a brand new phrase")).isEqualTo("signed in");
    assertThat(server.bean(AuditLog.class).entries("user", "changing-owner"))
        .extracting(AuditLog.Entry::eventType)
        .contains("user.password-changed");
  }

  @Test
  void thePasswordPageSpeaksGerman() throws Exception {
    user("german-owner");
    ConsoleSession session =
        new ConsoleSession(base, "de-DE,de;q=0.9", InetAddress.getByName("127.0.0.54"));
    signIn(session, "german-owner", GOOD);
    java.util.regex.Matcher csrf =
        ConsoleSession.CSRF.matcher(session.get("/account/password").body());
    assertThat(csrf.find()).isTrue();

    String refused =
        session
            .post(
                "/account/password",
                Map.of("current", GOOD, "new", "kurz", "repeat", "kurz", "_csrf", csrf.group(1)),
                Map.of())
            .body();

    assertThat(refused).contains("Das neue Passwort hat 4 Zeichen; es braucht mindestens 12.");
  }

  @Test
  void failuresOlderThanTheLongestWindowAreDeletedAsNewOnesArrive() throws Exception {
    signIn(from(61), "long-ago", "a guess");
    var jdbc = server.bean(org.springframework.jdbc.core.simple.JdbcClient.class);
    String count = "SELECT COUNT(*) FROM login_failure WHERE username = 'long-ago'";
    assertThat(jdbc.sql(count).query(Long.class).single()).isEqualTo(1);

    clock.advance(Duration.ofHours(25));
    signIn(from(62), "someone-else-entirely", "another guess");

    assertThat(jdbc.sql(count).query(Long.class).single()).isZero();
  }
}
