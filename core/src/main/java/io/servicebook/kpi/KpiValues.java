package io.servicebook.kpi;

import io.servicebook.compensation.Money;
import io.servicebook.protocol.SurveyKind;
import io.servicebook.sla.SlaTarget;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The KPIs of one group of cases, as defined in {@code docs/kpis.md}, with the ids of the cases
 * behind each number. Times are in seconds; a number without data has an empty value.
 *
 * @param firstResponse wall-clock seconds from creation to the first response
 * @param resolution wall-clock seconds from creation to the latest resolution
 * @param deviationReasons deviations by step and reason, by step, then most frequent first
 * @param compensationSpent the sum granted, per currency
 * @param scores the answers of each survey kind: how many gave each score
 * @param drilldown the cases behind each number
 */
public record KpiValues(
    long cases,
    Share resolutionRate,
    Percentiles firstResponse,
    Percentiles firstResponseBusiness,
    Percentiles resolution,
    Percentiles resolutionBusiness,
    Map<SlaTarget, Share> slaAttainment,
    Share slaAttainmentOverall,
    Share firstContactResolution,
    Share reopenRate,
    Share escalationRate,
    Share followUpCompletion,
    Share adherence,
    Share runsWithoutDeviation,
    List<ReasonCount> deviationReasons,
    Map<String, BigDecimal> compensationSpent,
    Mean csatAverage,
    Share csatSatisfied,
    Nps nps,
    Mean cesAverage,
    Share surveyResponseRate,
    Map<SurveyKind, SortedMap<Integer, Long>> scores,
    Map<Facet, SortedSet<String>> drilldown) {

  public KpiValues {
    slaAttainment = Map.copyOf(slaAttainment);
    deviationReasons = List.copyOf(deviationReasons);
    compensationSpent = Collections.unmodifiableMap(new java.util.TreeMap<>(compensationSpent));
    scores = Map.copyOf(scores);
    drilldown = Map.copyOf(drilldown);
  }

  /** The ids of the cases behind a number, sorted; empty when there are none. */
  public SortedSet<String> casesBehind(Facet facet) {
    return drilldown.getOrDefault(facet, Collections.emptySortedSet());
  }

  /** The most frequent reasons of deviation at a step, at most {@code limit} of them. */
  public List<ReasonCount> topDeviationReasons(String step, int limit) {
    return deviationReasons.stream().filter(r -> r.step().equals(step)).limit(limit).toList();
  }

  /** Compensation spent per case; empty when it was granted in more than one currency. */
  public Optional<BigDecimal> compensationPerCase() {
    if (compensationSpent.size() > 1 || cases == 0) {
      return Optional.empty();
    }
    BigDecimal spent = compensationSpent.values().stream().findFirst().orElse(BigDecimal.ZERO);
    return Optional.of(spent.divide(BigDecimal.valueOf(cases), MathContext.DECIMAL64));
  }

  /** What was spent in the budget's currency, against the budget. */
  public BudgetUse spentAgainst(Money budget) {
    BigDecimal spent = compensationSpent.getOrDefault(budget.currency(), BigDecimal.ZERO);
    return new BudgetUse(new Money(spent, budget.currency()), budget);
  }

  /** A share: {@code count} out of {@code of}; without value when {@code of} is 0. */
  public record Share(long count, long of) {

    public static final Share NONE = new Share(0, 0);

    public Share {
      if (count < 0 || of < count) {
        throw new IllegalArgumentException(
            "A share counts from 0 up to its total, not " + count + " of " + of + ".");
      }
    }

    public Optional<Double> value() {
      return of == 0 ? Optional.empty() : Optional.of((double) count / of);
    }
  }

  /** An average of {@code n} whole-number scores adding up to {@code sum}. */
  public record Mean(long n, long sum) {

    public Optional<Double> value() {
      return n == 0 ? Optional.empty() : Optional.of((double) sum / n);
    }
  }

  /** The median and 90th percentile (nearest rank) of {@code n} values in seconds. */
  public record Percentiles(long n, Optional<Long> p50, Optional<Long> p90) {

    public Percentiles {
      Objects.requireNonNull(p50, "p50");
      Objects.requireNonNull(p90, "p90");
    }
  }

  /** The NPS answers: promoters (9–10), passives (7–8) and detractors (0–6). */
  public record Nps(long promoters, long passives, long detractors) {

    public long n() {
      return promoters + passives + detractors;
    }

    /** % promoters − % detractors, from −100 to 100. */
    public Optional<Double> value() {
      return n() == 0 ? Optional.empty() : Optional.of(100.0 * (promoters - detractors) / n());
    }
  }

  /**
   * How often agents deviated at a step for one reason (empty: without a reason), and in which
   * cases (sorted).
   */
  public record ReasonCount(String step, Optional<String> reason, long count, Set<String> cases) {

    static final Comparator<ReasonCount> BY_STEP_THEN_MOST_FREQUENT =
        Comparator.comparing(ReasonCount::step)
            .thenComparing(Comparator.comparingLong(ReasonCount::count).reversed())
            .thenComparing(r -> r.reason().orElse(""));

    public ReasonCount {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(reason, "reason");
      cases = Collections.unmodifiableSortedSet(new TreeSet<>(cases));
    }

    /**
     * A reason as reports group it: stripped, white space collapsed, lower case; "" (no reason)
     * when nothing is left.
     */
    public static String normalised(String reason) {
      return reason.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
  }

  /** Compensation spent against a budget in the same currency. */
  public record BudgetUse(Money spent, Money budget) {

    /** Spent / budget; empty when the budget is 0. */
    public Optional<Double> share() {
      return budget.amount().signum() == 0
          ? Optional.empty()
          : Optional.of(spent.amount().doubleValue() / budget.amount().doubleValue());
    }
  }
}
