package io.servicebook.condition;

import java.util.Objects;

/**
 * Something wrong (or doubtful) with a condition.
 *
 * @param line 1-based line inside the expression text
 * @param column 1-based column inside the expression text (in code points)
 * @param message a plain sentence for the protocol's author
 * @param kind how bad it is
 */
public record ConditionProblem(int line, int column, String message, Kind kind) {

  /** How bad a problem is. */
  public enum Kind {
    /** The condition cannot be used. */
    ERROR,
    /** The condition works but is probably not what was meant. */
    WARNING,
    /**
     * The condition works, but checking it could cost more than its limit allows, so on some case
     * it could be stopped instead of decided: a protocol must not be published with it.
     */
    TOO_COSTLY
  }

  public ConditionProblem {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(kind, "kind");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
  }

  public ConditionProblem(int line, int column, String message, boolean warning) {
    this(line, column, message, warning ? Kind.WARNING : Kind.ERROR);
  }

  /** {@code true} if the condition still compiles and is only doubtful. */
  public boolean warning() {
    return kind == Kind.WARNING;
  }
}
