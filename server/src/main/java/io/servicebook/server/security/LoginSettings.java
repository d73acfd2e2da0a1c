package io.servicebook.server.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How hard failed sign-ins are throttled ({@code servicebook.login.*}): after {@code free-failures}
 * failures within a window, each further attempt waits {@code base-delay} doubled per failure (at
 * most {@code max-delay}) after the last failure, counted per source address over {@code
 * source-window} and per account over {@code account-window}; {@code lockout-failures} failures of
 * an account within its window lock it for {@code lockout}.
 */
@ConfigurationProperties("servicebook.login")
record LoginSettings(
    Integer freeFailures,
    Duration baseDelay,
    Duration maxDelay,
    Duration sourceWindow,
    Duration accountWindow,
    Integer lockoutFailures,
    Duration lockout) {

  LoginSettings {
    freeFailures = positive(freeFailures, 5, "free-failures");
    baseDelay = positive(baseDelay, Duration.ofSeconds(1), "base-delay");
    maxDelay = positive(maxDelay, Duration.ofMinutes(15), "max-delay");
    sourceWindow = positive(sourceWindow, Duration.ofHours(24), "source-window");
    accountWindow = positive(accountWindow, Duration.ofMinutes(15), "account-window");
    lockoutFailures = positive(lockoutFailures, 10, "lockout-failures");
    lockout = positive(lockout, Duration.ofMinutes(15), "lockout");
  }

  /** The defaults, as documented in docs/security.md. */
  static LoginSettings defaults() {
    return new LoginSettings(null, null, null, null, null, null, null);
  }

  /**
   * How long to wait after the last of {@code failures} failures: nothing for the free ones, then
   * the base delay doubled per further failure, at most the maximum.
   */
  Duration delayAfter(long failures) {
    if (failures < freeFailures) {
      return Duration.ZERO;
    }
    long doublings = Math.min(failures - freeFailures, 30);
    Duration delay = baseDelay.multipliedBy(1L << doublings);
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  /** The longest window: failures older than this no longer count anywhere. */
  Duration longestWindow() {
    return sourceWindow.compareTo(accountWindow) >= 0 ? sourceWindow : accountWindow;
  }

  private static int positive(Integer value, int otherwise, String name) {
    if (value == null) {
      return otherwise;
    }
    if (value < 1) {
      throw new IllegalArgumentException(
          "servicebook.login." + name + " must be at least 1, not " + value);
    }
    return value;
  }

  private static Duration positive(Duration value, Duration otherwise, String name) {
    if (value == null) {
      return otherwise;
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(
          "servicebook.login." + name + " must be a positive duration, not " + value);
    }
    return value;
  }
}
