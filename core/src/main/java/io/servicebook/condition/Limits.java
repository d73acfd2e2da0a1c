package io.servicebook.condition;

/**
 * Evaluation limits, kept at run time and checked beforehand by {@link CostBound}.
 *
 * @param maxIterations CEL's comprehension iteration limit: loop turns (of exists, all, map…) per
 *     evaluation, all loops together
 * @param maxSteps evaluated expression nodes per evaluation, loops included
 * @param maxListItems the most items a list a condition reads ({@code case.tags}) may have; a
 *     longer one is not evaluated, so that the cost of every condition has a known bound
 */
record Limits(int maxIterations, long maxSteps, int maxListItems) {
  static final Limits DEFAULT = new Limits(10_000, 100_000, Conditions.MAX_LIST_ITEMS);

  Limits {
    if (maxIterations < 1 || maxSteps < 1 || maxListItems < 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  Limits(int maxIterations, long maxSteps) {
    this(maxIterations, maxSteps, Conditions.MAX_LIST_ITEMS);
  }
}
