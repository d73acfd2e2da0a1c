package io.servicebook.followups;

import java.time.Instant;
import java.util.Objects;

/**
 * One resolution of a case: the first is cycle 1, and a case reopened and resolved again is in
 * cycle 2, so what was scheduled for the first resolution can tell it is out of date.
 */
public record Resolution(int cycle, Instant resolvedAt) {

  public Resolution {
    if (cycle < 1) {
      throw new IllegalArgumentException("Resolution cycles count from 1, not " + cycle + ".");
    }
    Objects.requireNonNull(resolvedAt, "resolvedAt");
  }
}
