package io.servicebook.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicebook.server.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TotpSecretsTests {

  @TempDir Path dataDir;

  TotpSecrets secrets(String key) {
    return new TotpSecrets(
        new SecondFactorSettings(List.of(), key, null),
        new ServerSettings(dataDir, null, false, null));
  }

  @Test
  void aSealedSecretOpensForItsUserOnlyAndShowsNothingOfTheSecret() {
    TotpSecrets secrets = secrets(null);
    byte[] secret = secrets.newSecret();

    String sealed = secrets.seal(7, secret);

    assertThat(sealed).startsWith("v1:").doesNotContain(Totp.base32(secret));
    assertThat(secrets.open(7, sealed)).isEqualTo(secret);
    assertThat(secrets.seal(7, secret)).as("a fresh nonce each time").isNotEqualTo(sealed);
    assertThatThrownBy(() -> secrets.open(8, sealed))
        .as("copied to another user's row")
        .hasMessageContaining("does not open with this server's TOTP key");
  }

  @Test
  void withoutAConfiguredKeyAKeyFileIsMadeOnceAndKept() throws Exception {
    String sealed = secrets(null).seal(1, new byte[] {1, 2, 3});
    Path file = dataDir.resolve("keys/totp.key");

    assertThat(file).exists();
    String key = Files.readString(file);
    assertThat(secrets(null).open(1, sealed)).containsExactly(1, 2, 3);
    assertThat(Files.readString(file)).isEqualTo(key);
  }

  @Test
  void aConfiguredKeyIsUsedAndAnotherKeyCannotOpen() {
    String sealed = secrets("a key of at least thirty-two characters").seal(1, new byte[] {9});

    assertThat(secrets("a key of at least thirty-two characters").open(1, sealed))
        .containsExactly(9);
    assertThat(dataDir.resolve("keys/totp.key")).doesNotExist();
    assertThatThrownBy(
            () -> secrets("another key of at least thirty-two characters").open(1, sealed))
        .hasMessageContaining("reset the user's second factor");
    assertThatThrownBy(() -> secrets("too short"))
        .hasMessageContaining("servicebook.login.totp-key must have at least 32 characters");
  }

  @Test
  void theRolesThatMustEnrolAreNamedAndCheckedAtStart() {
    assertThat(
            new SecondFactorSettings(List.of("admin", " SUPERVISOR"), null, null).requiredRoles())
        .containsExactlyInAnyOrder(Role.ADMIN, Role.SUPERVISOR);
    assertThatThrownBy(() -> new SecondFactorSettings(List.of("boss"), null, null))
        .hasMessageContaining("`boss`, which is no role");
  }
}
