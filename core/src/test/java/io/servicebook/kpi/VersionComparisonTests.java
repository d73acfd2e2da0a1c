package io.servicebook.kpi;

import static io.servicebook.kpi.MeasuredCases.aCase;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.kpi.VersionComparison.Estimate;
import io.servicebook.kpi.VersionComparison.KpiDifference;
import io.servicebook.kpi.VersionComparison.Method;
import io.servicebook.protocol.Kpi;
import io.servicebook.protocol.SurveyKind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The comparison checked on synthetic versions with known effects: a real difference is found, and
 * no difference is found "significant" about as often as a 95 % interval allows.
 */
class VersionComparisonTests {

  /** CSAT 1–5 with mean 0.05 + 0.15 + 0.6 + 1.5 + 1.5 = 3.8. */
  private static final double[] CSAT_3_8 = {0.05, 0.075, 0.20, 0.375, 0.30};

  /** CSAT 1–5 with mean 0.02 + 0.06 + 0.24 + 1.08 + 3.0 = 4.4. */
  private static final double[] CSAT_4_4 = {0.02, 0.03, 0.08, 0.27, 0.60};

  /**
   * A version's cases: CSAT answers drawn from {@code csat}, escalated with probability {@code
   * escalation}, first response after an exponential business time with mean {@code meanSeconds}.
   */
  private static Rollup version(
      String prefix,
      int n,
      double[] csat,
      double escalation,
      double meanSeconds,
      SplittableRandom random) {
    List<MeasuredCase> cases = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      MeasuredCases c = aCase(prefix + i).survey(SurveyKind.CSAT, draw(csat, random) + 1);
      if (meanSeconds > 0) {
        c.firstResponseAfter((long) (-meanSeconds * Math.log(1 - random.nextDouble())));
      }
      if (random.nextDouble() < escalation) {
        c.escalated();
      }
      cases.add(c.build());
    }
    return Rollup.of(cases);
  }

  private static int draw(double[] probabilities, SplittableRandom random) {
    double u = random.nextDouble();
    for (int i = 0; i < probabilities.length - 1; i++) {
      u -= probabilities[i];
      if (u < 0) {
        return i;
      }
    }
    return probabilities.length - 1;
  }

  private static Estimate.Interval interval(VersionComparison comparison, Kpi kpi) {
    return (Estimate.Interval) comparison.of(kpi).orElseThrow().estimate();
  }

  @Test
  void findsARealDifferenceInCsat() {
    SplittableRandom random = new SplittableRandom(42);
    Rollup v2 = version("v2-", 400, CSAT_3_8, 0.2, 3600, random);
    Rollup v3 = version("v3-", 400, CSAT_4_4, 0.2, 3600, random);

    VersionComparison comparison = Kpis.compare(v2, v3, VersionComparison.Rules.DEFAULT);

    Estimate.Interval csat = interval(comparison, Kpi.CSAT_AVG);
    assertThat(csat.method()).isEqualTo(Method.BOOTSTRAP_PERCENTILE);
    assertThat(csat.isSignificant()).isTrue();
    assertThat(csat.low()).isPositive();
    assertThat(csat.low()).isLessThan(0.6);
    assertThat(csat.high()).isGreaterThan(0.6);
    KpiDifference row = comparison.of(Kpi.CSAT_AVG).orElseThrow();
    assertThat(row.older().n()).isEqualTo(400);
    assertThat(row.newer().n()).isEqualTo(400);
    assertThat(csat.difference())
        .isEqualTo(row.newer().value().orElseThrow() - row.older().value().orElseThrow());
  }

  @Test
  void findsARealDifferenceInAShareAndInTheMedianTime() {
    SplittableRandom random = new SplittableRandom(7);
    Rollup v2 = version("v2-", 400, CSAT_3_8, 0.30, 7200, random);
    Rollup v3 = version("v3-", 400, CSAT_3_8, 0.15, 3600, random);

    VersionComparison comparison = Kpis.compare(v2, v3, VersionComparison.Rules.DEFAULT);

    Estimate.Interval escalation = interval(comparison, Kpi.ESCALATION_RATE);
    assertThat(escalation.method()).isEqualTo(Method.NEWCOMBE_WILSON);
    assertThat(escalation.high()).as("fewer escalations").isNegative();
    assertThat(escalation.low()).isLessThan(-0.15);
    assertThat(escalation.high()).isGreaterThan(-0.15);
    Estimate.Interval median = interval(comparison, Kpi.FIRST_RESPONSE_P50);
    assertThat(median.high()).as("faster first responses").isNegative();
  }

  @Test
  void noDifferenceIsRarelySignificant() {
    int comparisons = 200;
    int csatSignificant = 0;
    int escalationSignificant = 0;
    VersionComparison.Rules rules = VersionComparison.Rules.DEFAULT;
    for (int seed = 0; seed < comparisons; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      Rollup a = version("a-", 80, CSAT_3_8, 0.2, 0, random);
      Rollup b = version("b-", 80, CSAT_3_8, 0.2, 0, random);
      VersionComparison comparison = Kpis.compare(a, b, rules);
      csatSignificant += interval(comparison, Kpi.CSAT_AVG).isSignificant() ? 1 : 0;
      escalationSignificant += interval(comparison, Kpi.ESCALATION_RATE).isSignificant() ? 1 : 0;
    }

    assertThat(csatSignificant).as("bootstrap false alarms of 200").isLessThanOrEqualTo(20);
    assertThat(escalationSignificant).as("Newcombe false alarms of 200").isLessThanOrEqualTo(20);
  }

  @Test
  void fewerThanTheMinimumOnEitherSideIsNotEnoughData() {
    SplittableRandom random = new SplittableRandom(1);
    Rollup small = version("s-", 29, CSAT_3_8, 0.2, 3600, random);
    Rollup large = version("l-", 400, CSAT_4_4, 0.2, 3600, random);

    VersionComparison comparison = Kpis.compare(small, large, VersionComparison.Rules.DEFAULT);

    KpiDifference csat = comparison.of(Kpi.CSAT_AVG).orElseThrow();
    assertThat(csat.estimate()).isEqualTo(new Estimate.NotEnoughData(30));
    assertThat(csat.older().n()).isEqualTo(29);
    assertThat(csat.newer().n()).isEqualTo(400);
    assertThat(comparison.of(Kpi.NPS).orElseThrow().estimate())
        .as("nobody answered an NPS survey")
        .isEqualTo(new Estimate.NotEnoughData(30));
  }

  @Test
  void theSameDataAlwaysGivesTheSameIntervals() {
    Rollup a = version("a-", 100, CSAT_3_8, 0.2, 3600, new SplittableRandom(3));
    Rollup b = version("b-", 100, CSAT_4_4, 0.2, 3600, new SplittableRandom(4));

    assertThat(Kpis.compare(a, b, VersionComparison.Rules.DEFAULT))
        .isEqualTo(Kpis.compare(a.copy(), b.copy(), VersionComparison.Rules.DEFAULT));
  }

  @Test
  void comparesEveryKpiButCompensationPerCase() {
    VersionComparison comparison =
        Kpis.compare(Rollup.empty(), Rollup.empty(), VersionComparison.Rules.DEFAULT);

    assertThat(comparison.differences())
        .extracting(KpiDifference::kpi)
        .hasSize(Kpi.values().length - 1)
        .doesNotContain(Kpi.COMPENSATION_PER_CASE);
  }
}
