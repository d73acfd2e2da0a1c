package io.servicebook.compensation;

import java.util.Locale;
import java.util.Objects;

/** Why a compensation cannot be granted, as a stable code and a sentence for the agent. */
public record Refusal(Kind kind, String message) {

  public Refusal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  /** The kinds of refusal; clients branch on {@link #code()}. */
  public enum Kind {
    NO_OFFER,
    CURRENCY_MISMATCH,
    OVER_CASE_MAXIMUM,
    NO_TEAM,
    NO_BUDGET,
    BUDGET_CURRENCY_MISMATCH,
    OVER_BUDGET;

    /** {@code over-budget}, say. */
    public String code() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
