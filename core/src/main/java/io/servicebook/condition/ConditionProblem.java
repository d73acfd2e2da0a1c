package io.servicebook.condition;

import java.util.Objects;

/**
 * Something wrong (or doubtful, when {@code warning}) with a condition.
 *
 * @param line 1-based line inside the expression text
 * @param column 1-based column inside the expression text (in code points)
 * @param message a plain sentence for the protocol's author
 * @param warning {@code true} if the condition still compiles
 */
public record ConditionProblem(int line, int column, String message, boolean warning) {
  public ConditionProblem {
    Objects.requireNonNull(message, "message");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
  }
}
