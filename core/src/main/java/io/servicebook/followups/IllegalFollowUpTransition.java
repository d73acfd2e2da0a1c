package io.servicebook.followups;

import java.util.Set;
import java.util.stream.Collectors;

/** A follow-up was asked to move between two statuses the transition table does not connect. */
public final class IllegalFollowUpTransition extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final FollowUpStatus from;
  private final FollowUpStatus to;

  IllegalFollowUpTransition(FollowUpStatus from, FollowUpStatus to, Set<FollowUpStatus> allowed) {
    super(
        "A follow-up cannot move from "
            + from.key()
            + " to "
            + to.key()
            + (allowed.isEmpty()
                ? "; it is " + from.key() + " already and nothing more happens to it."
                : "; from "
                    + from.key()
                    + " it can move to "
                    + allowed.stream().map(FollowUpStatus::key).collect(Collectors.joining(", "))
                    + "."));
    this.from = from;
    this.to = to;
  }

  public FollowUpStatus from() {
    return from;
  }

  public FollowUpStatus to() {
    return to;
  }
}
