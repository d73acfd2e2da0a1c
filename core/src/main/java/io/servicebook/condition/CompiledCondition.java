package io.servicebook.condition;

import java.util.Map;
import java.util.Set;

/** A type-checked condition, ready to evaluate; immutable and thread-safe. */
public interface CompiledCondition {

  /** The expression text as written. */
  String expression();

  /** Evaluates the condition; never throws. */
  Evaluation evaluate(ConditionInput input);

  /**
   * Literal values this condition compares each variable with, e.g. {@code {"case.category":
   * ["return","refund"]}}: used by a linter that looks for two protocols applying to the same case.
   * Comparisons are {@code ==, !=, <, <=, >, >=} and {@code in}; values are String, Long, Double or
   * Boolean.
   */
  Map<String, Set<Object>> comparedLiterals();
}
