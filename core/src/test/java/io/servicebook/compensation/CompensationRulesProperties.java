package io.servicebook.compensation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever agents ask for and supervisors approve or reject, in any order: no case ever gets more
 * than the protocol's maximum, no team month more than its budget, and nothing above the threshold
 * is granted without approval.
 */
class CompensationRulesProperties {

  private static final int CASES = 3;
  private static final YearMonth MONTH = YearMonth.of(2026, 11);

  /** An agent's request on a case, or a supervisor's approval or rejection of a pending one. */
  sealed interface Step {
    record Ask(int kase, BigDecimal amount) implements Step {}

    record Approve(int pick) implements Step {}

    record Reject(int pick) implements Step {}
  }

  record Pending(int kase, BigDecimal amount) {}

  @Property(tries = 500)
  void grantsNeverExceedTheCaseMaximumOrTheTeamBudget(
      @ForAll("cents") BigDecimal max,
      @ForAll("cents") BigDecimal threshold,
      @ForAll("cents") BigDecimal budget,
      @ForAll("steps") List<Step> steps) {
    Optional<CompensationOffer> offer =
        Optional.of(
            new CompensationOffer(Optional.of(max), "EUR", Optional.of(threshold.min(max))));
    BigDecimal[] granted = new BigDecimal[CASES];
    java.util.Arrays.fill(granted, BigDecimal.ZERO);
    List<Pending> pending = new ArrayList<>();
    BigDecimal spent = BigDecimal.ZERO;
    for (Step step : steps) {
      switch (step) {
        case Step.Ask ask -> {
          CaseTotals totals = new CaseTotals(granted[ask.kase()], pendingOn(pending, ask.kase()));
          Decision decision =
              CompensationRules.decide(
                  Money.of(ask.amount().toPlainString(), "EUR"),
                  offer,
                  totals,
                  standing(budget, spent));
          switch (decision) {
            case Decision.Granted g -> {
              assertThat(totals.committed().add(ask.amount())).isLessThanOrEqualTo(threshold);
              granted[ask.kase()] = granted[ask.kase()].add(ask.amount());
              spent = spent.add(ask.amount());
            }
            case Decision.NeedsApproval n -> pending.add(new Pending(ask.kase(), ask.amount()));
            case Decision.Refused r -> assertThat(r.reasons()).isNotEmpty();
          }
        }
        case Step.Approve approve -> {
          if (pending.isEmpty()) {
            continue;
          }
          Pending p = pending.remove(approve.pick() % pending.size());
          CaseTotals others = new CaseTotals(granted[p.kase()], pendingOn(pending, p.kase()));
          Decision decision =
              CompensationRules.approve(
                  Money.of(p.amount().toPlainString(), "EUR"),
                  offer,
                  others,
                  standing(budget, spent));
          if (decision instanceof Decision.Granted) {
            granted[p.kase()] = granted[p.kase()].add(p.amount());
            spent = spent.add(p.amount());
          } else {
            pending.add(p);
          }
        }
        case Step.Reject reject -> {
          if (!pending.isEmpty()) {
            pending.remove(reject.pick() % pending.size());
          }
        }
      }
      for (int c = 0; c < CASES; c++) {
        assertThat(granted[c].add(pendingOn(pending, c))).isLessThanOrEqualTo(max);
      }
      assertThat(spent).isLessThanOrEqualTo(budget);
    }
  }

  @Property
  void aGrantIsNeverInAnotherCurrencyThanTheOffer(
      @ForAll("cents") BigDecimal amount, @ForAll("currencies") String currency) {
    Optional<CompensationOffer> offer =
        Optional.of(new CompensationOffer(Optional.empty(), "EUR", Optional.empty()));
    BudgetStanding standing =
        new BudgetStanding(
            Optional.of("support-eu"),
            MONTH,
            Optional.of(Money.of("1000000", currency)),
            BigDecimal.ZERO);
    Decision decision =
        CompensationRules.decide(
            Money.of(amount.toPlainString(), currency), offer, CaseTotals.NONE, standing);
    assertThat(decision instanceof Decision.Granted).isEqualTo(currency.equals("EUR"));
  }

  private static BudgetStanding standing(BigDecimal budget, BigDecimal spent) {
    return new BudgetStanding(
        Optional.of("support-eu"),
        MONTH,
        Optional.of(Money.of(budget.toPlainString(), "EUR")),
        spent);
  }

  private static BigDecimal pendingOn(List<Pending> pending, int kase) {
    return pending.stream()
        .filter(p -> p.kase() == kase)
        .map(Pending::amount)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Provide
  Arbitrary<BigDecimal> cents() {
    return Arbitraries.longs().between(1, 20_000).map(c -> BigDecimal.valueOf(c, 2));
  }

  @Provide
  Arbitrary<String> currencies() {
    return Arbitraries.of("EUR", "USD", "GBP");
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> ask =
        Combinators.combine(Arbitraries.integers().between(0, CASES - 1), cents())
            .as(Step.Ask::new);
    Arbitrary<Step> approve = Arbitraries.integers().between(0, 20).map(Step.Approve::new);
    Arbitrary<Step> reject = Arbitraries.integers().between(0, 20).map(Step.Reject::new);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, ask),
            net.jqwik.api.Tuple.of(3, approve),
            net.jqwik.api.Tuple.of(1, reject))
        .list()
        .ofMaxSize(40);
  }
}
