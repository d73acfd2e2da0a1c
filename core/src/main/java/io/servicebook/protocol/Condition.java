package io.servicebook.protocol;

import io.servicebook.diagnostics.Position;
import java.util.Objects;

/** A CEL expression in a protocol (applies_when, decide.when, pause_when, an action's when). */
public record Condition(String expression, Position position) {

  public Condition {
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(position, "position");
  }
}
