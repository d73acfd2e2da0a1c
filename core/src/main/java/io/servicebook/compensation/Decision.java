package io.servicebook.compensation;

import java.util.List;
import java.util.Objects;

/** What the rules say about a compensation: granted, waiting for a supervisor, or refused. */
public sealed interface Decision {

  /** Granted now: the amount goes into the ledger against the team's budget. */
  record Granted(Money amount) implements Decision {
    public Granted {
      Objects.requireNonNull(amount, "amount");
    }
  }

  /** Within every limit, but above the protocol's threshold: a supervisor approves it first. */
  record NeedsApproval(Money amount, String why) implements Decision {
    public NeedsApproval {
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(why, "why");
    }
  }

  /** Not allowed, with every reason that applies. */
  record Refused(List<Refusal> reasons) implements Decision {
    public Refused {
      reasons = List.copyOf(reasons);
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("a refusal says why; no reasons given (a bug)");
      }
    }
  }
}
