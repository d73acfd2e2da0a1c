package io.servicebook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.server.security.ApiTokens;
import io.servicebook.server.security.Role;
import io.servicebook.server.security.UserAccounts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
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
 * The administration's users and API tokens pages over real HTTP, run against every database: an
 * admin adds users with a one-time password (changed at the first sign-in) or a set-password link
 * (one use), changes roles, resets passwords, deactivates (sessions and tokens stop) and
 * reactivates; lists, makes and revokes anyone's tokens. Bad input is refused field by field and
 * changes nothing; every change is in the audit trail; other roles are refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PeopleContractTests {

  static final Pattern ONE_TIME = Pattern.compile("id=\"user-one-time-password\">([^<]+)</code>");
  static final Pattern LINK = Pattern.compile("id=\"user-link-url\">(http[^<]+)</code>");
  static final Pattern SECRET = Pattern.compile("id=\"token-secret\">([^<]+)</code>");

  RunningServer server;
  ConsoleSession admin;

  abstract Map<String, String> database();

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    server = RunningServer.start(dataDir, database(), Map.of());
    UserAccounts accounts = server.bean(UserAccounts.class);
    accounts.add("boss", "The Boss", "a long admin password", EnumSet.of(Role.ADMIN), "test");
    accounts.add("ann", "Ann Agent", "a long agent password", EnumSet.of(Role.AGENT), "test");
    admin = new ConsoleSession(server.base);
    admin.login("boss", "a long admin password");
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  String csrf(ConsoleSession session, String path) throws Exception {
    Matcher csrf = ConsoleSession.CSRF.matcher(session.get(path).body());
    assertThat(csrf.find()).as("a form on %s", path).isTrue();
    return csrf.group(1);
  }

  HttpResponse<String> post(ConsoleSession session, String path, Map<String, String> form)
      throws Exception {
    Map<String, String> withCsrf = new LinkedHashMap<>(form);
    withCsrf.put("_csrf", csrf(session, "/admin/users"));
    return session.post(path, withCsrf, Map.of());
  }

  List<String> audit(String user) {
    return server
        .bean(JdbcClient.class)
        .sql(
            "SELECT event_type || ' by ' || actor FROM audit_event"
                + " WHERE subject_type = 'user' AND subject_id = :u ORDER BY id")
        .param("u", user)
        .query(String.class)
        .list();
  }

  static String found(Pattern pattern, String page) {
    Matcher matcher = pattern.matcher(page);
    assertThat(matcher.find()).as("%s in the page", pattern).isTrue();
    return matcher.group(1);
  }

  @Test
  void aNewUserWithAOneTimePasswordMustChooseTheirOwnAtTheFirstSignIn() throws Exception {
    HttpResponse<String> list = admin.get("/admin/users");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("id=\"user-boss\"", "id=\"user-ann\"", "Ann Agent");

    HttpResponse<String> refused =
        post(
            admin,
            "/admin/users",
            Map.of("username", "no spaces", "email", "nobody", "credential", "pigeon"));
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body())
        .contains(
            "id=\"user-username-error\"",
            "id=\"user-email-error\"",
            "id=\"user-role-error\"",
            "id=\"user-credential-error\"")
        .contains("value=\"no spaces\"", "aria-invalid=\"true\"");
    assertThat(server.bean(UserAccounts.class).find("no spaces")).isEmpty();
    HttpResponse<String> taken =
        post(
            admin,
            "/admin/users",
            Map.of("username", "ann", "role", "agent", "credential", "link"));
    assertThat(taken.body()).contains("id=\"user-username-error\"");

    HttpResponse<String> added =
        post(
            admin,
            "/admin/users",
            Map.of(
                "username",
                "otto",
                "display_name",
                "Otto One-Time",
                "email",
                "otto@example.com",
                "role",
                "agent",
                "credential",
                "one-time"));
    assertThat(added.statusCode()).isEqualTo(302);
    assertThat(added.headers().firstValue("Location").orElse("")).endsWith("/admin/users/otto");
    String page = admin.get("/admin/users/otto").body();
    String oneTime = found(ONE_TIME, page);
    assertThat(admin.get("/admin/users/otto").body()).as("shown once").doesNotContain(oneTime);

    ConsoleSession otto = new ConsoleSession(server.base);
    otto.login("otto", oneTime);
    HttpResponse<String> inbox = otto.get("/");
    assertThat(inbox.statusCode()).isEqualTo(302);
    assertThat(inbox.headers().firstValue("Location").orElse("")).endsWith("/account/password");
    assertThat(otto.get("/protocols").statusCode()).isEqualTo(302);
    String passwordPage = otto.get("/account/password").body();
    assertThat(passwordPage).contains("id=\"password-must-change\"");
    Matcher csrf = ConsoleSession.CSRF.matcher(passwordPage);
    assertThat(csrf.find()).isTrue();
    HttpResponse<String> changed =
        otto.post(
            "/account/password",
            Map.of(
                "current",
                oneTime,
                "new",
                "ottos own long password",
                "repeat",
                "ottos own long password",
                "_csrf",
                csrf.group(1)),
            Map.of());
    assertThat(changed.statusCode()).isEqualTo(302);
    assertThat(otto.get("/").statusCode()).isEqualTo(200);
    assertThat(otto.get("/account/password").body()).doesNotContain("password-must-change");
    assertThat(audit("otto"))
        .containsSubsequence(
            "user.created by boss",
            "user.email-changed by boss",
            "user.password-reset by boss",
            "user.password-changed by otto");
  }

  @Test
  void aSetPasswordLinkWorksOnceAndAResetStopsTheOldPassword() throws Exception {
    server
        .bean(UserAccounts.class)
        .add("lena", "Lena", "lenas first long password", EnumSet.of(Role.AGENT), "test");
    HttpResponse<String> reset =
        post(admin, "/admin/users/lena/password", Map.of("credential", "link"));
    assertThat(reset.statusCode()).isEqualTo(302);
    String link = found(LINK, admin.get("/admin/users/lena").body());
    assertThat(link).startsWith(server.base + "/password/set/");
    String path = link.substring(server.base.length());

    HttpResponse<String> oldPassword =
        new ConsoleSession(server.base).login("lena", "lenas first long password");
    assertThat(oldPassword.headers().firstValue("Location").orElse("")).contains("error");

    ConsoleSession stranger = new ConsoleSession(server.base);
    HttpResponse<String> form = stranger.get(path);
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("id=\"password-link-form\"", "lena");
    Matcher csrf = ConsoleSession.CSRF.matcher(form.body());
    assertThat(csrf.find()).isTrue();
    HttpResponse<String> tooShort =
        stranger.post(
            path, Map.of("new", "short", "repeat", "short", "_csrf", csrf.group(1)), Map.of());
    assertThat(tooShort.statusCode()).isEqualTo(400);
    assertThat(tooShort.body()).contains("id=\"password-problems\"", "at least 12");
    HttpResponse<String> set =
        stranger.post(
            path,
            Map.of(
                "new",
                "lenas second long password",
                "repeat",
                "lenas second long password",
                "_csrf",
                csrf.group(1)),
            Map.of());
    assertThat(set.statusCode()).isEqualTo(200);
    assertThat(set.body()).contains("id=\"password-link-done\"");
    assertThat(stranger.get(path).statusCode()).as("used up").isEqualTo(404);
    assertThat(new ConsoleSession(server.base).get("/password/set/not-a-token").statusCode())
        .isEqualTo(404);

    ConsoleSession lena = new ConsoleSession(server.base);
    lena.login("lena", "lenas second long password");
    assertThat(lena.get("/").statusCode()).isEqualTo(200);

    // a newer link ends the older one
    post(admin, "/admin/users/lena/password", Map.of("credential", "link"));
    String first = found(LINK, admin.get("/admin/users/lena").body());
    post(admin, "/admin/users/lena/password", Map.of("credential", "link"));
    String second = found(LINK, admin.get("/admin/users/lena").body());
    assertThat(stranger.get(first.substring(server.base.length())).statusCode()).isEqualTo(404);
    assertThat(stranger.get(second.substring(server.base.length())).statusCode()).isEqualTo(200);
    assertThat(audit("lena"))
        .containsSubsequence("user.password-reset by boss", "user.password-changed by lena");
  }

  @Test
  void deactivatingEndsSessionsAndTokensKeepsHistoryAndReactivatingRestores() throws Exception {
    String token = server.tokenFor("dora", Role.AGENT);
    ConsoleSession dora = new ConsoleSession(server.base);
    dora.login("dora", "secret");
    assertThat(dora.get("/").statusCode()).isEqualTo(200);
    assertThat(server.get("/api/v1/protocols", token).status()).isEqualTo(200);

    HttpResponse<String> self = post(admin, "/admin/users/boss/deactivate", Map.of());
    assertThat(self.statusCode()).isEqualTo(302);
    assertThat(admin.get("/admin/users/boss").body()).contains("id=\"user-error\"");
    assertThat(server.bean(UserAccounts.class).deactivated("boss")).isFalse();

    assertThat(post(admin, "/admin/users/dora/deactivate", Map.of()).statusCode()).isEqualTo(302);
    assertThat(admin.get("/admin/users/dora").body()).contains("id=\"user-notice\"");
    assertThat(dora.get("/").headers().firstValue("Location").orElse("")).endsWith("/login");
    assertThat(server.get("/api/v1/protocols", token).status()).isEqualTo(401);
    assertThat(admin.get("/admin/users").body())
        .containsPattern("id=\"user-dora\"\\s+data-state=\"deactivated\"");
    assertThat(
            post(admin, "/admin/users/dora/password", Map.of("credential", "one-time"))
                .statusCode())
        .isEqualTo(302);
    assertThat(admin.get("/admin/users/dora").body())
        .contains("id=\"user-error\"")
        .doesNotContain("user-one-time-password");

    assertThat(post(admin, "/admin/users/dora/activate", Map.of()).statusCode()).isEqualTo(302);
    assertThat(admin.get("/admin/users/dora").body()).contains("id=\"user-notice\"");
    assertThat(server.get("/api/v1/protocols", token).status()).isEqualTo(200);

    post(admin, "/admin/users/dora/roles", Map.of("role", "supervisor"));
    assertThat(admin.get("/admin/users/dora").body()).contains("id=\"user-notice\"");
    assertThat(server.bean(UserAccounts.class).find("dora").orElseThrow().roles())
        .containsExactly(Role.SUPERVISOR);
    post(admin, "/admin/users/dora/roles", Map.of());
    assertThat(admin.get("/admin/users/dora").body()).contains("id=\"user-error\"");
    post(admin, "/admin/users/boss/roles", Map.of("role", "agent"));
    assertThat(admin.get("/admin/users/boss").body()).contains("id=\"user-error\"");
    assertThat(server.bean(UserAccounts.class).find("boss").orElseThrow().roles())
        .as("an admin cannot take their own admin role")
        .contains(Role.ADMIN);
    post(admin, "/admin/users/dora/second-factor", Map.of());
    assertThat(admin.get("/admin/users/dora").body()).contains("id=\"user-notice\"");
    assertThat(admin.get("/admin/users/nobody-at-all").statusCode()).isEqualTo(404);

    assertThat(audit("dora"))
        .containsSubsequence(
            "user.deactivated by boss", "user.activated by boss", "user.roles-changed by boss");
  }

  @Test
  void theTokensPageListsEveryonesTokensMakesOneForAUserAndRevokes() throws Exception {
    String annToken = server.tokenFor("ann", Role.AGENT);
    assertThat(server.get("/api/v1/protocols", annToken).status()).isEqualTo(200);
    String page = admin.get("/admin/tokens").body();
    assertThat(page).contains("id=\"admin-tokens-table\"", "/admin/users/ann");

    HttpResponse<String> refused =
        post(admin, "/admin/tokens", Map.of("user", "nobody-at-all", "name", "", "expires", "P2D"));
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body())
        .contains(
            "id=\"new-token-user-error\"",
            "id=\"new-token-name-error\"",
            "id=\"new-token-scope-error\"",
            "id=\"new-token-expires-error\"");

    int before = server.bean(ApiTokens.class).of("ann").size();
    HttpResponse<String> made =
        post(
            admin,
            "/admin/tokens",
            Map.of(
                "user", "ann", "name", "ann's report script", "scope", "read", "expires", "P30D"));
    assertThat(made.statusCode()).isEqualTo(302);
    String shown = admin.get("/admin/tokens").body();
    String secret = found(SECRET, shown);
    assertThat(admin.get("/admin/tokens").body()).as("shown once").doesNotContain(secret);
    assertThat(server.bean(ApiTokens.class).of("ann")).hasSize(before + 1);
    assertThat(server.get("/api/v1/protocols", secret).status()).isEqualTo(200);
    assertThat(server.postJson("/api/v1/cases", secret, Map.of()).status())
        .as("read scope only")
        .isEqualTo(403);

    var token =
        server.bean(ApiTokens.class).of("ann").stream()
            .filter(t -> t.name().equals("ann's report script"))
            .findFirst()
            .orElseThrow();
    assertThat(token.lastUsedAt()).as("its use is noted").isPresent();
    String annsPage = admin.get("/admin/tokens?user=ann").body();
    String row =
        found(Pattern.compile("(?s)(<tr id=\"token-" + token.id() + "\".*?</tr>)"), annsPage);
    assertThat(row)
        .contains("ann&#39;s report script", "read", "Active", "Revoke")
        .doesNotContain("Not yet", "Never");
    assertThat(post(admin, "/admin/tokens/" + token.id() + "/revoke", Map.of()).statusCode())
        .isEqualTo(302);
    assertThat(server.get("/api/v1/protocols", secret).status()).isEqualTo(401);
    assertThat(admin.get("/admin/tokens").body()).contains("id=\"token-revoked\"");
    assertThat(audit("ann")).contains("token.created by boss", "token.revoked by boss");
  }

  @Test
  void otherRolesAreRefusedAndFormsNeedTheCsrfToken() throws Exception {
    ConsoleSession ann = new ConsoleSession(server.base);
    ann.login("ann", "a long agent password");
    String annCsrf = csrf(ann, "/account/password");
    for (String path : List.of("/admin/users", "/admin/users/boss", "/admin/tokens")) {
      assertThat(ann.get(path).statusCode()).as(path).isEqualTo(403);
      assertThat(new ConsoleSession(server.base).get(path).statusCode()).as(path).isEqualTo(302);
    }
    for (String path :
        List.of(
            "/admin/users",
            "/admin/users/boss/deactivate",
            "/admin/users/boss/password",
            "/admin/users/ann/roles",
            "/admin/tokens")) {
      assertThat(
              ann.post(
                      path,
                      Map.of("role", "admin", "credential", "one-time", "_csrf", annCsrf),
                      Map.of())
                  .statusCode())
          .as(path)
          .isEqualTo(403);
      assertThat(admin.post(path, Map.of("role", "admin"), Map.of()).statusCode())
          .as("no CSRF token: %s", path)
          .isEqualTo(403);
    }
    assertThat(server.bean(UserAccounts.class).find("ann").orElseThrow().roles())
        .containsExactly(Role.AGENT);
    assertThat(server.bean(UserAccounts.class).deactivated("boss")).isFalse();
  }
}
