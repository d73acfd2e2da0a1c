package io.servicebook.runs;

/** A run was asked to move between two statuses the transition table does not connect. */
public final class IllegalRunTransition extends IllegalStateException {

  private final RunStatus from;
  private final RunStatus to;

  IllegalRunTransition(RunStatus from, RunStatus to) {
    super(
        "A run cannot move from "
            + from
            + " to "
            + to
            + (RunStatusTransitions.allowedFrom(from).isEmpty()
                ? "; " + from + " is final."
                : "; from " + from + " it can move to " + RunStatusTransitions.allowedFrom(from))
            + ".");
    this.from = from;
    this.to = to;
  }

  public RunStatus from() {
    return from;
  }

  public RunStatus to() {
    return to;
  }
}
