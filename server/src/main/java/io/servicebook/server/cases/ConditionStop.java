package io.servicebook.server.cases;

import java.time.Instant;
import java.util.Objects;

/**
 * A protocol's condition that was stopped at its cost limit while the protocol for a case was
 * chosen: what the case shows so that a person picks its protocol, and the protocol's owner learns
 * which condition to fix.
 *
 * @param protocol the protocol's slug
 * @param version the published version whose condition was stopped
 * @param condition which condition, e.g. {@code applies_when}
 * @param location where it is written, {@code file:line:column}
 * @param expression the condition as written
 * @param message why it was stopped
 * @param heldBack {@code true} when no protocol was chosen because this one might have won
 * @param at when it happened
 */
public record ConditionStop(
    String protocol,
    int version,
    String condition,
    String location,
    String expression,
    String message,
    boolean heldBack,
    Instant at) {

  public ConditionStop {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(at, "at");
  }
}
