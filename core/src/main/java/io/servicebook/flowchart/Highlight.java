package io.servicebook.flowchart;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to emphasise on a flowchart during a run: the step the agent is on, and the steps visited so
 * far in the order they were visited (the path taken).
 */
public record Highlight(Optional<String> currentStep, List<String> visitedSteps) {

  /** Nothing highlighted. */
  public static final Highlight NONE = new Highlight(Optional.empty(), List.of());

  public Highlight {
    Objects.requireNonNull(currentStep, "currentStep");
    visitedSteps = List.copyOf(visitedSteps);
  }
}
