package io.servicebook.server.sla;

import io.servicebook.sla.SlaClock;
import io.servicebook.sla.SlaTarget;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * A warning or breach timer of one clock cycle, with its id {@code CASE:TARGET:CYCLE:EPOCHMILLI}: a
 * due time that moves makes a new timer and removes the old one; an old one that fires all the same
 * finds the clock not warned or breached, or stopped, and does nothing.
 */
record SlaTimer(String caseId, SlaTarget target, int cycle, Instant at) {

  static final String WARNING = "sla-warning";
  static final String BREACH = "sla-breach";

  /**
   * The timer for a moment of a clock, rounded up to the millisecond so that it never fires before
   * the clock has reached that moment.
   */
  static SlaTimer of(String caseId, SlaClock clock, Instant moment) {
    Instant millis = moment.truncatedTo(ChronoUnit.MILLIS);
    Instant at = millis.equals(moment) ? millis : millis.plusMillis(1);
    return new SlaTimer(caseId, clock.target(), clock.cycle(), at);
  }

  String id() {
    return caseId
        + ":"
        + target.name().toLowerCase(Locale.ROOT)
        + ":"
        + cycle
        + ":"
        + at.toEpochMilli();
  }

  /** The timer an id names; empty for an id this feature never made. */
  static Optional<SlaTimer> parse(String id) {
    String[] parts = id.split(":");
    if (parts.length != 4) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new SlaTimer(
              parts[0],
              SlaTarget.valueOf(parts[1].toUpperCase(Locale.ROOT)),
              Integer.parseInt(parts[2]),
              Instant.ofEpochMilli(Long.parseLong(parts[3]))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  boolean isOf(SlaClock clock) {
    return clock.target() == target && clock.cycle() == cycle;
  }
}
