package io.servicebook.calendar;

import java.util.Objects;

/**
 * A stretch [start, end) during which an SLA clock does not count, e.g. while the team waits on the
 * customer. Pauses may overlap each other and may start before the clock does.
 */
public record Pause(java.time.Instant start, java.time.Instant end) {
  public Pause {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "a pause ends after it starts, but this one runs from " + start + " to " + end);
    }
  }
}
