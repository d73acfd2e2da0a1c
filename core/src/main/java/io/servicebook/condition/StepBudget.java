package io.servicebook.condition;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;

/**
 * Counts evaluated expression nodes (CEL's interpreter reports each one to the listener, including
 * every node inside every loop iteration) and aborts evaluation when the budget is spent. One per
 * evaluation; deterministic, so the same input always stops at the same point.
 */
final class StepBudget implements CelEvaluationListener {

  /** Thrown from inside the interpreter; CEL wraps it in a CelEvaluationException. */
  static final class Exhausted extends RuntimeException {
    Exhausted() {
      super("evaluation step budget exhausted", null, false, false);
    }
  }

  private final long max;
  private long used;

  StepBudget(long max) {
    this.max = max;
  }

  @Override
  public void callback(CelExpr expr, Object evaluatedResult) {
    if (++used > max) {
      throw new Exhausted();
    }
  }

  static boolean isExhausted(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof Exhausted) {
        return true;
      }
    }
    return false;
  }
}
