package io.servicebook.server.demo;

import io.servicebook.compensation.BudgetStanding;
import io.servicebook.compensation.CaseTotals;
import io.servicebook.compensation.CompensationOffer;
import io.servicebook.compensation.CompensationRules;
import io.servicebook.compensation.Decision;
import io.servicebook.compensation.Money;
import io.servicebook.compensation.Refusal;
import io.servicebook.protocol.Action;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Step;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The compensation of generated cases, as the compensation feature writes it: a step with a {@code
 * compensate} action offers it when submitted, and on some of those cases the agent asks for an
 * amount within the offer, which {@link CompensationRules} decide against the team's budget for the
 * month exactly as for a real request (granted into the ledger, waiting for a supervisor above the
 * offer's threshold, or refused). The step's offer is recorded on the cases where the agent asked:
 * on the others the protocol's offer has the same terms, and leaving those rows out keeps the
 * generator's pace. Supervisors approve most requests above the threshold within hours and reject a
 * few. Each team has a budget in one currency for every month of the history, sized so that a month
 * spends about three quarters of it, and agents ask only in their team's currency.
 */
final class DemoCompensation {

  /**
   * The currency of each team's budgets, unless one was set already; the teams of {@link
   * DemoHistory}.
   */
  static final Map<String, String> TEAM_CURRENCY =
      Map.of("support-eu", "EUR", "support-us", "USD", "billing", "USD", "tech", "EUR");

  /** How many in a hundred cases with an offer in their team's budget currency ask for some. */
  static final int ASKED = 45;

  /** The share of a budget a month spends on average. */
  private static final double USE = 0.75;

  private static final String SYSTEM = "system";
  private static final String APPROVER = "supervisor";

  private static final List<String> REASONS =
      List.of(
          "Order arrived two weeks late",
          "Item arrived damaged",
          "Charged twice for one order",
          "Promised call-back never came",
          "Wrong item sent twice",
          "Service unavailable for three days");

  private static final List<String> REJECTIONS =
      List.of(
          "Goodwill was already given on this order",
          "The carrier's delay: refund the shipping only",
          "Out of proportion to the order value");

  /** The first step of a protocol that offers compensation whatever was captured, and its terms. */
  record StepOffer(int index, String stepId, CompensationOffer offer) {}

  /** A team's budget for a month as it stands during generation. */
  private static final class Standing {
    private final Money budget;
    private BigDecimal spent;

    Standing(Money budget, BigDecimal spent) {
      this.budget = budget;
      this.spent = spent;
    }
  }

  private final Map<String, Standing> budgets = new HashMap<>();

  private DemoCompensation() {}

  /**
   * Plans the budgets of every team for every month from {@code from} to {@code to}: those set
   * already stay as they are (with what was spent from them), the others are returned to be
   * written.
   *
   * @param perCase what a case spends on average, by currency
   * @param casesPerMonth how many cases a month of the history has
   */
  static DemoCompensation plan(
      YearMonth from,
      YearMonth to,
      Map<String, BigDecimal> perCase,
      double casesPerMonth,
      List<DemoHistoryRepository.BudgetRow> existing,
      List<DemoHistoryRepository.BudgetRow> toWrite) {
    DemoCompensation compensation = new DemoCompensation();
    for (DemoHistoryRepository.BudgetRow row : existing) {
      compensation.budgets.put(
          key(row.team(), YearMonth.parse(row.month())),
          new Standing(new Money(row.amount(), row.currency()), row.spent()));
    }
    for (Map.Entry<String, String> team : TEAM_CURRENCY.entrySet()) {
      double spends =
          casesPerMonth
              / TEAM_CURRENCY.size()
              * perCase.getOrDefault(team.getValue(), BigDecimal.ZERO).doubleValue();
      // in hundreds, at least one
      BigDecimal amount =
          BigDecimal.valueOf(Math.max(1, (long) Math.ceil(spends / USE / 100)) * 100);
      for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
        String key = key(team.getKey(), month);
        if (!compensation.budgets.containsKey(key)) {
          compensation.budgets.put(
              key, new Standing(new Money(amount, team.getValue()), BigDecimal.ZERO));
          toWrite.add(
              new DemoHistoryRepository.BudgetRow(
                  team.getKey(), month.toString(), amount, team.getValue(), BigDecimal.ZERO));
        }
      }
    }
    return compensation;
  }

  /** The protocol's first unconditional {@code compensate} action and its step, in step order. */
  static Optional<StepOffer> offerOf(Protocol protocol) {
    List<Step> steps = protocol.steps();
    for (int i = 0; i < steps.size(); i++) {
      for (Action action : steps.get(i).actions()) {
        if (action instanceof Action.Compensate c && c.when().isEmpty()) {
          return Optional.of(new StepOffer(i, steps.get(i).id(), CompensationOffer.of(c)));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * What a case of a team with the offer's currency spends on average once its run submitted the
   * offering step: how often one asks times the mean amount asked, of which the part above the
   * threshold is approved four times in five.
   */
  static BigDecimal perCase(CompensationOffer offer) {
    double low = ceiling(offer);
    double high = highest(offer);
    double mean =
        offer.approvalAbove().isPresent()
            ? 0.85 * 0.55 * low + 0.15 * 0.8 * (low + high) / 2
            : 0.55 * low;
    return BigDecimal.valueOf(ASKED / 100.0 * mean);
  }

  /**
   * For some of the cases whose run submitted the offering step: the offer, the agent's request,
   * its decision and its grant.
   */
  void write(
      DemoHistoryRepository.Batch batch,
      SplittableRandom random,
      String caseId,
      String runId,
      StepOffer offer,
      String agent,
      String team,
      Instant offeredAt,
      Instant now) {
    CompensationOffer terms = offer.offer();
    if (random.nextInt(100) >= ASKED) {
      return;
    }
    Instant asked = offeredAt.plus(Duration.ofMinutes(1 + random.nextInt(15)));
    BudgetStanding standing = standing(team, asked);
    // agents ask in their team's budget currency only
    if (asked.isAfter(now)
        || !standing.budget().map(Money::currency).equals(Optional.of(terms.currency()))) {
      return;
    }
    Money amount = new Money(amount(random, terms), terms.currency());
    if (!amount.isPositive()) {
      return;
    }
    batch.offer(caseId, runId, offer.stepId(), terms, offeredAt, agent);
    DemoHistoryRepository.RequestRow request =
        new DemoHistoryRepository.RequestRow(
            new UUID(random.nextLong(), random.nextLong()).toString(),
            caseId,
            runId,
            offer.stepId(),
            team,
            amount,
            REASONS.get(random.nextInt(REASONS.size())),
            terms,
            agent,
            asked);
    switch (CompensationRules.decide(amount, Optional.of(terms), CaseTotals.NONE, standing)) {
      case Decision.Granted granted -> {
        batch.request(
            request.decided(
                "GRANTED", SYSTEM, asked, "within the protocol's limits and the team's budget"));
        grant(batch, request, agent, asked);
      }
      case Decision.Refused refused ->
          batch.request(request.decided("REFUSED", SYSTEM, asked, sentence(refused)));
      case Decision.NeedsApproval needs -> approval(batch, random, request, needs.why(), now);
    }
  }

  /** A supervisor approves within hours (unless the budget ran out meanwhile) or rejects. */
  private void approval(
      DemoHistoryRepository.Batch batch,
      SplittableRandom random,
      DemoHistoryRepository.RequestRow request,
      String why,
      Instant now) {
    Instant decided =
        request
            .requestedAt()
            .plus(Duration.ofMinutes(15 + (long) (90 * Math.exp(random.nextGaussian() * 0.9))));
    boolean approves = random.nextInt(100) < 80;
    if (decided.isAfter(now)) {
      batch.request(request.decided("PENDING_APPROVAL", null, null, why));
      return;
    }
    if (approves
        && CompensationRules.approve(
                request.amount(),
                Optional.of(request.offer()),
                CaseTotals.NONE,
                standing(request.team(), decided))
            instanceof Decision.Granted) {
      batch.request(request.decided("GRANTED", APPROVER, decided, "approved"));
      grant(batch, request, APPROVER, decided);
      return;
    }
    batch.request(
        request.decided(
            "REJECTED",
            APPROVER,
            decided,
            approves
                ? "Over the team's budget this month"
                : REJECTIONS.get(random.nextInt(REJECTIONS.size()))));
  }

  private void grant(
      DemoHistoryRepository.Batch batch,
      DemoHistoryRepository.RequestRow request,
      String by,
      Instant at) {
    YearMonth month = CompensationRules.budgetMonth(at);
    Standing standing = budgets.get(key(request.team(), month));
    standing.spent = standing.spent.add(request.amount().amount());
    batch.ledger(request, month.toString(), by, at);
  }

  private BudgetStanding standing(String team, Instant at) {
    YearMonth month = CompensationRules.budgetMonth(at);
    Standing standing = budgets.get(key(team, month));
    return standing == null
        ? new BudgetStanding(Optional.of(team), month, Optional.empty(), BigDecimal.ZERO)
        : new BudgetStanding(
            Optional.of(team), month, Optional.of(standing.budget), standing.spent);
  }

  /**
   * An amount in fives: mostly within what needs no approval, one in seven above it (up to the
   * offer's maximum, at most three times the threshold).
   */
  private static BigDecimal amount(SplittableRandom random, CompensationOffer offer) {
    double low = ceiling(offer);
    double high = highest(offer);
    boolean above = offer.approvalAbove().isPresent() && high > low && random.nextInt(100) < 15;
    double raw =
        above ? low + random.nextDouble() * (high - low) : low * (0.1 + 0.9 * random.nextDouble());
    BigDecimal amount = BigDecimal.valueOf(Math.max(1, Math.round(raw / 5)) * 5);
    return offer.max().map(amount::min).orElse(amount).setScale(2, RoundingMode.DOWN);
  }

  /** What an agent may grant alone: the threshold, else the maximum, else 100. */
  private static double ceiling(CompensationOffer offer) {
    return offer.approvalAbove().or(offer::max).map(BigDecimal::doubleValue).orElse(100.0);
  }

  /** The most an agent asks for: the offer's maximum, at most three times the threshold. */
  private static double highest(CompensationOffer offer) {
    double low = ceiling(offer);
    return Math.min(offer.max().map(BigDecimal::doubleValue).orElse(low), 3 * low);
  }

  private static String sentence(Decision.Refused refused) {
    List<String> messages = new ArrayList<>();
    for (Refusal r : refused.reasons()) {
      messages.add(r.message());
    }
    return String.join("; ", messages);
  }

  private static String key(String team, YearMonth month) {
    return team + "|" + month;
  }
}
