package io.servicebook.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SurveyTokensTests {

  private final SurveyTokens tokens = new SurveyTokens(new SecureRandom());

  @Test
  void aTokenCarries256RandomBitsAndIsSafeInAUrl() {
    String token = tokens.next();
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
    assertThat(SurveyTokens.BYTES * 8).isGreaterThanOrEqualTo(128);
    assertThat(SurveyTokens.isWellFormed(token)).isTrue();
  }

  @Test
  void tokensDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(tokens.next())).isTrue();
    }
  }

  @Test
  void somethingElseIsNotAToken() {
    assertThat(SurveyTokens.isWellFormed("abc")).isFalse();
    assertThat(SurveyTokens.isWellFormed("a".repeat(42) + "/")).isFalse();
    assertThat(SurveyTokens.isWellFormed("../" + "a".repeat(40))).isFalse();
  }
}
