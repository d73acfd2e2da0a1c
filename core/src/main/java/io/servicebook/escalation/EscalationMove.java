package io.servicebook.escalation;

import java.util.List;

/** What asking the ladder for a move got: the move, or why it cannot be made. */
public sealed interface EscalationMove {

  /** The case goes from one level to another. */
  record Moved(EscalationLevel from, EscalationLevel to) implements EscalationMove {}

  /** The move cannot be made; {@link #message()} says why in the support team's words. */
  sealed interface Refused extends EscalationMove {
    String message();
  }

  /** The case is already at the top of the ladder; there is nobody above to escalate to. */
  record AtTop(EscalationLevel current) implements Refused {
    public String message() {
      return "The case is already at the top level, "
          + current.name()
          + " (`"
          + current.key()
          + "`); there is no level above it to escalate to.";
    }
  }

  /** An escalation asked for a level that is not above the case's level. */
  record NotAbove(EscalationLevel current, EscalationLevel requested) implements Refused {
    public String message() {
      return "The case is at "
          + current.name()
          + " (`"
          + current.key()
          + "`); "
          + requested.name()
          + " (`"
          + requested.key()
          + "`) is not above it. Moving down is a de-escalation, which a supervisor does"
          + " explicitly with a reason.";
    }
  }

  /** A de-escalation asked for a level that is not below the case's level. */
  record NotBelow(EscalationLevel current, EscalationLevel requested) implements Refused {
    public String message() {
      return "The case is at "
          + current.name()
          + " (`"
          + current.key()
          + "`); "
          + requested.name()
          + " (`"
          + requested.key()
          + "`) is not below it, so there is nothing to de-escalate to.";
    }
  }

  /** The level asked for is not on the ladder. */
  record UnknownLevel(String requested, List<String> accepted) implements Refused {
    public UnknownLevel {
      accepted = List.copyOf(accepted);
    }

    public String message() {
      return "There is no escalation level `"
          + requested
          + "`; the levels are "
          + String.join(", ", accepted)
          + ".";
    }
  }
}
