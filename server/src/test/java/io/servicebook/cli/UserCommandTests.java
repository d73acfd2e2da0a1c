package io.servicebook.cli;

import static io.servicebook.cli.CommandLineTests.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.cli.CommandLineTests.Run;
import io.servicebook.server.security.UserAccounts;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code servicebook user}: passwords under the policy, and API tokens made, listed and revoked.
 */
class UserCommandTests {

  @TempDir Path dir;

  private String data() {
    return dir.resolve("data").toString();
  }

  private static Run withStdin(String input, String... args) {
    InputStream before = System.in;
    System.setIn(new ByteArrayInputStream((input + "\n").getBytes(StandardCharsets.UTF_8)));
    try {
      return run(args);
    } finally {
      System.setIn(before);
    }
  }

  @Test
  void aUserIsAddedWithTheAddressTheirNotificationMailsGoTo() throws Exception {
    Run refused =
        run(
            "user",
            "add",
            "bea",
            "--role",
            "agent",
            "--email",
            "bea at home",
            "--data-dir",
            data());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("`bea at home` is not an e-mail address");

    Run added =
        run(
            "user",
            "add",
            "bea",
            "--role",
            "agent",
            "--email",
            "bea@example.com",
            "--data-dir",
            data());

    assertThat(added.exitCode()).as(added.err()).isZero();
    try (var context = UserCommand.open(Path.of(data()))) {
      assertThat(context.getBean(UserAccounts.class).email("bea")).contains("bea@example.com");
    }
  }

  @Test
  void tokensAreMadeWithScopesAndAnExpiryListedAndRevoked() {
    assertThat(run("user", "add", "alice", "--role", "agent", "--data-dir", data()).exitCode())
        .isZero();

    Run made =
        run(
            "user",
            "token",
            "alice",
            "--name",
            "reports",
            "--scope",
            "read,cases",
            "--expires",
            "30d",
            "--data-dir",
            data());
    assertThat(made.exitCode()).as(made.err()).isZero();
    assertThat(made.out().strip()).startsWith("sb_").doesNotContain(" ");
    assertThat(made.err()).contains("scopes cases,read, expires ", "shown this once");
    Matcher id = Pattern.compile("Token (\\d+) for alice").matcher(made.err());
    assertThat(id.find()).isTrue();

    Run listed = run("user", "tokens", "alice", "--data-dir", data());
    assertThat(listed.exitCode()).isZero();
    assertThat(listed.out())
        .contains("reports", "cases,read", "active")
        .doesNotContain(made.out().strip());

    Run revoked = run("user", "revoke-token", id.group(1), "--data-dir", data());
    assertThat(revoked.exitCode()).isZero();
    assertThat(revoked.out()).contains("Revoked token " + id.group(1) + " (`reports` of alice)");
    assertThat(run("user", "tokens", "alice", "--data-dir", data()).out()).contains("revoked");
    Run again = run("user", "revoke-token", id.group(1), "--data-dir", data());
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("was already revoked at");
    Run missing = run("user", "revoke-token", "9999", "--data-dir", data());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("there is no token 9999");
  }

  @Test
  void aUserIsDeactivatedAndActivatedAgainAndTheirSecondFactorReset() {
    assertThat(run("user", "add", "carol", "--role", "admin", "--data-dir", data()).exitCode())
        .isZero();

    Run deactivated = run("user", "deactivate", "carol", "--data-dir", data());
    assertThat(deactivated.exitCode()).as(deactivated.err()).isZero();
    assertThat(deactivated.out()).contains("carol is deactivated.");
    assertThat(run("user", "deactivate", "carol", "--data-dir", data()).out())
        .contains("carol was already deactivated.");
    assertThat(run("user", "activate", "carol", "--data-dir", data()).out())
        .contains("carol is active.");
    Run reset = run("user", "reset-second-factor", "carol", "--data-dir", data());
    assertThat(reset.exitCode()).isZero();
    assertThat(reset.out()).contains("carol has no second factor; nothing to reset.");
    Run missing = run("user", "deactivate", "nobody", "--data-dir", data());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("there is no user `nobody`");
  }

  @Test
  void aTokenWithAnUnknownScopeOrExpiryIsRefused() {
    run("user", "add", "bob", "--role", "agent", "--data-dir", data());

    Run scope = run("user", "token", "bob", "--scope", "root", "--data-dir", data());
    assertThat(scope.exitCode()).isEqualTo(2);
    assertThat(scope.err())
        .contains("`root` is not a scope; use one of: read, cases, protocols, gateway, admin.");
    Run expiry = run("user", "token", "bob", "--expires", "soon", "--data-dir", data());
    assertThat(expiry.exitCode()).isEqualTo(2);
    assertThat(expiry.err()).contains("--expires: `soon` is not an expiry");
    assertThat(run("user", "tokens", "bob", "--data-dir", data()).out()).doesNotContain("cli");
  }

  @Test
  void addingAUserRefusesAPasswordThePolicyRefusesAndSaysWhich() {
    Run common =
        withStdin(
            "qwerty123456",
            "user",
            "add",
            "carol",
            "--role",
            "agent",
            "--password-stdin",
            "--data-dir",
            data());
    assertThat(common.exitCode()).isEqualTo(2);
    assertThat(common.err()).contains("the password is not accepted", "most common passwords");
    Run short_ =
        withStdin(
            "too short",
            "user",
            "add",
            "carol",
            "--role",
            "agent",
            "--password-stdin",
            "--data-dir",
            data());
    assertThat(short_.err()).contains("The password has 9 characters; it needs at least 12.");

    Run good =
        withStdin(
            "a kettle with a cracked lid",
            "user",
            "add",
            "carol",
            "--role",
            "agent",
            "--password-stdin",
            "--data-dir",
            data());
    assertThat(good.exitCode()).as(good.err()).isZero();
  }

  @Test
  void passwdSetsAPasswordThePolicyAcceptsOrPrintsAGeneratedOne() {
    run("user", "add", "dave", "--role", "agent", "--data-dir", data());

    Run refused =
        withStdin("dave", "user", "passwd", "dave", "--password-stdin", "--data-dir", data());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("needs at least 12", "is the user name");

    Run changed =
        withStdin(
            "four plain words here",
            "user",
            "passwd",
            "dave",
            "--password-stdin",
            "--data-dir",
            data());
    assertThat(changed.exitCode()).as(changed.err()).isZero();
    assertThat(changed.out())
        .contains("Changed the password of dave.")
        .doesNotContain("shown once");

    Run generated = run("user", "passwd", "dave", "--data-dir", data());
    assertThat(generated.out()).contains("Password (shown once): ");
    assertThat(run("user", "passwd", "nobody", "--data-dir", data()).exitCode()).isEqualTo(1);
  }
}
