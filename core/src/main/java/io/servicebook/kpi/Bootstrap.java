package io.servicebook.kpi;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The percentile bootstrap of a difference between two samples: each is resampled with replacement
 * at its own size from a seeded generator, so the same data always gives the same interval (see
 * {@code docs/kpis.md}, version comparison).
 */
final class Bootstrap {

  /** A statistic of a sample given as sorted distinct values and how often each occurs. */
  @FunctionalInterface
  interface Statistic {
    double of(double[] values, long[] counts, long n);

    Statistic MEAN =
        (values, counts, n) -> {
          double sum = 0;
          for (int i = 0; i < values.length; i++) {
            sum += values[i] * counts[i];
          }
          return sum / n;
        };

    /** % answers of 9–10 − % answers of 0–6. */
    Statistic NPS =
        (values, counts, n) -> {
          long balance = 0;
          for (int i = 0; i < values.length; i++) {
            if (values[i] >= 9) {
              balance += counts[i];
            } else if (values[i] <= 6) {
              balance -= counts[i];
            }
          }
          return 100.0 * balance / n;
        };

    /** The p-th percentile, nearest rank. */
    static Statistic percentile(int p) {
      return (values, counts, n) -> {
        long rank = Rollup.nearestRank(p, n);
        long seen = 0;
        for (int i = 0; i < values.length; i++) {
          seen += counts[i];
          if (seen >= rank) {
            return values[i];
          }
        }
        throw new IllegalStateException("Bug: the counts do not add up to " + n + ".");
      };
    }
  }

  /**
   * A sample: sorted distinct values, how often each occurs, and for each of its n positions the
   * index of its value, so that a draw is one random position.
   */
  record Sample(double[] values, long[] counts, int[] positions) {

    static <K extends Number & Comparable<? super K>> Sample of(Multiset<K> multiset) {
      Map<K, Long> counts = multiset.counts();
      double[] values = new double[counts.size()];
      long[] each = new long[counts.size()];
      int i = 0;
      for (Map.Entry<K, Long> entry : counts.entrySet()) {
        values[i] = entry.getKey().doubleValue();
        each[i++] = entry.getValue();
      }
      return of(values, each, multiset.size());
    }

    static Sample of(LongMultiset multiset) {
      LongMultiset.Sorted sorted = multiset.sorted();
      double[] values = new double[sorted.distinct()];
      for (int i = 0; i < values.length; i++) {
        values[i] = sorted.values()[i];
      }
      return of(values, sorted.counts().clone(), multiset.size());
    }

    private static Sample of(double[] values, long[] counts, long n) {
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "The bootstrap resamples at most " + Integer.MAX_VALUE + " values.");
      }
      int[] positions = new int[(int) n];
      int position = 0;
      for (int i = 0; i < values.length; i++) {
        for (long k = 0; k < counts[i]; k++) {
          positions[position++] = i;
        }
      }
      return new Sample(values, counts, positions);
    }

    long n() {
      return positions.length;
    }

    double statistic(Statistic statistic) {
      return statistic.of(values, counts, n());
    }

    /** How often each value occurs in a resample of size n drawn with replacement. */
    long[] resample(SplittableRandom random) {
      long[] drawn = new long[values.length];
      for (int k = 0; k < positions.length; k++) {
        drawn[positions[random.nextInt(positions.length)]]++;
      }
      return drawn;
    }
  }

  private Bootstrap() {}

  /**
   * The difference {@code statistic(newer) − statistic(older)} and the 2.5th and 97.5th percentiles
   * (nearest rank) of its bootstrap distribution: {difference, low, high}.
   */
  static double[] difference(
      Sample older, Sample newer, Statistic statistic, int resamples, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] differences = new double[resamples];
    for (int b = 0; b < resamples; b++) {
      double a = statistic.of(older.values(), older.resample(random), older.n());
      double c = statistic.of(newer.values(), newer.resample(random), newer.n());
      differences[b] = c - a;
    }
    Arrays.sort(differences);
    int low = (int) ((25L * resamples + 999) / 1000);
    int high = (int) ((975L * resamples + 999) / 1000);
    return new double[] {
      newer.statistic(statistic) - older.statistic(statistic),
      differences[low - 1],
      differences[high - 1]
    };
  }
}
