package io.servicebook.kpi;

/**
 * Score intervals for shares: Wilson's for one proportion, and Newcombe's hybrid score interval
 * (Newcombe 1998, method 10) for the difference of two independent ones.
 */
final class Newcombe {

  /** The normal quantile of a two-sided 95 % interval. */
  static final double Z95 = 1.959963984540054;

  private Newcombe() {}

  /** Wilson's score interval of {@code x} successes out of {@code n > 0}: {low, high}. */
  static double[] wilson(long x, long n, double z) {
    double p = (double) x / n;
    double z2 = z * z;
    double centre = p + z2 / (2.0 * n);
    double spread = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    double denominator = 1 + z2 / n;
    return new double[] {
      Math.max(0, (centre - spread) / denominator), Math.min(1, (centre + spread) / denominator)
    };
  }

  /**
   * The difference {@code x2/n2 − x1/n1} with its interval: {difference, low, high}. Each bound
   * adds, in quadrature, the distances from each share to the near ends of their Wilson intervals.
   */
  static double[] difference(long x1, long n1, long x2, long n2, double z) {
    double p1 = (double) x1 / n1;
    double p2 = (double) x2 / n2;
    double[] w1 = wilson(x1, n1, z);
    double[] w2 = wilson(x2, n2, z);
    double d = p2 - p1;
    double low = d - Math.sqrt(square(p2 - w2[0]) + square(w1[1] - p1));
    double high = d + Math.sqrt(square(w2[1] - p2) + square(p1 - w1[0]));
    return new double[] {d, low, high};
  }

  private static double square(double v) {
    return v * v;
  }
}
