package io.servicebook.runs;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the agent sends when a step is done: the values typed in, and the branch picked when the
 * step's decision is theirs to make.
 *
 * @param captured the raw text of each field, by field name; a blank value counts as not given
 * @param choice the label of the chosen branch, for a step whose {@code decide} offers choices
 */
public record Submission(
    String stepId,
    Map<String, String> captured,
    Optional<String> choice,
    String actor,
    Instant at) {

  public Submission {
    Objects.requireNonNull(stepId, "stepId");
    captured = Map.copyOf(captured);
    Objects.requireNonNull(choice, "choice");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
  }

  public static Submission of(
      String stepId, Map<String, String> captured, String actor, Instant at) {
    return new Submission(stepId, captured, Optional.empty(), actor, at);
  }

  /** The same submission with the branch labelled {@code label} chosen. */
  public Submission choosing(String label) {
    return new Submission(stepId, captured, Optional.of(label), actor, at);
  }
}
