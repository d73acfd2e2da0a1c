package io.servicebook.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One cycle of one SLA target: when it started and stopped, its goal in business time, when it
 * warns and falls due (empty while a pause leaves it open), how much business time it used, and its
 * state at the moment it was computed for.
 */
public record SlaClock(
    SlaTarget target,
    int cycle,
    Instant startedAt,
    Optional<Instant> stoppedAt,
    Duration goal,
    Optional<Instant> warnAt,
    Optional<Instant> dueAt,
    Duration elapsed,
    ClockState state) {

  public boolean isRunning() {
    return stoppedAt.isEmpty();
  }
}
