package io.servicebook.server.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The server's clock: the system clock, except that the demo seeding may set the time of its own
 * thread, so the cases it opens get a history in the past (opened three days ago, answered an hour
 * later) written by the same code as every other case. Other threads always see the real time.
 */
public final class DemoClock extends Clock {

  private final Clock real;
  private final ThreadLocal<Instant> pretended;

  public DemoClock(Clock real) {
    this(real, new ThreadLocal<>());
  }

  private DemoClock(Clock real, ThreadLocal<Instant> pretended) {
    this.real = Objects.requireNonNull(real, "real");
    this.pretended = pretended;
  }

  @Override
  public Instant instant() {
    Instant at = pretended.get();
    return at != null ? at : real.instant();
  }

  @Override
  public ZoneId getZone() {
    return real.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new DemoClock(real.withZone(zone), pretended);
  }

  /** The real time, also on a thread that pretends another one. */
  Instant realInstant() {
    return real.instant();
  }

  /**
   * Runs {@code work} on this thread as if it were {@code at}; inside another {@code runAt}, the
   * outer time comes back afterwards (a demo step that walks a run sets the time of each submit).
   */
  public void runAt(Instant at, Runnable work) {
    Instant outer = pretended.get();
    pretended.set(at);
    try {
      work.run();
    } finally {
      if (outer == null) {
        pretended.remove();
      } else {
        pretended.set(outer);
      }
    }
  }
}
