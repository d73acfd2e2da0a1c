package io.servicebook.condition;

import java.util.List;
import java.util.Objects;

/** The outcome of {@link Conditions#compile(String)}. */
public sealed interface Compilation {

  /** The condition type-checked; it may still carry warnings. */
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
