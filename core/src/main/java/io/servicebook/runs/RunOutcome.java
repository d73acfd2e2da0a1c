package io.servicebook.runs;

import java.util.List;
import java.util.Objects;

/** What an operation on a run did: accepted with the new run and its events, or refused. */
public sealed interface RunOutcome {

  /** The run after the operation: the new one if accepted, the unchanged one if refused. */
  Run run();

  /** The operation happened. */
  record Accepted(Run run, List<RunEvent> events) implements RunOutcome {
    public Accepted {
      Objects.requireNonNull(run, "run");
      events = List.copyOf(events);
    }
  }

  /** Nothing changed, for these reasons (all of them, not just the first). */
  record Refused(Run run, List<Refusal> reasons) implements RunOutcome {
    public Refused {
      Objects.requireNonNull(run, "run");
      reasons = List.copyOf(reasons);
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("A refusal has at least one reason.");
      }
    }
  }
}
