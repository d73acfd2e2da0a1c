package io.servicebook.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTests {

  private static Bootstrap.Sample sample(int... values) {
    Multiset<Integer> multiset = new Multiset<>();
    for (int v : values) {
      multiset.add(v, 1);
    }
    return Bootstrap.Sample.of(multiset);
  }

  @Test
  void statisticsReadSortedDistinctValuesWithTheirCounts() {
    // 1, 3, 3, 10: mean 17 / 4 = 4.25; p50 rank 2 -> 3; p90 rank ⌈3.6⌉ = 4 -> 10
    // as NPS answers: one promoter (10), three detractors: 100 * (1 - 3) / 4 = -50
    Bootstrap.Sample s = sample(3, 10, 1, 3);

    assertThat(s.statistic(Bootstrap.Statistic.MEAN)).isEqualTo(4.25);
    assertThat(s.statistic(Bootstrap.Statistic.percentile(50))).isEqualTo(3);
    assertThat(s.statistic(Bootstrap.Statistic.percentile(90))).isEqualTo(10);
    assertThat(s.statistic(Bootstrap.Statistic.NPS)).isEqualTo(-50);
  }

  @Test
  void aResampleHasTheSampleSizeAndOnlyItsValues() {
    Bootstrap.Sample s = sample(1, 1, 2, 5, 5, 5);

    long[] drawn = s.resample(new SplittableRandom(9));

    assertThat(drawn).hasSize(3);
    assertThat(drawn[0] + drawn[1] + drawn[2]).isEqualTo(6);
  }

  @Test
  void theIntervalOfIdenticalConstantSamplesIsZeroWide() {
    double[] d =
        Bootstrap.difference(sample(4, 4, 4), sample(4, 4, 4), Bootstrap.Statistic.MEAN, 2_000, 1L);

    assertThat(d).containsExactly(0.0, 0.0, 0.0);
  }
}
