package io.servicebook.runs;

import java.time.Instant;
import java.util.Objects;

/**
 * A moment the agent left the protocol's path, and why: the evidence adherence and protocol reviews
 * are made of.
 */
public record Deviation(Kind kind, String stepId, String reason, String actor, Instant at) {

  /** How the agent deviated. */
  public enum Kind {
    SKIPPED,
    WENT_BACK,
    OFF_SCRIPT
  }

  public Deviation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("A deviation needs a reason.");
    }
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
  }
}
