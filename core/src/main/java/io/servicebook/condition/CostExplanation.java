package io.servicebook.condition;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

/** Says in a support manager's words why a condition's cost bound is over its limits. */
final class CostExplanation {

  private CostExplanation() {}

  /**
   * A sentence for the protocol's author on why the condition is refused; only for an estimate
   * outside the limits.
   */
  static String of(CostBound.Estimate estimate, Limits limits) {
    StringBuilder text = new StringBuilder("This condition could take too long to check: it ");
    List<CostBound.Loop> loops = estimate.heaviest();
    if (loops.isEmpty()) {
      text.append("is very long");
    }
    for (int i = 0; i < loops.size(); i++) {
      CostBound.Loop loop = loops.get(i);
      text.append(i == 0 ? "loops over " : ", and for each of them over ");
      text.append(loop.over());
      if (loop.items() == Long.MAX_VALUE) {
        text.append(" (whose length cannot be known in advance)");
      } else {
        text.append(" (up to ").append(number(loop.items())).append(" items)");
      }
    }
    text.append(". ");
    if (estimate.iterations() > limits.maxIterations()) {
      text.append("That is ")
          .append(amount(estimate.iterations()))
          .append(" loop turns for one case; at most ")
          .append(number(limits.maxIterations()))
          .append(" are allowed.");
    } else {
      text.append("That is ")
          .append(amount(estimate.steps()))
          .append(" evaluation steps for one case; at most ")
          .append(number(limits.maxSteps()))
          .append(" are allowed.");
    }
    if (loops.size() > 1) {
      text.append(" A loop inside a loop multiplies the work.");
    }
    return text.toString();
  }

  private static String amount(long value) {
    return value == Long.MAX_VALUE ? "an unknown number of" : "up to " + number(value);
  }

  private static String number(long value) {
    return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(value);
  }
}
