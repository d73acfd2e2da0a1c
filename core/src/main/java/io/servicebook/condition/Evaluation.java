package io.servicebook.condition;

import java.util.Objects;

/** The outcome of {@link CompiledCondition#evaluate(ConditionInput)}. */
public sealed interface Evaluation {

  /** The condition was decided. */
  record Value(boolean result) implements Evaluation {}

  /** The condition could not be decided, e.g. a value is missing or has the wrong type. */
  record Error(String message) implements Evaluation {
    public Error {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The condition was stopped at its cost limit (evaluation steps or loop turns) before it was
   * decided: not a fact about the case but a fault of the condition, which whoever relies on it
   * must make visible rather than read as "does not hold".
   */
  record Stopped(String message) implements Evaluation {
    public Stopped {
      Objects.requireNonNull(message, "message");
    }
  }
}
