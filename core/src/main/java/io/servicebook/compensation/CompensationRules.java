package io.servicebook.compensation;

import static io.servicebook.compensation.Money.format;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of compensation. A request is checked against the protocol's offer (there must be one;
 * same currency; the case's granted and pending amounts plus this one stay within {@code max}) and
 * the case's team's budget for the month (there must be one, in the same currency, with enough
 * left). Within all that, it is granted, unless the case's total would go above the offer's {@code
 * approvalAbove}: then a supervisor approves it, and approving checks everything again except that
 * threshold, since the budget may have been spent meanwhile. Every reason that applies is given.
 */
public final class CompensationRules {

  private CompensationRules() {}

  /**
   * The budget month of a moment: the calendar month in UTC. Teams have no time zone of their own,
   * and one zone for all keeps a grant at midnight in exactly one month on every node.
   */
  public static YearMonth budgetMonth(Instant at) {
    return YearMonth.from(at.atZone(ZoneOffset.UTC));
  }

  /** Decides an agent's request for {@code amount} on a case. */
  public static Decision decide(
      Money amount, Optional<CompensationOffer> offer, CaseTotals onCase, BudgetStanding budget) {
    List<Refusal> reasons = limits(amount, offer, onCase, budget);
    if (!reasons.isEmpty()) {
      return new Decision.Refused(reasons);
    }
    Optional<BigDecimal> threshold = offer.orElseThrow().approvalAbove();
    BigDecimal total = onCase.committed().add(amount.amount());
    if (threshold.isPresent() && total.compareTo(threshold.get()) > 0) {
      return new Decision.NeedsApproval(amount, approvalWhy(amount, onCase, threshold.get()));
    }
    return new Decision.Granted(amount);
  }

  /**
   * Decides a supervisor's approval of a pending request: the same limits again, now, without the
   * approval threshold.
   *
   * @param others what the case has besides the request being approved
   */
  public static Decision approve(
      Money amount, Optional<CompensationOffer> offer, CaseTotals others, BudgetStanding budget) {
    List<Refusal> reasons = limits(amount, offer, others, budget);
    return reasons.isEmpty() ? new Decision.Granted(amount) : new Decision.Refused(reasons);
  }

  private static List<Refusal> limits(
      Money amount, Optional<CompensationOffer> offer, CaseTotals onCase, BudgetStanding budget) {
    if (!amount.isPositive()) {
      throw new IllegalArgumentException(
          "a compensation is above zero; " + amount + " reached the rules (a bug)");
    }
    if (offer.isEmpty()) {
      return List.of(
          new Refusal(Refusal.Kind.NO_OFFER, "no protocol step of this case offers compensation"));
    }
    List<Refusal> reasons = new ArrayList<>();
    caseLimit(amount, offer.get(), onCase).ifPresent(reasons::add);
    budgetLimit(amount, budget).ifPresent(reasons::add);
    return reasons;
  }

  private static Optional<Refusal> caseLimit(
      Money amount, CompensationOffer offer, CaseTotals onCase) {
    if (!amount.currency().equals(offer.currency())) {
      return Optional.of(
          new Refusal(
              Refusal.Kind.CURRENCY_MISMATCH,
              "currency "
                  + amount.currency()
                  + " does not match the protocol's "
                  + offer.currency()));
    }
    if (offer.max().isEmpty()) {
      return Optional.empty();
    }
    BigDecimal max = offer.max().get();
    BigDecimal remaining = max.subtract(onCase.committed()).max(BigDecimal.ZERO);
    if (amount.amount().compareTo(remaining) <= 0) {
      return Optional.empty();
    }
    String currency = offer.currency();
    String limit = "the protocol allows at most " + format(max, currency) + " per case";
    if (onCase.committed().signum() > 0) {
      limit +=
          "; "
              + already(onCase, currency)
              + ", so at most "
              + format(remaining, currency)
              + " remain";
    }
    return Optional.of(new Refusal(Refusal.Kind.OVER_CASE_MAXIMUM, limit + asked(amount)));
  }

  private static String already(CaseTotals onCase, String currency) {
    List<String> parts = new ArrayList<>();
    if (onCase.granted().signum() > 0) {
      parts.add(format(onCase.granted(), currency) + " were already granted");
    }
    if (onCase.pending().signum() > 0) {
      parts.add(format(onCase.pending(), currency) + " await approval");
    }
    return String.join(" and ", parts) + " on this case";
  }

  private static Optional<Refusal> budgetLimit(Money amount, BudgetStanding standing) {
    if (standing.team().isEmpty()) {
      return Optional.of(
          new Refusal(
              Refusal.Kind.NO_TEAM,
              "the case has no team, and compensation budgets are per team; assign the case to a"
                  + " team first"));
    }
    String team = standing.team().get();
    if (standing.budget().isEmpty()) {
      return Optional.of(
          new Refusal(
              Refusal.Kind.NO_BUDGET,
              "the team " + team + " has no compensation budget for " + standing.month()));
    }
    Money budget = standing.budget().get();
    if (!budget.currency().equals(amount.currency())) {
      return Optional.of(
          new Refusal(
              Refusal.Kind.BUDGET_CURRENCY_MISMATCH,
              "the team "
                  + team
                  + "'s budget for "
                  + standing.month()
                  + " is in "
                  + budget.currency()
                  + ", not "
                  + amount.currency()));
    }
    Money left = standing.left().orElseThrow();
    if (amount.amount().compareTo(left.amount()) <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Refusal(
            Refusal.Kind.OVER_BUDGET,
            "the team "
                + team
                + " has "
                + format(left.amount().max(BigDecimal.ZERO), left.currency())
                + " left of its "
                + budget
                + " budget for "
                + standing.month()
                + asked(amount)));
  }

  private static String approvalWhy(Money amount, CaseTotals onCase, BigDecimal threshold) {
    String currency = amount.currency();
    BigDecimal total = onCase.committed().add(amount.amount());
    String sentence =
        "the protocol asks a supervisor to approve more than "
            + format(threshold, currency)
            + " per case";
    if (onCase.committed().signum() == 0) {
      return sentence + "; " + amount + " is above that";
    }
    return sentence
        + "; with "
        + format(onCase.committed(), currency)
        + " already granted or awaiting approval, this makes "
        + format(total, currency);
  }

  private static String asked(Money amount) {
    return " (asked: " + amount + ")";
  }
}
