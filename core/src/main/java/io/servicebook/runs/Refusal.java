package io.servicebook.runs;

import java.util.List;
import java.util.Optional;

/** Why the engine did not do what the agent asked, in words the agent understands. */
public sealed interface Refusal {

  /** In English, for the API and logs. */
  String message();

  /** The same as a message key ({@code refusal.*}) and its arguments, for pages in any language. */
  Wording wording();

  /** A message key and its arguments, in order. */
  record Wording(String key, List<String> args) {
    public Wording {
      args = List.copyOf(args);
    }

    static Wording of(String key, String... args) {
      return new Wording("refusal." + key, List.of(args));
    }
  }

  /** The run is over; nothing more happens in it. */
  record RunNotActive(RunStatus status) implements Refusal {
    public String message() {
      return "This run is " + status.name().toLowerCase() + "; nothing more can be done in it.";
    }

    public Wording wording() {
      return Wording.of("run-not-active", status.name().toLowerCase(java.util.Locale.ROOT));
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

    public Wording wording() {
      return Wording.of("not-current-step", requested, current);
    }
  }

  /**
   * A captured value does not fit its field; {@code code} names the check it failed and {@code
   * args} are the field's label, the value, then what the check needs.
   */
  record InvalidValue(String field, String value, String problem, String code, List<String> args)
      implements Refusal {
    public InvalidValue {
      args = List.copyOf(args);
    }

    public String message() {
      return problem;
    }

    public Wording wording() {
      return new Wording("refusal.invalid." + code, args);
    }
  }

  /** A required field of the step has no value; {@code label} is how the protocol names it. */
  record MissingValue(String field, String label) implements Refusal {
    public String message() {
      return label + " is required; fill it in to go on.";
    }

    public Wording wording() {
      return Wording.of("missing", label);
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

    public Wording wording() {
      return Wording.of("not-captured", field, stepId, String.join(", ", captured));
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

    public Wording wording() {
      return Wording.of("choice-needed", stepId, String.join(", ", labels));
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

    public Wording wording() {
      return Wording.of("unknown-choice", stepId, choice, String.join(", ", labels));
    }
  }

  /** A condition of the step (a branch or an action's when) could not be evaluated. */
  record CannotDecideYet(String stepId, Optional<String> expression, String problem)
      implements Refusal {
    public String message() {
      return "Cannot decide yet: " + expression.map(e -> "`" + e + "` ").orElse("") + problem;
    }

    public Wording wording() {
      return Wording.of("cannot-decide", stepId, expression.orElse(""), problem);
    }
  }

  /** The protocol does not let this step be skipped. */
  record NotSkippable(String stepId) implements Refusal {
    public String message() {
      return "Step `" + stepId + "` cannot be skipped; the protocol requires it.";
    }

    public Wording wording() {
      return Wording.of("not-skippable", stepId);
    }
  }

  /** A deviation was asked for without saying why. */
  record ReasonRequired(String what) implements Refusal {
    public String message() {
      return "Say why you " + what + "; the reason helps improve the protocol.";
    }

    public Wording wording() {
      return Wording.of("reason-required", what);
    }
  }

  /** The agent tried to go back from the first step. */
  record NothingToGoBackTo(String stepId) implements Refusal {
    public String message() {
      return "Step `" + stepId + "` is the first step of the run; there is nothing to go back to.";
    }

    public Wording wording() {
      return Wording.of("nothing-to-go-back-to", stepId);
    }
  }
}
