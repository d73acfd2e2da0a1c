package io.servicebook.condition;

/**
 * Evaluation limits.
 *
 * @param maxIterations CEL's comprehension iteration limit (per loop macro such as exists or map)
 * @param maxSteps evaluated expression nodes per evaluation, loops included
 */
record Limits(int maxIterations, long maxSteps) {
  static final Limits DEFAULT = new Limits(10_000, 100_000);

  Limits {
    if (maxIterations < 1 || maxSteps < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
