package io.servicebook.server.compensation;

import io.servicebook.compensation.CompensationRules;
import io.servicebook.compensation.Money;
import io.servicebook.server.compensation.CompensationRepository.Budget;
import io.servicebook.server.compensation.CompensationRequests.BudgetSetting;
import io.servicebook.server.compensation.CompensationRequests.Read;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The teams' budgets as the administration shows them: per team and month the budget, what the
 * ledger spent from it, what requests waiting for approval reserve (they would be charged to the
 * current month if approved now, so only the current month has any), and what is left after both;
 * and a month's budget rolled over from the team's last one.
 */
@Service
public class BudgetBoard {

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
  public record Line(String team, Optional<Figures> figures, Optional<Budget> previous) {}

  /** A budget with what is spent, reserved and left of it. */
  public record Figures(Budget budget, Money spent, Money reserved, Money left) {}

  /** A team's month in full: the figures, each grant and each request that reserves. */
  public record Detail(
      String team,
      YearMonth month,
      Optional<Figures> figures,
      List<CompensationRepository.LedgerLine> ledger,
      List<StoredCompensation> pending,
      Optional<Budget> previous) {}

  /** What rolling a budget over got. */
  public sealed interface RolledOver {
    /** Rolled over from the month {@code from}. */
    record Done(YearMonth from) implements RolledOver {}

    /** The month has a budget already. */
    record AlreadySet() implements RolledOver {}

    /** The team has no earlier budget to roll over. */
    record NothingBefore() implements RolledOver {}

    /** The budget cannot be set (what the team granted this month); why, in a sentence. */
    record Refused(String why) implements RolledOver {}
  }

  public YearMonth currentMonth() {
    return CompensationRules.budgetMonth(clock.instant());
  }

  /** Every known team's line for the month, by team name. */
  public List<Line> month(YearMonth month) {
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

  public Detail detail(String team, YearMonth month) {
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
  public RolledOver rollOver(String team, YearMonth month, String actor) {
    return transactions.execute(
        tx -> {
          if (repository.budget(team, month).isPresent()) {
            return new RolledOver.AlreadySet();
          }
          Optional<Budget> before = repository.budgetBefore(team, month);
          if (before.isEmpty()) {
            return new RolledOver.NothingBefore();
          }
          BudgetSetting setting = new BudgetSetting(team, month, before.get().amount());
          return refusal(
                  setting,
                  compensations.setBudget(setting, actor, Optional.of(before.get().month())))
              .<RolledOver>map(why -> new RolledOver.Refused(why.getValue()))
              .orElseGet(() -> new RolledOver.Done(before.get().month()));
        });
  }

  /**
   * Sets a team's budget for a month from a form's text; every problem by field ({@code team},
   * {@code month}, {@code amount}, {@code currency}), nothing stored while there is any.
   */
  public Map<String, String> set(
      String team, String month, String amount, String currency, String actor) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("amount", amount);
    body.put("currency", currency);
    Map<String, String> errors = new LinkedHashMap<>();
    switch (CompensationRequests.budget(team, month, body)) {
      case Read.Invalid<BudgetSetting> invalid ->
          invalid
              .errors()
              .forEach(e -> errors.merge(e.field(), e.message(), (a, b) -> a + " " + b));
      case Read.Valid<BudgetSetting> valid -> {
        try {
          refusal(valid.value(), compensations.setBudget(valid.value(), actor))
              .ifPresent(e -> errors.put(e.getKey(), e.getValue()));
        } catch (DuplicateKeyException meanwhile) {
          errors.put(
              "amount", "Someone set this budget at the same moment; look at it and try again.");
        }
      }
    }
    return errors;
  }

  /** What a form to set the month's budget starts with: the budget, else the last one. */
  public Map<String, String> formOf(Detail detail) {
    Map<String, String> form = new LinkedHashMap<>();
    detail
        .figures()
        .map(Figures::budget)
        .or(detail::previous)
        .ifPresent(
            b -> {
              form.put("amount", CompensationViews.amount(b.amount().amount()));
              form.put("currency", b.amount().currency());
            });
    return form;
  }

  /** The field and sentence of a refused budget; empty when it was set. */
  private static Optional<Map.Entry<String, String>> refusal(
      BudgetSetting setting, Compensations.BudgetSet outcome) {
    String team = setting.team();
    YearMonth month = setting.month();
    return switch (outcome) {
      case Compensations.BudgetSet.Set set -> Optional.empty();
      case Compensations.BudgetSet.CurrencyTaken taken ->
          Optional.of(
              Map.entry(
                  "currency",
                  "The team "
                      + team
                      + " already granted compensation in "
                      + taken.currency()
                      + " in "
                      + month
                      + "; set the budget in "
                      + taken.currency()
                      + "."));
      case Compensations.BudgetSet.BelowSpent below ->
          Optional.of(
              Map.entry(
                  "amount",
                  "The team "
                      + team
                      + " already granted "
                      + below.spent()
                      + " in "
                      + month
                      + "; the budget cannot be less than that."));
    };
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
