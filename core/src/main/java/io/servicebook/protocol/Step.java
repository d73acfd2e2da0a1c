package io.servicebook.protocol;

import io.servicebook.diagnostics.Position;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a protocol: what to say, what to capture, how to decide, what to do, and where to go
 * next. Without {@code next} or {@code decide}, a step leads to the step written after it.
 */
public record Step(
    String id,
    Optional<String> title,
    Optional<Script> script,
    Optional<String> guidance,
    List<String> capture,
    List<Branch> decide,
    Optional<String> next,
    List<Action> actions,
    boolean skippable,
    Optional<String> include,
    Position position) {

  public Step {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(position, "position");
    capture = List.copyOf(capture);
    decide = List.copyOf(decide);
    actions = List.copyOf(actions);
  }

  /** Whether the step ends the run: it resolves the case or hands it to another protocol. */
  public boolean ends() {
    return actions.stream()
        .anyMatch(
            a ->
                a.when().isEmpty() && (a instanceof Action.Resolve || a instanceof Action.Handoff));
  }

  public String displayTitle() {
    return title.orElse(id);
  }
}
