package io.servicebook.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordPolicyTests {

  private final PasswordPolicy policy = new PasswordPolicy(12);

  private List<String> rules(String username, String password) {
    return policy.check(username, password).stream().map(PasswordPolicy.Violation::rule).toList();
  }

  @Test
  void acceptsALongPhraseOfPlainWordsWithoutDigitsOrSymbols() {
    assertThat(policy.check("alice", "correct horse battery staple")).isEmpty();
  }

  @Test
  void refusesAPasswordShorterThanTheMinimumAndSaysHowLongItMustBe() {
    var violations = policy.check("alice", "short words");

    assertThat(violations).extracting(PasswordPolicy.Violation::rule).containsExactly("too-short");
    assertThat(violations.getFirst().message())
        .isEqualTo(
            "The password has 11 characters; it needs at least 12. A few plain words in a row make"
                + " a good one.");
  }

  @Test
  void countsCharactersNotBytesOrUtf16Units() {
    assertThat(rules("alice", "äöü😀äöü😀äöü😀")).isEmpty();
    assertThat(rules("alice", "😀".repeat(11))).containsExactly("too-short");
  }

  @Test
  void refusesAPasswordLongerThan128Characters() {
    assertThat(rules("alice", "a long phrase ".repeat(10))).containsExactly("too-long");
    assertThat(rules("alice", "x".repeat(128))).isEmpty();
  }

  @Test
  void refusesOneOfTheMostCommonPasswordsWhateverItsCase() {
    assertThat(rules("alice", "1qaz2wsx3edc")).containsExactly("common");
    assertThat(rules("alice", "QWERTY123456")).containsExactly("common");
    assertThat(policy.check("alice", "qwerty123456").getFirst().message())
        .startsWith("The password is one of the 17950 most common passwords")
        .doesNotContain("qwerty123456");
  }

  @Test
  void refusesTheUserNameAsPassword() {
    assertThat(rules("maximilian.weber", "Maximilian.Weber")).containsExactly("user-name");
  }

  @Test
  void reportsEveryRuleAPasswordBreaksTogether() {
    assertThat(rules("password", "password")).containsExactly("too-short", "user-name", "common");
    assertThat(PasswordPolicy.describe(policy.check("password", "password")))
        .contains("needs at least 12", "is the user name", "most common passwords");
  }

  @Test
  void theMinimumLengthIsConfigurableWithinSensibleBounds() {
    assertThat(new PasswordPolicy(16).check("alice", "fourteen chars").getFirst().message())
        .contains("needs at least 16");
    assertThatThrownBy(() -> new PasswordPolicy(6))
        .hasMessage("servicebook.password.min-length must be between 8 and 128, not 6");
  }
}
