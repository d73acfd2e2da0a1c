package io.servicebook.followups;

import io.servicebook.cases.Case;
import io.servicebook.cases.CaseStatus;
import io.servicebook.cases.Interaction;
import io.servicebook.protocol.IsoDuration;
import java.util.Optional;

/**
 * Whether a resolved case closes by itself when its auto-close timer comes due: only while it is
 * still resolved in the cycle the timer was set for and the customer has not written since.
 */
public final class AutoClose {

  private AutoClose() {}

  /** What the timer does. */
  public sealed interface Decision {
    /** Close the case, for this reason. */
    record Close(String reason) implements Decision {}

    /** Leave the case as it is, because of this. */
    record Leave(String why) implements Decision {}
  }

  /** The reason the audit trail gives for a case closed after {@code after}. */
  public static String reason(IsoDuration after) {
    return "resolved for " + after + " without a reply; closed automatically";
  }

  /**
   * @param current the case's resolution now in effect; empty when it was reopened since
   * @param timerCycle the resolution cycle the timer was scheduled for
   */
  public static Decision decide(
      Case kase, Optional<Resolution> current, int timerCycle, IsoDuration after) {
    if (kase.status() != CaseStatus.RESOLVED) {
      return new Decision.Leave("the case is " + kase.status().key() + " now");
    }
    if (current.isEmpty() || current.get().cycle() != timerCycle) {
      return new Decision.Leave(
          "the case was resolved again since (cycle "
              + current.map(Resolution::cycle).map(String::valueOf).orElse("unknown")
              + ", the timer is of cycle "
              + timerCycle
              + ")");
    }
    boolean wrote =
        kase.interactions().stream()
            .filter(Interaction::fromCustomer)
            .anyMatch(i -> i.at().isAfter(current.get().resolvedAt()));
    if (wrote) {
      return new Decision.Leave("the customer wrote after the case was resolved");
    }
    return new Decision.Close(reason(after));
  }
}
