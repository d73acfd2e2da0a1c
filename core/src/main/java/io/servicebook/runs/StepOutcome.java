package io.servicebook.runs;

/** How the agent left a step. */
public enum StepOutcome {
  /** Done as written: values captured, actions requested, next step decided. */
  SUBMITTED,
  /** Skipped, with a reason. */
  SKIPPED,
  /** Left to go back to the step before, with a reason. */
  WENT_BACK,
  /** The run was abandoned while on this step. */
  ABANDONED
}
