package io.servicebook.server.compensation;

import io.servicebook.compensation.CompensationRules;
import io.servicebook.compensation.Money;
import io.servicebook.server.compensation.CompensationRepository.Budget;
import io.servicebook.server.compensation.CompensationRequests.BudgetSetting;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The teams' budgets as the administration shows them: per team and month the budget, what the
 * ledger spent from it, what requests waiting for approval reserve (they would be charged to the
 * current month if approved now, so only the current month has any), and what is left after both;
 * and a month's budget rolled over from the team's last one.
 */
@Service
class BudgetBoard {

  private final CompensationRepository repository;
  private final Compensations compensations;
  private final Clock clock;
  private final TransactionTemplate transactions;

  BudgetBoard(
      CompensationRepository repository,
      Compensations compensations,
      Clock clock,
      TransactionTemplate transactions) {
    this.repository = repository;
    this.compensations = compensations;
    this.clock = clock;
    this.transactions = transactions;
  }

  /** A team's month: its budget and standing, if it has one, and its last earlier budget. */
  record Line(String team, Optional<Figures> figures, Optional<Budget> previous) {}

  /** A budget with what is spent, reserved and left of it. */
  record Figures(Budget budget, Money spent, Money reserved, Money left) {}

  /** A team's month in full: the figures, each grant and each request that reserves. */
  record Detail(
      String team,
      YearMonth month,
      Optional<Figures> figures,
      List<CompensationRepository.LedgerLine> ledger,
      List<StoredCompensation> pending,
      Optional<Budget> previous) {}

  /** What rolling a budget over got. */
  sealed interface RolledOver {
    record Done(Budget from, Compensations.BudgetSet set) implements RolledOver {}

    /** The month has a budget already. */
    record AlreadySet(Budget budget) implements RolledOver {}

    /** The team has no earlier budget to roll over. */
    record NothingBefore() implements RolledOver {}
  }

  YearMonth currentMonth() {
    return CompensationRules.budgetMonth(clock.instant());
  }

  /** Every known team's line for the month, by team name. */
  List<Line> month(YearMonth month) {
    Map<String, Budget> budgets =
        repository.budgets(month).stream()
            .collect(Collectors.toMap(Budget::team, Function.identity()));
    return repository.teams().stream()
        .map(
            team ->
                new Line(
                    team,
                    Optional.ofNullable(budgets.get(team)).map(this::figures),
                    repository.budgetBefore(team, month)))
        .toList();
  }

  Detail detail(String team, YearMonth month) {
    Optional<Figures> figures = repository.budget(team, month).map(this::figures);
    return new Detail(
        team,
        month,
        figures,
        repository.ledger(team, month),
        figures
            .filter(f -> month.equals(currentMonth()))
            .map(f -> repository.pendingOfTeam(team, f.budget().amount().currency()))
            .orElse(List.of()),
        repository.budgetBefore(team, month));
  }

  /** Sets the month's budget to the team's last earlier one, unless the month has one. */
  RolledOver rollOver(String team, YearMonth month, String actor) {
    return transactions.execute(
        tx -> {
          Optional<Budget> now = repository.budget(team, month);
          if (now.isPresent()) {
            return new RolledOver.AlreadySet(now.get());
          }
          Optional<Budget> before = repository.budgetBefore(team, month);
          if (before.isEmpty()) {
            return new RolledOver.NothingBefore();
          }
          return new RolledOver.Done(
              before.get(),
              compensations.setBudget(
                  new BudgetSetting(team, month, before.get().amount()),
                  actor,
                  Optional.of(before.get().month())));
        });
  }

  private Figures figures(Budget budget) {
    String currency = budget.amount().currency();
    BigDecimal spent = repository.spent(budget.team(), budget.month(), currency);
    BigDecimal reserved =
        budget.month().equals(currentMonth())
            ? repository.pendingOfTeam(budget.team(), currency).stream()
                .map(c -> c.amount().amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add)
            : BigDecimal.ZERO;
    return new Figures(
        budget,
        new Money(spent, currency),
        new Money(reserved, currency),
        new Money(budget.amount().amount().subtract(spent).subtract(reserved), currency));
  }
}
