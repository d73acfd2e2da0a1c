package io.servicebook.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginSettingsTests {

  private final LoginSettings defaults = LoginSettings.defaults();

  @Test
  void theFirstFiveFailuresCostNothingThenTheDelayDoublesFromOneSecond() {
    assertThat(defaults.delayAfter(0)).isZero();
    assertThat(defaults.delayAfter(4)).isZero();
    assertThat(defaults.delayAfter(5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(defaults.delayAfter(6)).isEqualTo(Duration.ofSeconds(2));
    assertThat(defaults.delayAfter(9)).isEqualTo(Duration.ofSeconds(16));
    assertThat(defaults.delayAfter(14)).isEqualTo(Duration.ofSeconds(512));
  }

  @Test
  void theDelayStopsGrowingAtTheMaximum() {
    assertThat(defaults.delayAfter(15)).isEqualTo(Duration.ofMinutes(15));
    assertThat(defaults.delayAfter(Long.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void theDefaultsLockAnAccountForFifteenMinutesAfterTenFailuresInFifteenMinutes() {
    assertThat(defaults.lockoutFailures()).isEqualTo(10);
    assertThat(defaults.accountWindow()).isEqualTo(Duration.ofMinutes(15));
    assertThat(defaults.lockout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(defaults.sourceWindow()).isEqualTo(Duration.ofHours(24));
    assertThat(defaults.longestWindow()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void refusesAZeroOrNegativeSetting() {
    assertThatThrownBy(() -> new LoginSettings(0, null, null, null, null, null, null))
        .hasMessage("servicebook.login.free-failures must be at least 1, not 0");
    assertThatThrownBy(
            () -> new LoginSettings(null, null, null, null, null, null, Duration.ofMinutes(-1)))
        .hasMessage("servicebook.login.lockout must be a positive duration, not PT-1M");
  }
}
