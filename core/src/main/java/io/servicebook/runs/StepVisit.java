package io.servicebook.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One visit of a step in a run's log: who was on it, from when to when, what was captured, how it
 * ended, and the deviations noted during it. A step visited twice (after going back) has two
 * visits.
 *
 * @param leftBy who left the step; present exactly when {@code leftAt} and {@code outcome} are
 * @param captured the typed values submitted in this visit
 */
public record StepVisit(
    String stepId,
    String enteredBy,
    Instant enteredAt,
    Optional<String> leftBy,
    Optional<Instant> leftAt,
    Optional<StepOutcome> outcome,
    Map<String, Object> captured,
    List<Deviation> deviations) {

  public StepVisit {
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(enteredBy, "enteredBy");
    Objects.requireNonNull(enteredAt, "enteredAt");
    if (leftBy.isPresent() != leftAt.isPresent() || leftAt.isPresent() != outcome.isPresent()) {
      throw new IllegalArgumentException(
          "A step visit that was left has who left it, when, and how; this one has only some.");
    }
    if (leftAt.isPresent() && leftAt.get().isBefore(enteredAt)) {
      throw new IllegalArgumentException(
          "Step `"
              + stepId
              + "` cannot be left ("
              + leftAt.get()
              + ") before it was entered ("
              + enteredAt
              + ").");
    }
    captured = Collections.unmodifiableMap(new LinkedHashMap<>(captured));
    deviations = List.copyOf(deviations);
  }

  static StepVisit enter(String stepId, String actor, Instant at) {
    return new StepVisit(
        stepId,
        actor,
        at,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        List.of());
  }

  public boolean isOpen() {
    return leftAt.isEmpty();
  }

  /** How long the agent was on the step; empty while still on it. */
  public Optional<Duration> duration() {
    return leftAt.map(left -> Duration.between(enteredAt, left));
  }

  StepVisit leave(StepOutcome how, String actor, Instant at, Map<String, Object> values) {
    return new StepVisit(
        stepId,
        enteredBy,
        enteredAt,
        Optional.of(actor),
        Optional.of(at),
        Optional.of(how),
        values,
        deviations);
  }

  StepVisit with(Deviation deviation) {
    List<Deviation> all = new ArrayList<>(deviations);
    all.add(deviation);
    return new StepVisit(stepId, enteredBy, enteredAt, leftBy, leftAt, outcome, captured, all);
  }
}
