package io.servicebook.cases;

import java.util.Set;
import java.util.stream.Collectors;

/** A case was asked to move between two statuses the transition table does not connect. */
public final class IllegalCaseTransition extends IllegalStateException {

  private final CaseStatus from;
  private final CaseStatus to;

  IllegalCaseTransition(CaseStatus from, CaseStatus to, Set<CaseStatus> allowed) {
    super(
        "A case cannot move from "
            + from
            + " to "
            + to
            + "; from "
            + from
            + " it can move to "
            + (allowed.isEmpty()
                ? "nothing (it is final; open a follow-up case instead)"
                : allowed.stream().map(CaseStatus::name).collect(Collectors.joining(", ")))
            + ".");
    this.from = from;
    this.to = to;
  }

  public CaseStatus from() {
    return from;
  }

  public CaseStatus to() {
    return to;
  }
}
