package io.servicebook.compensation;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the case's team stands with its compensation budget for a month: the team (none when the
 * case has no team), the budget set for that month (none when nobody set one) and what the ledger
 * has granted from it so far, in the budget's currency.
 */
public record BudgetStanding(
    Optional<String> team, YearMonth month, Optional<Money> budget, BigDecimal spent) {

  public BudgetStanding {
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(spent, "spent");
  }

  /** What is left of the budget; empty without a budget. */
  public Optional<Money> left() {
    return budget.map(b -> new Money(b.amount().subtract(spent), b.currency()));
  }
}
