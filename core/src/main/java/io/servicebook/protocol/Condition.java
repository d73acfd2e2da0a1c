package io.servicebook.protocol;

import io.servicebook.condition.CompiledCondition;
import io.servicebook.diagnostics.Position;
import java.util.Objects;

/**
 * A CEL expression in a protocol (applies_when, decide.when, pause_when, an action's when),
 * compiled and type-checked when the protocol was read.
 */
public record Condition(String expression, Position position, CompiledCondition compiled) {

  public Condition {
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(compiled, "compiled");
  }
}
