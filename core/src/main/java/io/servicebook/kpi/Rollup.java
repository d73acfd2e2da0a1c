package io.servicebook.kpi;

import io.servicebook.compensation.Money;
import io.servicebook.followups.FollowUpStatus;
import io.servicebook.kpi.KpiValues.Mean;
import io.servicebook.kpi.KpiValues.Nps;
import io.servicebook.kpi.KpiValues.Percentiles;
import io.servicebook.kpi.KpiValues.ReasonCount;
import io.servicebook.kpi.KpiValues.Share;
import io.servicebook.kpi.MeasuredCase.SlaOutcome.Result;
import io.servicebook.protocol.SurveyKind;
import io.servicebook.sla.SlaTarget;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The running totals of one group of cases, from which its {@link KpiValues} are read: cases can be
 * added as they change and removed again, and rollups of different cases merge exactly (see {@code
 * docs/kpis.md}, incremental rollups). A rollup either keeps the ids of the cases behind each
 * number (for drill-down) or, as a {@linkplain #counting() counting} rollup, only the counts: the
 * form a server stores and reads back with {@link #encode()} and {@link #decode(String)}. Mutable
 * and not thread-safe; {@link #plus} returns a new one.
 */
public final class Rollup {

  private final boolean tracksCases;
  private final Multiset<Facet> counted = new Multiset<>();
  private final EnumMap<Facet, TreeSet<String>> facets = new EnumMap<>(Facet.class);
  private final LongMultiset firstResponse = new LongMultiset();
  private final LongMultiset firstResponseBusiness = new LongMultiset();
  private final LongMultiset resolution = new LongMultiset();
  private final LongMultiset resolutionBusiness = new LongMultiset();
  private final EnumMap<SlaTarget, Multiset<Result>> sla = new EnumMap<>(SlaTarget.class);
  private final Multiset<FollowUpStatus> followUps = new Multiset<>();
  private final Multiset<SurveyKind> surveysSent = new Multiset<>();
  private final EnumMap<SurveyKind, Multiset<Integer>> scores = new EnumMap<>(SurveyKind.class);
  private final Multiset<DeviationKey> deviations = new Multiset<>();
  private final TreeMap<DeviationKey, TreeSet<String>> deviationCases = new TreeMap<>();
  private final TreeMap<String, BigDecimal> compensation = new TreeMap<>();

  /** The KPIs as last read; null after a change. A dashboard reads them several times. */
  private KpiValues kpis;

  private Rollup(boolean tracksCases) {
    this.tracksCases = tracksCases;
    for (Facet facet : Facet.values()) {
      facets.put(facet, new TreeSet<>());
    }
    for (SlaTarget target : SlaTarget.values()) {
      sla.put(target, new Multiset<>());
    }
    for (SurveyKind kind : SurveyKind.values()) {
      scores.put(kind, new Multiset<>());
    }
  }

  /** An empty rollup that keeps the ids of its cases. */
  public static Rollup empty() {
    return new Rollup(true);
  }

  /**
   * An empty rollup of counts only: it cannot tell which cases are behind a number, nor refuse a
   * case added twice, but its size does not grow with the number of cases.
   */
  public static Rollup counting() {
    return new Rollup(false);
  }

  public static Rollup of(Collection<MeasuredCase> cases) {
    Rollup rollup = empty();
    cases.forEach(rollup::add);
    return rollup;
  }

  /** Reads back a counting rollup written by {@link #encode()}. */
  public static Rollup decode(String text) {
    return RollupText.read(text, counting());
  }

  /**
   * Counts in the cases of a stored rollup's text, in place: what {@code include(decode(text))}
   * does, without building the stored rollup first.
   */
  public Rollup includeEncoded(String text) {
    requireCounting(this);
    kpis = null;
    return RollupText.read(text, this);
  }

  /** The counts of this rollup as text, to be read back by {@link #decode(String)}. */
  public String encode() {
    return RollupText.write(this);
  }

  public boolean tracksCases() {
    return tracksCases;
  }

  /**
   * Counts a case in.
   *
   * @throws IllegalArgumentException if the case is counted already: remove its old facts first
   */
  public Rollup add(MeasuredCase kase) {
    if (tracksCases && facets.get(Facet.CASES).contains(kase.caseId())) {
      throw new IllegalArgumentException(
          "Case "
              + kase.caseId()
              + " is in this rollup already; remove its old facts before adding the new ones.");
    }
    apply(kase, 1);
    return this;
  }

  /**
   * Takes a case out again, given the same facts it was added with.
   *
   * @throws IllegalArgumentException if the case is not in this rollup
   */
  public Rollup remove(MeasuredCase kase) {
    if (tracksCases && !facets.get(Facet.CASES).contains(kase.caseId())) {
      throw new IllegalArgumentException("Case " + kase.caseId() + " is not in this rollup.");
    }
    apply(kase, -1);
    return this;
  }

  /**
   * A new rollup of the cases of both.
   *
   * @throws IllegalArgumentException if they share a case, which would count it twice
   */
  public Rollup plus(Rollup other) {
    Set<String> shared = new TreeSet<>(facets.get(Facet.CASES));
    shared.retainAll(other.facets.get(Facet.CASES));
    if (!shared.isEmpty()) {
      throw new IllegalArgumentException(
          "Rollups that share cases cannot be merged; they would count them twice: " + shared);
    }
    Rollup sum = tracksCases && other.tracksCases ? copy() : countsOnly();
    sum.absorb(other);
    return sum;
  }

  public Rollup copy() {
    Rollup copy = new Rollup(tracksCases);
    copy.absorb(this);
    return copy;
  }

  /** A counting copy: the same numbers without the cases behind them. */
  public Rollup countsOnly() {
    Rollup copy = counting();
    copy.absorb(this);
    return copy;
  }

  /**
   * Counts another counting rollup's cases in, in place: how a stored rollup takes in a changed
   * case's new facts.
   */
  public Rollup include(Rollup other) {
    requireCounting(other);
    absorb(other);
    return this;
  }

  /**
   * Takes another counting rollup's cases out again, in place: how a stored rollup drops a changed
   * case's old facts.
   *
   * @throws IllegalStateException if it takes out more than was counted in
   */
  public Rollup exclude(Rollup other) {
    requireCounting(other);
    kpis = null;
    other.counted.counts().forEach((facet, n) -> counted.add(facet, -n));
    firstResponse.removeAll(other.firstResponse);
    firstResponseBusiness.removeAll(other.firstResponseBusiness);
    resolution.removeAll(other.resolution);
    resolutionBusiness.removeAll(other.resolutionBusiness);
    other.sla.forEach((target, results) -> sla.get(target).removeAll(results));
    followUps.removeAll(other.followUps);
    surveysSent.removeAll(other.surveysSent);
    other.scores.forEach((kind, values) -> scores.get(kind).removeAll(values));
    deviations.removeAll(other.deviations);
    other.compensation.forEach(
        (currency, amount) -> applyCompensation(new Money(amount, currency), -1));
    return this;
  }

  private void requireCounting(Rollup other) {
    if (tracksCases || other.tracksCases) {
      throw new IllegalArgumentException(
          "Only counting rollups are combined in place; a rollup that keeps its cases adds and"
              + " removes cases.");
    }
  }

  public long cases() {
    return counted.count(Facet.CASES);
  }

  /** The KPIs of the cases counted so far. */
  public KpiValues kpis() {
    if (kpis == null) {
      kpis = computeKpis();
    }
    return kpis;
  }

  private KpiValues computeKpis() {
    EnumMap<SlaTarget, Share> attainment = new EnumMap<>(SlaTarget.class);
    long met = 0;
    long decided = 0;
    for (SlaTarget target : SlaTarget.values()) {
      Multiset<Result> results = sla.get(target);
      long m = results.count(Result.MET);
      long d = m + results.count(Result.BREACHED);
      attainment.put(target, new Share(m, d));
      met += m;
      decided += d;
    }
    long done = followUps.count(FollowUpStatus.DONE);
    long finished = size(Facet.RUN_FINISHED);
    long answered = scores.values().stream().mapToLong(Multiset::size).sum();
    return new KpiValues(
        cases(),
        new Share(size(Facet.RESOLVED), cases()),
        percentiles(firstResponse),
        percentiles(firstResponseBusiness),
        percentiles(resolution),
        percentiles(resolutionBusiness),
        attainment,
        new Share(met, decided),
        new Share(size(Facet.FIRST_CONTACT_RESOLVED), size(Facet.RESOLVED)),
        new Share(size(Facet.REOPENED), size(Facet.EVER_RESOLVED)),
        new Share(size(Facet.ESCALATED), cases()),
        new Share(
            done,
            done + followUps.count(FollowUpStatus.SKIPPED) + followUps.count(FollowUpStatus.DUE)),
        new Share(size(Facet.RUN_ADHERENT), finished),
        new Share(size(Facet.RUN_WITHOUT_DEVIATION), finished),
        reasons(),
        compensation,
        mean(SurveyKind.CSAT),
        new Share(between(SurveyKind.CSAT, 4, 5), scores.get(SurveyKind.CSAT).size()),
        new Nps(
            between(SurveyKind.NPS, 9, 10),
            between(SurveyKind.NPS, 7, 8),
            between(SurveyKind.NPS, 0, 6)),
        mean(SurveyKind.CES),
        new Share(answered, surveysSent.size()),
        scoreCounts(),
        drilldown());
  }

  Multiset<Integer> scores(SurveyKind kind) {
    return scores.get(kind);
  }

  Multiset<Facet> counted() {
    return counted;
  }

  LongMultiset firstResponse() {
    return firstResponse;
  }

  LongMultiset resolution() {
    return resolution;
  }

  Multiset<Result> sla(SlaTarget target) {
    return sla.get(target);
  }

  Multiset<FollowUpStatus> followUps() {
    return followUps;
  }

  Multiset<SurveyKind> surveysSent() {
    return surveysSent;
  }

  Multiset<DeviationKey> deviations() {
    return deviations;
  }

  SortedMap<String, BigDecimal> compensation() {
    return Collections.unmodifiableSortedMap(compensation);
  }

  void addCompensation(Money money) {
    applyCompensation(money, 1);
  }

  LongMultiset firstResponseBusiness() {
    return firstResponseBusiness;
  }

  LongMultiset resolutionBusiness() {
    return resolutionBusiness;
  }

  static Percentiles percentiles(LongMultiset values) {
    long n = values.size();
    if (n == 0) {
      return new Percentiles(0, Optional.empty(), Optional.empty());
    }
    return new Percentiles(
        n,
        Optional.of(values.atRank(nearestRank(50, n))),
        Optional.of(values.atRank(nearestRank(90, n))));
  }

  /** The rank k = ⌈p·n/100⌉ of the p-th percentile of n values, from 1 to n. */
  static long nearestRank(int p, long n) {
    return Math.max(1, (p * n + 99) / 100);
  }

  private void apply(MeasuredCase kase, int sign) {
    kpis = null;
    String id = kase.caseId();
    for (Facet facet : facetsOf(kase)) {
      counted.add(facet, sign);
      if (!tracksCases) {
        continue;
      }
      if (sign > 0) {
        facets.get(facet).add(id);
      } else {
        facets.get(facet).remove(id);
      }
    }
    Instant created = kase.createdAt();
    kase.firstResponseAt().ifPresent(at -> firstResponse.add(seconds(created, at), sign));
    kase.resolvedAt().ifPresent(at -> resolution.add(seconds(created, at), sign));
    kase.firstResponseBusiness().ifPresent(d -> firstResponseBusiness.add(d.toSeconds(), sign));
    kase.resolutionBusiness().ifPresent(d -> resolutionBusiness.add(d.toSeconds(), sign));
    kase.sla().forEach(o -> sla.get(o.target()).add(o.result(), sign));
    kase.followUps().forEach(status -> followUps.add(status, sign));
    for (MeasuredCase.Survey survey : kase.surveys()) {
      surveysSent.add(survey.kind(), sign);
      survey.score().ifPresent(score -> scores.get(survey.kind()).add(score, sign));
    }
    kase.run().ifPresent(run -> applyDeviations(id, run, sign));
    kase.compensation().ifPresent(money -> applyCompensation(money, sign));
  }

  private void applyDeviations(String id, MeasuredCase.RunFacts run, int sign) {
    for (MeasuredCase.RunDeviation deviation : run.deviations()) {
      DeviationKey key = DeviationKey.of(deviation);
      deviations.add(key, sign);
      if (!tracksCases) {
        continue;
      }
      if (sign > 0) {
        deviationCases.computeIfAbsent(key, k -> new TreeSet<>()).add(id);
      } else if (deviationCases.containsKey(key)) {
        deviationCases.get(key).remove(id);
        if (deviationCases.get(key).isEmpty()) {
          deviationCases.remove(key);
        }
      }
    }
  }

  private void applyCompensation(Money money, int sign) {
    kpis = null;
    BigDecimal amount = money.amount().multiply(BigDecimal.valueOf(sign));
    BigDecimal now = compensation.getOrDefault(money.currency(), BigDecimal.ZERO).add(amount);
    if (now.signum() == 0) {
      compensation.remove(money.currency());
    } else {
      BigDecimal plain = now.stripTrailingZeros();
      compensation.put(money.currency(), plain.scale() < 0 ? plain.setScale(0) : plain);
    }
  }

  private static Set<Facet> facetsOf(MeasuredCase kase) {
    EnumSet<Facet> in = EnumSet.of(Facet.CASES);
    when(in, Facet.RESOLVED, kase.resolvedAt().isPresent());
    when(in, Facet.EVER_RESOLVED, kase.everResolved());
    when(in, Facet.FIRST_RESPONDED, kase.firstResponseAt().isPresent());
    for (MeasuredCase.SlaOutcome outcome : kase.sla()) {
      when(in, Facet.met(outcome.target()), outcome.result() == Result.MET);
      when(in, Facet.breached(outcome.target()), outcome.result() == Result.BREACHED);
    }
    when(in, Facet.FIRST_CONTACT_RESOLVED, kase.resolvedOnFirstContact());
    when(in, Facet.REOPENED, kase.reopened());
    when(in, Facet.ESCALATED, kase.escalated());
    when(in, Facet.FOLLOW_UP_DONE, kase.followUps().contains(FollowUpStatus.DONE));
    when(
        in,
        Facet.FOLLOW_UP_MISSED,
        kase.followUps().contains(FollowUpStatus.SKIPPED)
            || kase.followUps().contains(FollowUpStatus.DUE));
    kase.run()
        .filter(MeasuredCase.RunFacts::finished)
        .ifPresent(
            run -> {
              in.add(Facet.RUN_FINISHED);
              in.add(
                  run.hasUnexplainedDeviation()
                      ? Facet.RUN_UNEXPLAINED_DEVIATION
                      : Facet.RUN_ADHERENT);
              when(in, Facet.RUN_WITHOUT_DEVIATION, run.deviations().isEmpty());
            });
    when(in, Facet.COMPENSATED, kase.compensation().isPresent());
    for (MeasuredCase.Survey survey : kase.surveys()) {
      in.add(Facet.SURVEYED);
      survey.score().ifPresent(score -> in.addAll(answerFacets(survey.kind(), score)));
    }
    return in;
  }

  private static Set<Facet> answerFacets(SurveyKind kind, int score) {
    EnumSet<Facet> in = EnumSet.of(Facet.ANSWERED);
    switch (kind) {
      case CSAT -> {
        in.add(Facet.CSAT_ANSWERED);
        when(in, Facet.CSAT_SATISFIED, score >= 4);
      }
      case NPS -> {
        in.add(Facet.NPS_ANSWERED);
        when(in, Facet.PROMOTERS, score >= 9);
        when(in, Facet.DETRACTORS, score <= 6);
      }
      case CES -> in.add(Facet.CES_ANSWERED);
    }
    return in;
  }

  private static void when(Set<Facet> in, Facet facet, boolean holds) {
    if (holds) {
      in.add(facet);
    }
  }

  private static long seconds(Instant from, Instant to) {
    return Duration.between(from, to).toSeconds();
  }

  private void absorb(Rollup other) {
    kpis = null;
    counted.addAll(other.counted);
    if (tracksCases) {
      other.facets.forEach((facet, ids) -> facets.get(facet).addAll(ids));
    }
    firstResponse.addAll(other.firstResponse);
    firstResponseBusiness.addAll(other.firstResponseBusiness);
    resolution.addAll(other.resolution);
    resolutionBusiness.addAll(other.resolutionBusiness);
    other.sla.forEach((target, results) -> sla.get(target).addAll(results));
    followUps.addAll(other.followUps);
    surveysSent.addAll(other.surveysSent);
    other.scores.forEach((kind, values) -> scores.get(kind).addAll(values));
    deviations.addAll(other.deviations);
    if (tracksCases) {
      other.deviationCases.forEach(
          (key, ids) -> deviationCases.computeIfAbsent(key, k -> new TreeSet<>()).addAll(ids));
    }
    other.compensation.forEach(
        (currency, amount) -> applyCompensation(new Money(amount, currency), 1));
  }

  private long size(Facet facet) {
    return counted.count(facet);
  }

  private long between(SurveyKind kind, int from, int to) {
    return scores.get(kind).counts().subMap(from, true, to, true).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  private Mean mean(SurveyKind kind) {
    Multiset<Integer> values = scores.get(kind);
    long sum = 0;
    for (Map.Entry<Integer, Long> entry : values.counts().entrySet()) {
      sum += entry.getKey() * entry.getValue();
    }
    return new Mean(values.size(), sum);
  }

  private List<ReasonCount> reasons() {
    List<ReasonCount> counts = new ArrayList<>();
    deviations
        .counts()
        .forEach(
            (key, count) ->
                counts.add(
                    new ReasonCount(
                        key.step(),
                        key.reason().isEmpty() ? Optional.empty() : Optional.of(key.reason()),
                        count,
                        deviationCases.getOrDefault(key, new TreeSet<>()))));
    counts.sort(ReasonCount.BY_STEP_THEN_MOST_FREQUENT);
    return counts;
  }

  private Map<SurveyKind, SortedMap<Integer, Long>> scoreCounts() {
    Map<SurveyKind, SortedMap<Integer, Long>> counts = new EnumMap<>(SurveyKind.class);
    scores.forEach(
        (kind, values) ->
            counts.put(kind, Collections.unmodifiableSortedMap(new TreeMap<>(values.counts()))));
    return counts;
  }

  private Map<Facet, SortedSet<String>> drilldown() {
    Map<Facet, SortedSet<String>> cases = new EnumMap<>(Facet.class);
    facets.forEach(
        (facet, ids) -> cases.put(facet, Collections.unmodifiableSortedSet(new TreeSet<>(ids))));
    return cases;
  }

  private List<Object> state() {
    return List.of(
        tracksCases,
        counted,
        facets,
        firstResponse,
        firstResponseBusiness,
        resolution,
        resolutionBusiness,
        sla,
        followUps,
        surveysSent,
        scores,
        deviations,
        deviationCases,
        compensation);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Rollup that && state().equals(that.state());
  }

  @Override
  public int hashCode() {
    return Objects.hash(state());
  }

  @Override
  public String toString() {
    return "Rollup[" + cases() + " cases]";
  }

  /** A step and a normalised reason ("" for none), in the order reports list them. */
  record DeviationKey(String step, String reason) implements Comparable<DeviationKey> {

    static DeviationKey of(MeasuredCase.RunDeviation deviation) {
      return new DeviationKey(
          deviation.step(), deviation.reason().map(ReasonCount::normalised).orElse(""));
    }

    @Override
    public int compareTo(DeviationKey other) {
      int byStep = step.compareTo(other.step);
      return byStep != 0 ? byStep : reason.compareTo(other.reason);
    }
  }
}
