package io.servicebook.compensation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompensationRulesTests {

  static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

  /** Up to 50.00 EUR per case, a supervisor approves above 20.00 EUR. */
  static final Optional<CompensationOffer> OFFER =
      Optional.of(
          new CompensationOffer(
              Optional.of(new BigDecimal("50")), "EUR", Optional.of(new BigDecimal("20"))));

  static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  static CaseTotals totals(String granted, String pending) {
    return new CaseTotals(new BigDecimal(granted), new BigDecimal(pending));
  }

  static BudgetStanding budget(String amount, String spent) {
    return new BudgetStanding(
        Optional.of("support-eu"), NOVEMBER, Optional.of(eur(amount)), new BigDecimal(spent));
  }

  static final BudgetStanding PLENTY = budget("500", "0");

  private static Decision.Refused refused(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Refused.class);
    return (Decision.Refused) decision;
  }

  @Test
  void grantsAnAmountWithinEveryLimitAndBelowTheThreshold() {
    assertThat(CompensationRules.decide(eur("15.50"), OFFER, CaseTotals.NONE, PLENTY))
        .isEqualTo(new Decision.Granted(eur("15.50")));
  }

  @Test
  void grantsAnAmountExactlyAtTheThresholdWithoutApproval() {
    assertThat(CompensationRules.decide(eur("20.00"), OFFER, CaseTotals.NONE, PLENTY))
        .isInstanceOf(Decision.Granted.class);
  }

  @Test
  void anAmountAboveTheThresholdNeedsASupervisor() {
    Decision decision = CompensationRules.decide(eur("25"), OFFER, CaseTotals.NONE, PLENTY);
    assertThat(decision).isInstanceOf(Decision.NeedsApproval.class);
    assertThat(((Decision.NeedsApproval) decision).why())
        .isEqualTo(
            "the protocol asks a supervisor to approve more than 20.00 EUR per case; 25.00 EUR is"
                + " above that");
  }

  @Test
  void smallGrantsThatAddUpAboveTheThresholdNeedASupervisorToo() {
    Decision decision = CompensationRules.decide(eur("10"), OFFER, totals("15.00", "0"), PLENTY);
    assertThat(decision).isInstanceOf(Decision.NeedsApproval.class);
    assertThat(((Decision.NeedsApproval) decision).why())
        .endsWith("with 15.00 EUR already granted or awaiting approval, this makes 25.00 EUR");
  }

  @Test
  void withoutAThresholdNothingNeedsApproval() {
    Optional<CompensationOffer> offer =
        Optional.of(
            new CompensationOffer(Optional.of(new BigDecimal("50")), "EUR", Optional.empty()));
    assertThat(CompensationRules.decide(eur("50"), offer, CaseTotals.NONE, PLENTY))
        .isInstanceOf(Decision.Granted.class);
  }

  @Test
  void withoutAMaximumOnlyTheBudgetLimits() {
    Optional<CompensationOffer> offer =
        Optional.of(new CompensationOffer(Optional.empty(), "EUR", Optional.empty()));
    assertThat(CompensationRules.decide(eur("500"), offer, totals("10000", "0"), PLENTY))
        .isInstanceOf(Decision.Granted.class);
    assertThat(
            refused(CompensationRules.decide(eur("500.01"), offer, CaseTotals.NONE, PLENTY))
                .reasons())
        .extracting(Refusal::kind)
        .containsExactly(Refusal.Kind.OVER_BUDGET);
  }

  @Test
  void refusesWhenNoStepOffersCompensation() {
    assertThat(
            refused(CompensationRules.decide(eur("5"), Optional.empty(), CaseTotals.NONE, PLENTY))
                .reasons())
        .containsExactly(
            new Refusal(
                Refusal.Kind.NO_OFFER, "no protocol step of this case offers compensation"));
  }

  @Test
  void refusesAnotherCurrencyThanTheProtocols() {
    assertThat(
            refused(
                    CompensationRules.decide(
                        Money.of("5", "USD"),
                        OFFER,
                        CaseTotals.NONE,
                        new BudgetStanding(
                            Optional.of("support-eu"),
                            NOVEMBER,
                            Optional.of(Money.of("500", "USD")),
                            BigDecimal.ZERO)))
                .reasons())
        .containsExactly(
            new Refusal(
                Refusal.Kind.CURRENCY_MISMATCH, "currency USD does not match the protocol's EUR"));
  }

  @Test
  void refusesMoreThanWhatRemainsOfTheCaseMaximum() {
    assertThat(
            refused(CompensationRules.decide(eur("25"), OFFER, totals("30", "0"), PLENTY))
                .reasons())
        .containsExactly(
            new Refusal(
                Refusal.Kind.OVER_CASE_MAXIMUM,
                "the protocol allows at most 50.00 EUR per case; 30.00 EUR were already granted on"
                    + " this case, so at most 20.00 EUR remain (asked: 25.00 EUR)"));
  }

  @Test
  void refusesMoreThanTheCaseMaximumOnAFirstRequest() {
    assertThat(
            refused(CompensationRules.decide(eur("60"), OFFER, CaseTotals.NONE, PLENTY)).reasons())
        .extracting(Refusal::message)
        .containsExactly("the protocol allows at most 50.00 EUR per case (asked: 60.00 EUR)");
  }

  @Test
  void pendingAmountsCountAgainstTheCaseMaximum() {
    assertThat(
            refused(CompensationRules.decide(eur("15"), OFFER, totals("10", "30"), PLENTY))
                .reasons())
        .extracting(Refusal::message)
        .containsExactly(
            "the protocol allows at most 50.00 EUR per case; 10.00 EUR were already granted and"
                + " 30.00 EUR await approval on this case, so at most 10.00 EUR remain (asked:"
                + " 15.00 EUR)");
  }

  @Test
  void grantsExactlyWhatRemainsOfTheCaseMaximumAndTheBudget() {
    Optional<CompensationOffer> offer =
        Optional.of(
            new CompensationOffer(Optional.of(new BigDecimal("50")), "EUR", Optional.empty()));
    assertThat(CompensationRules.decide(eur("12"), offer, totals("38", "0"), budget("500", "488")))
        .isInstanceOf(Decision.Granted.class);
  }

  @Test
  void refusesMoreThanTheTeamHasLeftThisMonth() {
    assertThat(
            refused(
                    CompensationRules.decide(
                        eur("15"), OFFER, CaseTotals.NONE, budget("500", "488")))
                .reasons())
        .containsExactly(
            new Refusal(
                Refusal.Kind.OVER_BUDGET,
                "the team support-eu has 12.00 EUR left of its 500.00 EUR budget for 2026-11"
                    + " (asked: 15.00 EUR)"));
  }

  @Test
  void refusesWhenTheCaseHasNoTeam() {
    BudgetStanding noTeam =
        new BudgetStanding(Optional.empty(), NOVEMBER, Optional.empty(), BigDecimal.ZERO);
    assertThat(
            refused(CompensationRules.decide(eur("5"), OFFER, CaseTotals.NONE, noTeam)).reasons())
        .extracting(Refusal::kind)
        .containsExactly(Refusal.Kind.NO_TEAM);
  }

  @Test
  void refusesWhenTheTeamHasNoBudgetForTheMonth() {
    BudgetStanding none =
        new BudgetStanding(Optional.of("support-eu"), NOVEMBER, Optional.empty(), BigDecimal.ZERO);
    assertThat(refused(CompensationRules.decide(eur("5"), OFFER, CaseTotals.NONE, none)).reasons())
        .containsExactly(
            new Refusal(
                Refusal.Kind.NO_BUDGET,
                "the team support-eu has no compensation budget for 2026-11"));
  }

  @Test
  void refusesWhenTheBudgetIsInAnotherCurrency() {
    BudgetStanding dollars =
        new BudgetStanding(
            Optional.of("support-eu"),
            NOVEMBER,
            Optional.of(Money.of("500", "USD")),
            BigDecimal.ZERO);
    assertThat(
            refused(CompensationRules.decide(eur("5"), OFFER, CaseTotals.NONE, dollars)).reasons())
        .extracting(Refusal::message)
        .containsExactly("the team support-eu's budget for 2026-11 is in USD, not EUR");
  }

  @Test
  void givesEveryReasonThatAppliesAtOnce() {
    assertThat(
            refused(
                    CompensationRules.decide(
                        eur("30"), OFFER, totals("30", "0"), budget("100", "90")))
                .reasons())
        .extracting(Refusal::kind)
        .containsExactly(Refusal.Kind.OVER_CASE_MAXIMUM, Refusal.Kind.OVER_BUDGET);
  }

  @Test
  void approvalGrantsAboveTheThresholdWithinTheLimits() {
    assertThat(CompensationRules.approve(eur("45"), OFFER, CaseTotals.NONE, PLENTY))
        .isEqualTo(new Decision.Granted(eur("45")));
  }

  @Test
  void approvalChecksTheBudgetAgainAsItIsNow() {
    assertThat(
            refused(
                    CompensationRules.approve(
                        eur("45"), OFFER, CaseTotals.NONE, budget("500", "470")))
                .reasons())
        .extracting(Refusal::message)
        .containsExactly(
            "the team support-eu has 30.00 EUR left of its 500.00 EUR budget for 2026-11 (asked:"
                + " 45.00 EUR)");
  }

  @Test
  void anAmountThatIsNotAboveZeroIsABug() {
    assertThatThrownBy(() -> CompensationRules.decide(eur("0"), OFFER, CaseTotals.NONE, PLENTY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a bug");
  }

  @Test
  void theBudgetMonthIsTheCalendarMonthInUtc() {
    assertThat(CompensationRules.budgetMonth(Instant.parse("2026-11-30T23:59:59.999Z")))
        .isEqualTo(NOVEMBER);
    assertThat(CompensationRules.budgetMonth(Instant.parse("2026-12-01T00:00:00Z")))
        .isEqualTo(YearMonth.of(2026, 12));
  }

  @Test
  void moneyIsWrittenWithItsCurrencysDigits() {
    assertThat(eur("5")).hasToString("5.00 EUR");
    assertThat(Money.of("500", "JPY")).hasToString("500 JPY");
    assertThatThrownBy(() -> Money.of("5", "eur")).isInstanceOf(IllegalArgumentException.class);
  }
}
