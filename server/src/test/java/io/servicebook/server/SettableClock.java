package io.servicebook.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test moves it, for a server whose timers should come due when
 * the test says so (db-scheduler asks the server's clock which timers are due).
 */
final class SettableClock extends Clock {

  private volatile Instant now;

  SettableClock(Instant start) {
    this.now = start;
  }

  /** Moves the clock on by {@code by}; it never goes back. */
  void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("A settable clock moves forward only, not by " + by);
    }
    now = now.plus(by);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (zone.normalized().equals(ZoneOffset.UTC)) {
      return this;
    }
    throw new UnsupportedOperationException("the server's clock is UTC, not " + zone);
  }
}
