package io.servicebook.kpi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The cases created from {@code from} (inclusive) to {@code to} (exclusive). */
public record Window(Instant from, Instant to) {

  /** The default window of benchmark health. */
  public static final Duration DEFAULT_LENGTH = Duration.ofDays(30);

  public Window {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "A window ends after it starts, not from " + from + " to " + to + ".");
    }
  }

  /** The {@code length} up to now. */
  public static Window last(Duration length, Clock clock) {
    Instant now = clock.instant();
    return new Window(now.minus(length), now);
  }

  public boolean contains(MeasuredCase kase) {
    Instant created = kase.createdAt();
    return !created.isBefore(from) && created.isBefore(to);
  }
}
