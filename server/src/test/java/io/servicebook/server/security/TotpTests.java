package io.servicebook.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTests {

  /** The SHA-1 secret of RFC 6238's test vectors (appendix B). */
  static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @Test
  void givesTheSixLastDigitsOfRfc6238sTestVectors() {
    assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
    assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111109))))
        .isEqualTo("081804");
    assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1234567890))))
        .isEqualTo("005924");
    assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(2000000000))))
        .isEqualTo("279037");
  }

  @Test
  void acceptsTheCodeOfOneStepEitherSideAndNoFurther() {
    Instant now = Instant.ofEpochSecond(1111111109);
    long step = Totp.step(now);

    assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now))
        .hasValue(step - 1);
    assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step), now)).hasValue(step);
    assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now))
        .hasValue(step + 1);
    assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 2), now)).isEmpty();
    assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 2), now)).isEmpty();
  }

  @Test
  void refusesCodesOfAnotherShapeAndIgnoresSpaces() {
    Instant now = Instant.ofEpochSecond(59);
    assertThat(Totp.matchingStep(RFC_SECRET, "287 082", now)).isPresent();
    assertThat(Totp.matchingStep(RFC_SECRET, "", now)).isEmpty();
    assertThat(Totp.matchingStep(RFC_SECRET, null, now)).isEmpty();
    assertThat(Totp.matchingStep(RFC_SECRET, "94287082", now)).isEmpty();
  }

  @Test
  void writesAndReadsBase32AsRfc4648() {
    assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
    assertThat(new String(Totp.fromBase32("mzxw 6ytb oi"), StandardCharsets.US_ASCII))
        .isEqualTo("foobar");
    assertThat(Totp.fromBase32(Totp.base32(RFC_SECRET))).isEqualTo(RFC_SECRET);
    assertThatThrownBy(() -> Totp.fromBase32("MZ1W")).hasMessageContaining("`1`");
  }

  @Test
  void makesTheKeyUriAuthenticatorAppsRead() {
    assertThat(
            Totp.uri("Servicebook", "ada lovelace", "foobar".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(
            "otpauth://totp/Servicebook:ada%20lovelace?secret=MZXW6YTBOI&issuer=Servicebook"
                + "&algorithm=SHA1&digits=6&period=30");
  }
}
