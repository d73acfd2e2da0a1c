package io.servicebook.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Against the worked examples of Newcombe (1998), Statistics in Medicine 17, 857–872 and 873–890.
 */
class NewcombeTests {

  @Test
  void wilsonScoreIntervalOfOneProportion() {
    // Newcombe 1998 (single proportion), 81/263: 0.2553 to 0.3662
    double[] interval = Newcombe.wilson(81, 263, Newcombe.Z95);

    assertThat(interval[0]).isCloseTo(0.2553, within(5e-5));
    assertThat(interval[1]).isCloseTo(0.3662, within(5e-5));
  }

  @Test
  void hybridScoreIntervalOfADifference() {
    // Newcombe 1998 (difference), method 10: 56/70 − 48/80 = 0.2000, 0.0524 to 0.3339
    double[] d = Newcombe.difference(48, 80, 56, 70, Newcombe.Z95);

    assertThat(d[0]).isCloseTo(0.2, within(1e-12));
    assertThat(d[1]).isCloseTo(0.0524, within(5e-5));
    assertThat(d[2]).isCloseTo(0.3339, within(5e-5));
  }

  @Test
  void hybridScoreIntervalStaysSensibleAtZero() {
    // Newcombe 1998 (difference), method 10: 5/56 − 0/29 = 0.0893, −0.0381 to 0.1926
    double[] d = Newcombe.difference(0, 29, 5, 56, Newcombe.Z95);

    assertThat(d[0]).isCloseTo(0.0893, within(5e-5));
    assertThat(d[1]).isCloseTo(-0.0381, within(5e-5));
    assertThat(d[2]).isCloseTo(0.1926, within(5e-5));
  }
}
