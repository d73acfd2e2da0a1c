package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.audit.AuditLog;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The second factor over real HTTP with the server's clock moved by the test: enrolment at {@code
 * /account/2fa}, the code page after the password (no page is reachable in between), wrong and
 * replayed codes refused and throttled, recovery codes, enrolment forced for supervisors, and an
 * admin's reset; on H2 ({@link H2SecondFactorIntegrationTests}) and PostgreSQL ({@link
 * PostgresSecondFactorIntegrationTests}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecondFactorContractTests {

  static final String GOOD = "correct horse battery staple";
  static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<");
  static final Pattern RECOVERY = Pattern.compile("class=\"recovery-code\">([a-z0-9-]+)<");

  final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  RunningServer server;
  String base;
  Path dataDir;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dataDir) {
    this.dataDir = dataDir;
    server =
        RunningServer.start(
            dataDir,
            database(),
            Map.of("servicebook.login.require-second-factor-for", "SUPERVISOR"),
            clock);
    base = server.base.replace("localhost", "127.0.0.1");
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  void user(String username, Role role) {
    server.bean(UserAccounts.class).add(username, username, GOOD, EnumSet.of(role), "test");
  }

  ConsoleSession from(int n) throws Exception {
    return new ConsoleSession(base, "en-GB,en;q=0.9", InetAddress.getByName("127.0.1." + n));
  }

  /** What an authenticator app shows now, after waiting for a fresh 30-second step. */
  String nextCode(String secret) {
    clock.advance(Duration.ofSeconds(30));
    return TotpCodes.at(secret, clock.instant());
  }

  static String csrf(String page) {
    Matcher csrf = ConsoleSession.CSRF.matcher(page);
    assertThat(csrf.find()).as("the page carries a CSRF token:\n" + page).isTrue();
    return csrf.group(1);
  }

  static String location(HttpResponse<String> answer) {
    return answer.headers().firstValue("Location").orElse("");
  }

  static String problem(HttpResponse<String> page) {
    int at = page.body().indexOf("id=\"code-problem\"");
    assertThat(at).as("a problem on the page:\n" + page.body()).isNotNegative();
    return page.body().substring(page.body().indexOf('>', at) + 1, page.body().indexOf("</p>", at));
  }

  /** Posts a form of the page at {@code path} (with its CSRF token) to {@code action}. */
  static HttpResponse<String> submit(
      ConsoleSession session, String path, String action, Map<String, String> form)
      throws Exception {
    var fields = new java.util.HashMap<>(form);
    fields.put("_csrf", csrf(session.get(path).body()));
    return session.post(action, fields, Map.of());
  }

  record Enrolled(String secret, List<String> recoveryCodes) {}

  /** Signs in with the password alone and turns the second factor on at /account/2fa. */
  Enrolled enrol(String username, int from) throws Exception {
    ConsoleSession session = from(from);
    assertThat(location(session.login(username, GOOD))).doesNotContain("/login");
    assertThat(submit(session, "/account/2fa", "/account/2fa/begin", Map.of()).statusCode())
        .isEqualTo(302);
    String page = session.get("/account/2fa").body();
    Matcher secret = SECRET.matcher(page);
    assertThat(secret.find()).as(page).isTrue();
    assertThat(page)
        .contains("otpauth://totp/Servicebook:" + username + "?secret=" + secret.group(1));
    HttpResponse<String> confirmed =
        submit(
            session,
            "/account/2fa",
            "/account/2fa/confirm",
            Map.of("code", TotpCodes.at(secret.group(1), clock.instant())));
    assertThat(location(confirmed)).endsWith("/account/2fa");
    String shown = session.get("/account/2fa").body();
    List<String> codes = new ArrayList<>();
    Matcher recovery = RECOVERY.matcher(shown);
    while (recovery.find()) {
      codes.add(recovery.group(1));
    }
    assertThat(shown).contains("id=\"twofa-on\"");
    return new Enrolled(secret.group(1), codes);
  }

  /** Signs in with the password; returns the session, waiting at the code page. */
  ConsoleSession passwordOf(String username, int from) throws Exception {
    ConsoleSession session = from(from);
    assertThat(location(session.login(username, GOOD))).endsWith("/login/code");
    return session;
  }

  static HttpResponse<String> code(ConsoleSession session, String code) throws Exception {
    return submit(session, "/login/code", "/login/code", Map.of("code", code));
  }

  static boolean signedIn(ConsoleSession session) throws Exception {
    return session.get("/").statusCode() == 200;
  }

  @Test
  void enrollingShowsTheSecretOnceConfirmedWithACodeAndStoresItSealed() throws Exception {
    user("enrolling-admin", Role.ADMIN);
    Enrolled enrolled = enrol("enrolling-admin", 1);

    assertThat(enrolled.recoveryCodes()).hasSize(10).doesNotHaveDuplicates();
    ConsoleSession later = passwordOf("enrolling-admin", 1);
    code(later, nextCode(enrolled.secret()));
    assertThat(later.get("/account/2fa").body())
        .as("the recovery codes are shown once")
        .contains("id=\"twofa-on\"")
        .doesNotContain("class=\"recovery-code\"");

    JdbcClient jdbc = server.bean(JdbcClient.class);
    String stored =
        jdbc.sql(
                "SELECT f.secret FROM second_factor f JOIN app_user u ON u.id = f.user_id"
                    + " WHERE u.username = 'enrolling-admin'")
            .query(String.class)
            .single();
    assertThat(stored).startsWith("v1:").doesNotContain(enrolled.secret());
    assertThat(
            jdbc.sql(
                    "SELECT code_hash FROM recovery_code r JOIN app_user u ON u.id = r.user_id"
                        + " WHERE u.username = 'enrolling-admin'")
                .query(String.class)
                .list())
        .hasSize(10)
        .noneMatch(hash -> enrolled.recoveryCodes().stream().anyMatch(hash::contains));
    assertThat(dataDir.resolve("keys/totp.key")).exists();
    assertThat(Files.readString(dataDir.resolve("keys/totp.key")))
        .doesNotContain(enrolled.secret());
    assertThat(server.bean(AuditLog.class).entries("user", "enrolling-admin"))
        .anySatisfy(e -> assertThat(e.eventType()).isEqualTo("user.second-factor-enrolled"));
  }

  @Test
  void aWrongCodeDoesNotConfirmTheEnrolment() throws Exception {
    user("mistyping-admin", Role.ADMIN);
    ConsoleSession session = from(2);
    session.login("mistyping-admin", GOOD);
    submit(session, "/account/2fa", "/account/2fa/begin", Map.of());
    submit(session, "/account/2fa", "/account/2fa/confirm", Map.of("code", "000000"));

    assertThat(session.get("/account/2fa").body())
        .contains("id=\"twofa-problem\"", "id=\"totp-secret\"")
        .doesNotContain("id=\"twofa-on\"");
    assertThat(location(from(3).login("mistyping-admin", GOOD)))
        .as("still the password alone")
        .doesNotContain("/login");
  }

  @Test
  void theSignInAsksForTheCodeAndNoPageIsReachableBeforeIt() throws Exception {
    user("two-step-admin", Role.ADMIN);
    Enrolled enrolled = enrol("two-step-admin", 4);

    ConsoleSession session = passwordOf("two-step-admin", 5);
    for (String page : List.of("/", "/account/2fa", "/account/tokens", "/supervisor")) {
      HttpResponse<String> answer = session.get(page);
      assertThat(answer.statusCode()).as(page).isEqualTo(302);
      assertThat(location(answer)).as(page).endsWith("/login");
    }
    assertThat(session.get("/login/code").body()).contains("id=\"code-form\"");

    HttpResponse<String> answer = code(session, nextCode(enrolled.secret()));
    assertThat(location(answer)).endsWith("/");
    assertThat(signedIn(session)).isTrue();
    assertThat(session.get("/login/code").statusCode())
        .as("the second step is over")
        .isEqualTo(302);
  }

  @Test
  void wrongCodesAreRefusedCountedAsFailedSignInsAndThrottled() throws Exception {
    user("guessed-admin", Role.ADMIN);
    Enrolled enrolled = enrol("guessed-admin", 6);
    String right = nextCode(enrolled.secret());
    String wrong = right.equals("123456") ? "654321" : "123456";

    ConsoleSession guesser = passwordOf("guessed-admin", 7);
    for (int i = 1; i <= 5; i++) {
      assertThat(problem(code(guesser, wrong))).startsWith("That code is not right.");
    }
    assertThat(problem(code(guesser, right)))
        .as("even the right code waits")
        .isEqualTo(
            "Too many failed sign-ins from here or for this account. Wait 1 seconds, then try"
                + " again.");
    assertThat(signedIn(guesser)).isFalse();
    assertThat(server.bean(AuditLog.class).entries("user", "guessed-admin"))
        .filteredOn(e -> e.eventType().equals("login.failed"))
        .hasSize(5)
        .allSatisfy(e -> assertThat(e.details()).contains("\"factor\":\"second-factor\""));

    clock.advance(Duration.ofSeconds(1));
    assertThat(location(code(guesser, TotpCodes.at(enrolled.secret(), clock.instant()))))
        .endsWith("/");
    assertThat(signedIn(guesser)).isTrue();
  }

  @Test
  void theRightPasswordDoesNotClearTheCountOfWrongCodes() throws Exception {
    user("persistent-admin", Role.ADMIN);
    Enrolled enrolled = enrol("persistent-admin", 8);
    nextCode(enrolled.secret());
    for (int i = 1; i <= 5; i++) {
      // each attempt starts over with the right password
      assertThat(problem(code(passwordOf("persistent-admin", 9), "000000")))
          .startsWith("That code is not right.");
    }
    ConsoleSession sixth = from(9);
    assertThat(location(sixth.login("persistent-admin", GOOD)))
        .as("five wrong codes make the address wait, though each came after the right password")
        .contains("/login?error");
    assertThat(sixth.get("/login?error").body()).contains("Wait 1 seconds");
  }

  @Test
  void aCodeUsedOnceIsRefusedTheSecondTime() throws Exception {
    user("replayed-admin", Role.ADMIN);
    Enrolled enrolled = enrol("replayed-admin", 10);
    String code = nextCode(enrolled.secret());
    ConsoleSession first = passwordOf("replayed-admin", 10);
    assertThat(location(code(first, code))).endsWith("/");

    ConsoleSession eavesdropper = passwordOf("replayed-admin", 11);
    clock.advance(Duration.ofSeconds(10));
    assertThat(problem(code(eavesdropper, code)))
        .isEqualTo("That code was used already. Wait for the next code, then enter it.");
    assertThat(signedIn(eavesdropper)).isFalse();

    assertThat(location(code(eavesdropper, nextCode(enrolled.secret())))).endsWith("/");
  }

  @Test
  void aRecoveryCodeSignsInOnce() throws Exception {
    user("phoneless-admin", Role.ADMIN);
    Enrolled enrolled = enrol("phoneless-admin", 12);
    String recovery = enrolled.recoveryCodes().getFirst();

    ConsoleSession session = passwordOf("phoneless-admin", 12);
    assertThat(location(code(session, recovery.toUpperCase(java.util.Locale.ROOT)))).endsWith("/");
    assertThat(signedIn(session)).isTrue();
    assertThat(session.get("/account/2fa").body()).contains("9 unused recovery codes are left.");

    ConsoleSession again = passwordOf("phoneless-admin", 13);
    assertThat(problem(code(again, recovery))).startsWith("That code is not right.");
    assertThat(location(code(again, enrolled.recoveryCodes().get(1)))).endsWith("/");
    assertThat(server.bean(AuditLog.class).entries("user", "phoneless-admin"))
        .filteredOn(e -> e.eventType().equals("user.recovery-code-used"))
        .hasSize(2);
  }

  @Test
  void aSupervisorWithoutASecondFactorMustEnrolBeforeReachingAnyPage() throws Exception {
    user("forced-supervisor", Role.SUPERVISOR);
    ConsoleSession session = from(14);
    assertThat(location(session.login("forced-supervisor", GOOD))).endsWith("/login/enrol");
    assertThat(location(session.get("/"))).endsWith("/login");
    assertThat(session.get("/login/code").statusCode())
        .as("the code page is for the enrolled")
        .isEqualTo(302);

    String page = session.get("/login/enrol").body();
    Matcher secret = SECRET.matcher(page);
    assertThat(secret.find()).as(page).isTrue();
    assertThat(page).contains("otpauth://totp/");
    assertThat(session.get("/login/enrol").body())
        .as("reloading shows the same secret")
        .contains(secret.group(1));

    HttpResponse<String> wrong =
        submit(session, "/login/enrol", "/login/enrol", Map.of("code", "000000"));
    assertThat(problem(wrong)).startsWith("That code is not right.");
    assertThat(location(session.get("/"))).endsWith("/login");

    HttpResponse<String> enrolled =
        submit(
            session,
            "/login/enrol",
            "/login/enrol",
            Map.of("code", TotpCodes.at(secret.group(1), clock.instant())));
    assertThat(location(enrolled)).endsWith("/account/2fa");
    String account = session.get("/account/2fa").body();
    assertThat(account).contains("id=\"twofa-on\"", "class=\"recovery-code\"");
    assertThat(signedIn(session)).isTrue();

    assertThat(location(from(15).login("forced-supervisor", GOOD)))
        .as("from then on the code is asked")
        .endsWith("/login/code");
  }

  @Test
  void anAdminResetsAUsersSecondFactorOverTheApiAndItIsAudited() throws Exception {
    user("reset-admin", Role.ADMIN);
    enrol("reset-admin", 16);
    String agent = server.tokenFor("reset-agent", Role.AGENT);

    assertThat(server.delete("/api/v1/users/reset-admin/second-factor", agent).status())
        .isEqualTo(403);
    assertThat(location(from(16).login("reset-admin", GOOD))).endsWith("/login/code");

    RunningServer.Reply reset =
        server.delete("/api/v1/users/reset-admin/second-factor", RunningServer.TOKEN);
    assertThat(reset.status()).as(reset.body()).isEqualTo(200);
    assertThat(reset.json().get("second_factor").asString()).isEqualTo("reset");

    assertThat(location(from(17).login("reset-admin", GOOD))).doesNotContain("/login");
    assertThat(server.bean(AuditLog.class).entries("user", "reset-admin"))
        .anySatisfy(
            e -> {
              assertThat(e.eventType()).isEqualTo("user.second-factor-reset");
              assertThat(e.actor()).isEqualTo("admin");
            });

    RunningServer.Reply none =
        server.delete("/api/v1/users/reset-admin/second-factor", RunningServer.TOKEN);
    assertThat(none.json().get("second_factor").asString()).isEqualTo("none");
    RunningServer.Reply missing =
        server.delete("/api/v1/users/nobody-at-all/second-factor", RunningServer.TOKEN);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).startsWith("application/problem+json");
  }

  @Test
  void apiTokensOfAUserWithASecondFactorKeepWorking() throws Exception {
    user("token-admin", Role.ADMIN);
    String token = server.tokenFor("token-admin", Role.ADMIN);
    enrol("token-admin", 18);

    assertThat(server.get("/api/v1/notifications", token).status()).isEqualTo(200);
  }

  @Test
  void withoutAnIdentityProviderTheSignInPageOffersNone() throws Exception {
    assertThat(from(20).get("/login").body())
        .contains("id=\"login-form\"")
        .doesNotContain("login-oidc");
  }

  @Test
  void aDeactivatedUserIsSignedOutAndCannotSignInWithThePasswordNorUseTokens() throws Exception {
    user("leaving-agent", Role.AGENT);
    String token = server.tokenFor("leaving-agent", Role.AGENT);
    ConsoleSession open = from(19);
    assertThat(location(open.login("leaving-agent", GOOD))).doesNotContain("/login");
    assertThat(signedIn(open)).isTrue();
    server.bean(UserAccounts.class).setActive("leaving-agent", false, "test");

    assertThat(location(open.get("/")))
        .as("the open session ends at its next request")
        .endsWith("/login");
    assertThat(signedIn(open)).isFalse();

    ConsoleSession session = from(19);
    assertThat(location(session.login("leaving-agent", GOOD))).contains("/login?error");
    assertThat(session.get("/login?error").body()).contains("This account is deactivated.");
    assertThat(server.get("/api/v1/notifications", token).status()).isEqualTo(401);
  }
}
