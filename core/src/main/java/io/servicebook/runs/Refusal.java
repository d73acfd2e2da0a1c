package io.servicebook.runs;

import java.util.List;
import java.util.Optional;

/** Why the engine did not do what the agent asked, in words the agent understands. */
public sealed interface Refusal {

  String message();

  /** The run is over; nothing more happens in it. */
  record RunNotActive(RunStatus status) implements Refusal {
    public String message() {
      return "This run is " + status.name().toLowerCase() + "; nothing more can be done in it.";
    }
  }

  /** The agent acted on a step other than the one the run is on (e.g. a stale screen). */
  record NotCurrentStep(String requested, String current) implements Refusal {
    public String message() {
      return "Step `"
          + requested
          + "` is not the current step; the run is on `"
          + current
          + "`. Reload to see it.";
    }
  }

  /** A captured value does not fit its field. */
  record InvalidValue(String field, String value, String problem) implements Refusal {
    public String message() {
      return problem;
    }
  }

  /** A required field of the step has no value. */
  record MissingValue(String field, String problem) implements Refusal {
    public String message() {
      return problem;
    }
  }

  /** A value was sent for a field this step does not capture. */
  record NotCaptured(String field, String stepId, List<String> captured) implements Refusal {
    public NotCaptured {
      captured = List.copyOf(captured);
    }

    public String message() {
      return "Step `"
          + stepId
          + "` does not capture `"
          + field
          + "`; "
          + (captured.isEmpty()
              ? "it captures nothing."
              : "it captures " + String.join(", ", captured) + ".");
    }
  }

  /** The step's decision is the agent's to make, and no choice was given. */
  record ChoiceNeeded(String stepId, List<String> labels) implements Refusal {
    public ChoiceNeeded {
      labels = List.copyOf(labels);
    }

    public String message() {
      return "Step `" + stepId + "` needs a choice: " + String.join(", ", labels) + ".";
    }
  }

  /** The choice given is not one the step offers. */
  record UnknownChoice(String stepId, String choice, List<String> labels) implements Refusal {
    public UnknownChoice {
      labels = List.copyOf(labels);
    }

    public String message() {
      return labels.isEmpty()
          ? "Step `" + stepId + "` offers no choices, but “" + choice + "” was chosen."
          : "Step `"
              + stepId
              + "` offers no choice “"
              + choice
              + "”; choose one of "
              + String.join(", ", labels)
              + ".";
    }
  }

  /** A condition of the step (a branch or an action's when) could not be evaluated. */
  record CannotDecideYet(String stepId, Optional<String> expression, String problem)
      implements Refusal {
    public String message() {
      return "Cannot decide yet: " + expression.map(e -> "`" + e + "` ").orElse("") + problem;
    }
  }

  /** The protocol does not let this step be skipped. */
  record NotSkippable(String stepId) implements Refusal {
    public String message() {
      return "Step `" + stepId + "` cannot be skipped; the protocol requires it.";
    }
  }

  /** A deviation was asked for without saying why. */
  record ReasonRequired(String what) implements Refusal {
    public String message() {
      return "Say why you " + what + "; the reason helps improve the protocol.";
    }
  }

  /** The agent tried to go back from the first step. */
  record NothingToGoBackTo(String stepId) implements Refusal {
    public String message() {
      return "Step `" + stepId + "` is the first step of the run; there is nothing to go back to.";
    }
  }
}
