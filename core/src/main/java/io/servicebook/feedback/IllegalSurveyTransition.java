package io.servicebook.feedback;

import java.util.Set;
import java.util.stream.Collectors;

/** A survey was asked to move between two statuses the transition table does not connect. */
public final class IllegalSurveyTransition extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final SurveyStatus from;
  private final SurveyStatus to;

  IllegalSurveyTransition(SurveyStatus from, SurveyStatus to, Set<SurveyStatus> allowed) {
    super(
        "A survey cannot move from "
            + from.key()
            + " to "
            + to.key()
            + (allowed.isEmpty()
                ? "; it is " + from.key() + " already and nothing more happens to it."
                : "; from "
                    + from.key()
                    + " it can move to "
                    + allowed.stream().map(SurveyStatus::key).collect(Collectors.joining(", "))
                    + "."));
    this.from = from;
    this.to = to;
  }

  public SurveyStatus from() {
    return from;
  }

  public SurveyStatus to() {
    return to;
  }
}
