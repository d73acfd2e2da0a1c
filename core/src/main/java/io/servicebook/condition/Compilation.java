package io.servicebook.condition;

import java.util.List;
import java.util.Objects;

/** The outcome of {@link Conditions#compile(String)}. */
public sealed interface Compilation {

  /**
   * The condition type-checked and can be evaluated; it may still carry warnings, and a {@link
   * ConditionProblem.Kind#TOO_COSTLY} problem when it could exceed its cost limit (such a condition
   * is refused for publishing, but one published before still runs, and is flagged when stopped).
   */
  record Compiled(CompiledCondition condition, List<ConditionProblem> warnings)
      implements Compilation {
    public Compiled {
      Objects.requireNonNull(condition, "condition");
      warnings = List.copyOf(warnings);
    }
  }

  /** The condition cannot be used; {@code problems} is never empty. */
  record Failed(List<ConditionProblem> problems) implements Compilation {
    public Failed {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("a failed compilation needs at least one problem");
      }
    }
  }
}
