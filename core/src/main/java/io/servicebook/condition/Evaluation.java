package io.servicebook.condition;

import java.util.Objects;

/** The outcome of {@link CompiledCondition#evaluate(ConditionInput)}. */
public sealed interface Evaluation {

  /** The condition was decided. */
  record Value(boolean result) implements Evaluation {}

  /** The condition could not be decided, e.g. a value is missing or it cost too much. */
  record Error(String message) implements Evaluation {
    public Error {
      Objects.requireNonNull(message, "message");
    }
  }
}
