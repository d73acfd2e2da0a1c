package io.servicebook.server.console;

import io.servicebook.sla.ClockState;
import io.servicebook.sla.SlaClock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SLA badge of a case: its earliest running clock, when that falls due and warns, and how it
 * stands — {@code sla-ok}, {@code sla-warning} past the warning, {@code sla-breached} past due.
 */
public record SlaBadge(String target, Instant due, Optional<Instant> warn, String css) {

  /** The badge of the earliest running, unpaused clock; empty when no clock runs. */
  static Optional<SlaBadge> of(List<SlaClock> clocks, Instant now) {
    return clocks.stream()
        .filter(c -> c.isRunning() && c.state() != ClockState.PAUSED && c.dueAt().isPresent())
        .min(Comparator.comparing(c -> c.dueAt().orElseThrow()))
        .map(
            c ->
                new SlaBadge(
                    c.target().name().toLowerCase(Locale.ROOT),
                    c.dueAt().orElseThrow(),
                    c.warnAt(),
                    css(c.state(), c.dueAt(), c.warnAt(), now)));
  }

  /** The colour of a clock's state at {@code now}: red when due, amber after the warning. */
  static String css(ClockState state, Optional<Instant> due, Optional<Instant> warn, Instant now) {
    if (state == ClockState.BREACHED || due.filter(d -> !now.isBefore(d)).isPresent()) {
      return "sla-breached";
    }
    if (state == ClockState.WARNED || warn.filter(w -> !now.isBefore(w)).isPresent()) {
      return "sla-warning";
    }
    return "sla-ok";
  }

  public String dueIso() {
    return due.toString();
  }

  public String warnIso() {
    return warn.map(Instant::toString).orElse("");
  }

  public String dueText() {
    return Times.utc(due);
  }
}
