package io.servicebook.protocol;

import io.servicebook.diagnostics.Position;

/** One way out of a decision: taken when a condition holds, when the agent picks it, or else. */
public sealed interface Branch {

  /** The id of the step this branch leads to. */
  String target();

  Position position();

  /** Taken by itself when the condition holds. */
  record When(Condition when, String target, Position position) implements Branch {}

  /** Offered to the agent as a button with this label. */
  record Choice(String label, String target, Position position) implements Branch {}

  /** Taken when no other branch applies. */
  record Otherwise(String target, Position position) implements Branch {}
}
