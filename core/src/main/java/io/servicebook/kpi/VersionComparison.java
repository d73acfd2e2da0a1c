package io.servicebook.kpi;

import io.servicebook.protocol.Kpi;
import io.servicebook.protocol.SurveyKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Two versions of a protocol compared KPI by KPI: the difference newer − older with a 95 %
 * confidence interval and both sample sizes; the method is in {@code docs/kpis.md}, version
 * comparison.
 */
public record VersionComparison(List<KpiDifference> differences) {

  /** The KPIs compared: all but compensation per case, whose per-case amounts are not kept. */
  public static final List<Kpi> COMPARED =
      java.util.Arrays.stream(Kpi.values()).filter(k -> k != Kpi.COMPENSATION_PER_CASE).toList();

  public VersionComparison {
    differences = List.copyOf(differences);
  }

  public Optional<KpiDifference> of(Kpi kpi) {
    return differences.stream().filter(d -> d.kpi() == kpi).findFirst();
  }

  /** The minimum sample on each side, and the bootstrap's resamples and seed. */
  public record Rules(int minimumSample, int resamples, long seed) {

    public static final Rules DEFAULT = new Rules(30, 2_000, 20_261_123L);

    public Rules {
      if (minimumSample < 2) {
        throw new IllegalArgumentException(
            "Comparing needs at least 2 on each side, not " + minimumSample + ".");
      }
      if (resamples < 100) {
        throw new IllegalArgumentException(
            "The bootstrap needs at least 100 resamples, not " + resamples + ".");
      }
    }
  }

  /** How the interval was computed. */
  public enum Method {
    /** Newcombe's hybrid score interval for a difference of two shares. */
    NEWCOMBE_WILSON,
    /** The seeded percentile bootstrap. */
    BOOTSTRAP_PERCENTILE
  }

  /** One version's value of a KPI and the sample size behind it. */
  public record Side(long n, Optional<Double> value) {

    public Side {
      Objects.requireNonNull(value, "value");
    }
  }

  /** The difference in one KPI, or why there is none. */
  public record KpiDifference(Kpi kpi, Side older, Side newer, Estimate estimate) {

    public KpiDifference {
      Objects.requireNonNull(kpi, "kpi");
      Objects.requireNonNull(older, "older");
      Objects.requireNonNull(newer, "newer");
      Objects.requireNonNull(estimate, "estimate");
    }
  }

  /** An interval, or not enough data to give one. */
  public sealed interface Estimate {

    /** newer − older, within {@code [low, high]} with 95 % confidence. */
    record Interval(double difference, double low, double high, Method method) implements Estimate {

      /** Whether the interval excludes 0: the versions differ in this KPI. */
      public boolean isSignificant() {
        return low > 0 || high < 0;
      }
    }

    /** A side has fewer than {@code minimum} behind the KPI. */
    record NotEnoughData(int minimum) implements Estimate {}
  }

  static VersionComparison compare(Rollup older, Rollup newer, Rules rules) {
    KpiValues a = older.kpis();
    KpiValues b = newer.kpis();
    List<KpiDifference> differences = new ArrayList<>();
    for (Kpi kpi : COMPARED) {
      Side left = side(KpiReading.of(kpi, a));
      Side right = side(KpiReading.of(kpi, b));
      Estimate estimate =
          left.n() < rules.minimumSample() || right.n() < rules.minimumSample()
              ? new Estimate.NotEnoughData(rules.minimumSample())
              : estimate(kpi, older, newer, a, b, rules);
      differences.add(new KpiDifference(kpi, left, right, estimate));
    }
    return new VersionComparison(differences);
  }

  private static Side side(KpiReading reading) {
    return new Side(reading.n(), reading.value().map(v -> v.doubleValue()));
  }

  private static Estimate estimate(
      Kpi kpi, Rollup older, Rollup newer, KpiValues a, KpiValues b, Rules rules) {
    long seed = rules.seed() + kpi.ordinal();
    return switch (kpi.unit()) {
      case RATIO -> shares(KpiReading.share(kpi, a), KpiReading.share(kpi, b));
      case SCORE ->
          bootstrap(
              Bootstrap.Sample.of(older.scores(surveyOf(kpi))),
              Bootstrap.Sample.of(newer.scores(surveyOf(kpi))),
              kpi == Kpi.NPS ? Bootstrap.Statistic.NPS : Bootstrap.Statistic.MEAN,
              rules,
              seed);
      case DURATION ->
          bootstrap(
              Bootstrap.Sample.of(times(kpi, older)),
              Bootstrap.Sample.of(times(kpi, newer)),
              Bootstrap.Statistic.percentile(percentileOf(kpi)),
              rules,
              seed);
    };
  }

  private static Estimate shares(KpiValues.Share older, KpiValues.Share newer) {
    double[] d =
        Newcombe.difference(older.count(), older.of(), newer.count(), newer.of(), Newcombe.Z95);
    return new Estimate.Interval(d[0], d[1], d[2], Method.NEWCOMBE_WILSON);
  }

  private static Estimate bootstrap(
      Bootstrap.Sample older,
      Bootstrap.Sample newer,
      Bootstrap.Statistic statistic,
      Rules rules,
      long seed) {
    double[] d = Bootstrap.difference(older, newer, statistic, rules.resamples(), seed);
    return new Estimate.Interval(d[0], d[1], d[2], Method.BOOTSTRAP_PERCENTILE);
  }

  private static SurveyKind surveyOf(Kpi kpi) {
    return switch (kpi) {
      case CSAT_AVG -> SurveyKind.CSAT;
      case NPS -> SurveyKind.NPS;
      case CES_AVG -> SurveyKind.CES;
      default -> throw new IllegalStateException("Bug: " + kpi + " is not a survey score.");
    };
  }

  private static LongMultiset times(Kpi kpi, Rollup rollup) {
    return switch (kpi) {
      case FIRST_RESPONSE_P50, FIRST_RESPONSE_P90 -> rollup.firstResponseBusiness();
      case RESOLUTION_P50, RESOLUTION_P90 -> rollup.resolutionBusiness();
      default -> throw new IllegalStateException("Bug: " + kpi + " is not a time.");
    };
  }

  private static int percentileOf(Kpi kpi) {
    return kpi == Kpi.FIRST_RESPONSE_P50 || kpi == Kpi.RESOLUTION_P50 ? 50 : 90;
  }
}
