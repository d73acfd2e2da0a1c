package io.servicebook.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LongMultisetTests {

  @Test
  void readsValuesInAscendingOrderWithTheirCounts() {
    LongMultiset seconds = new LongMultiset();
    seconds.add(600, 2);
    seconds.add(0, 1);
    seconds.add(-5, 1);
    seconds.add(60, 3);
    seconds.add(600, -1);

    assertThat(seconds.sorted().values()).containsExactly(-5, 0, 60, 600);
    assertThat(seconds.sorted().counts()).containsExactly(1, 1, 3, 1);
    assertThat(seconds.size()).isEqualTo(6);
    assertThat(seconds.count(60)).isEqualTo(3);
    assertThat(seconds.count(61)).isZero();
    assertThat(seconds).hasToString("{-5=1, 0=1, 60=3, 600=1}");
  }

  @Test
  void ranksCountEveryOccurrence() {
    // 10, 20, 20, 20, 30: rank 1 -> 10, ranks 2-4 -> 20, rank 5 -> 30
    LongMultiset seconds = new LongMultiset();
    seconds.add(20, 3);
    seconds.add(30, 1);
    seconds.add(10, 1);

    assertThat(seconds.atRank(1)).isEqualTo(10);
    assertThat(seconds.atRank(2)).isEqualTo(20);
    assertThat(seconds.atRank(4)).isEqualTo(20);
    assertThat(seconds.atRank(5)).isEqualTo(30);
    assertThatThrownBy(() -> seconds.atRank(6)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void takingOutMoreThanWasPutInFailsAndChangesNothing() {
    LongMultiset seconds = new LongMultiset();
    seconds.add(60, 2);

    assertThatThrownBy(() -> seconds.add(60, -3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("more often than it was put in");
    assertThatThrownBy(() -> seconds.add(61, -1)).isInstanceOf(IllegalStateException.class);

    assertThat(seconds.count(60)).isEqualTo(2);
    assertThat(seconds.count(61)).isZero();
    assertThat(seconds.size()).isEqualTo(2);
  }

  @Test
  void aValueTakenOutToZeroIsGoneSoEqualMultisetsAreEqual() {
    LongMultiset a = new LongMultiset();
    a.add(5, 1);
    a.add(7, 2);
    a.add(7, -2);
    LongMultiset b = new LongMultiset();
    b.add(5, 1);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.sorted().values()).containsExactly(5);
  }

  /** Against a sorted map: random additions and removals, merged and taken out again. */
  @Property(tries = 300)
  void agreesWithASortedMap(
      @ForAll @Size(max = 200) List<@LongRange(min = -50, max = 5_000) Long> values,
      @ForAll @IntRange(min = 1, max = 4) int times) {
    LongMultiset seconds = new LongMultiset();
    LongMultiset other = new LongMultiset();
    TreeMap<Long, Long> expected = new TreeMap<>();
    for (int i = 0; i < values.size(); i++) {
      long v = values.get(i);
      (i % 2 == 0 ? seconds : other).add(v, times);
      expected.merge(v, (long) times, Long::sum);
    }
    // every third value taken out once again
    for (int i = 0; i < values.size(); i += 3) {
      long v = values.get(i);
      (i % 2 == 0 ? seconds : other).add(v, -1);
      expected.merge(v, -1L, (a, b) -> a + b == 0 ? null : a + b);
    }

    LongMultiset merged = new LongMultiset();
    merged.addAll(seconds);
    merged.addAll(other);

    assertThat(merged.sorted().values())
        .containsExactly(expected.keySet().stream().mapToLong(Long::longValue).toArray());
    assertThat(merged.sorted().counts())
        .containsExactly(expected.values().stream().mapToLong(Long::longValue).toArray());
    long size = expected.values().stream().mapToLong(Long::longValue).sum();
    assertThat(merged.size()).isEqualTo(size);
    long rank = 0;
    for (Map.Entry<Long, Long> entry : expected.entrySet()) {
      rank += entry.getValue();
      assertThat(merged.atRank(rank)).isEqualTo(entry.getKey());
    }

    merged.removeAll(other);
    assertThat(merged).isEqualTo(seconds);
  }

  @Test
  void ascendingRunsMergeWithSinglesAndWithEachOther() {
    LongMultiset seconds = new LongMultiset();
    seconds.add(15, 1);
    seconds.addAscending(new long[] {10, 15, 90, 0}, new long[] {2, 1, 1, 0}, 3);
    seconds.addAscending(new long[] {5, 15}, new long[] {1, 4}, 2);
    seconds.add(15, -2);

    assertThat(seconds.sorted().values()).containsExactly(5, 10, 15, 90);
    assertThat(seconds.sorted().counts()).containsExactly(1, 2, 4, 1);
    assertThat(seconds.size()).isEqualTo(8);
  }

  @Test
  void aRunOutOfOrderOrWithoutCountsIsRefusedWhole() {
    LongMultiset seconds = new LongMultiset();
    seconds.add(1, 1);

    assertThatThrownBy(() -> seconds.addAscending(new long[] {3, 2}, new long[] {1, 1}, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 follows 3");
    assertThatThrownBy(() -> seconds.addAscending(new long[] {3, 3}, new long[] {1, 1}, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> seconds.addAscending(new long[] {3, 4}, new long[] {1, 0}, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");

    assertThat(seconds).hasToString("{1=1}");
    assertThat(seconds.size()).isEqualTo(1);
  }

  @Test
  void takingOutOfAMultisetWithRunsWaitingCountsTheRuns() {
    LongMultiset seconds = new LongMultiset();
    seconds.addAscending(new long[] {7}, new long[] {1}, 1);
    LongMultiset big = new LongMultiset();
    for (long v = 0; v < 100; v++) {
      big.add(v, 1);
    }
    seconds.addAll(big);
    LongMultiset out = new LongMultiset();
    out.add(7, 2);

    seconds.removeAll(out);
    assertThat(seconds.count(7)).isZero();
    assertThatThrownBy(() -> seconds.removeAll(out)).isInstanceOf(IllegalStateException.class);
    assertThat(seconds.size()).isEqualTo(99);
    assertThat(seconds.sorted().distinct()).isEqualTo(99);
  }

  /**
   * Against a sorted map, whatever way the values come in: singles, ascending runs, small and large
   * multisets, and values taken out between them.
   */
  @Property(tries = 500)
  void anyMixOfWaysInAgreesWithASortedMap(
      @ForAll @Size(max = 60)
          List<@Size(max = 40) List<@LongRange(min = 0, max = 300) Long>> batches,
      @ForAll @IntRange(min = 0, max = 3) int first) {
    LongMultiset seconds = new LongMultiset();
    TreeMap<Long, Long> expected = new TreeMap<>();
    int way = first;
    for (List<Long> batch : batches) {
      way = (way + 1) % 4;
      switch (way) {
        case 0 -> {
          for (long v : batch) {
            seconds.add(v, 1);
            expected.merge(v, 1L, Long::sum);
          }
        }
        case 1 -> {
          long[] values = batch.stream().mapToLong(Long::longValue).distinct().sorted().toArray();
          long[] counts = new long[values.length];
          Arrays.fill(counts, 2);
          seconds.addAscending(values, counts, values.length);
          for (long v : values) {
            expected.merge(v, 2L, Long::sum);
          }
        }
        case 2 -> {
          LongMultiset other = new LongMultiset();
          for (long v : batch) {
            other.add(v, 1);
            expected.merge(v, 1L, Long::sum);
          }
          seconds.addAll(other);
        }
        default -> {
          for (long v : batch) {
            if (expected.getOrDefault(v, 0L) > 0) {
              seconds.add(v, -1);
              expected.merge(v, -1L, (a, b) -> a + b == 0 ? null : a + b);
            }
          }
        }
      }
    }

    assertThat(seconds.sorted().values())
        .containsExactly(expected.keySet().stream().mapToLong(Long::longValue).toArray());
    assertThat(seconds.sorted().counts())
        .containsExactly(expected.values().stream().mapToLong(Long::longValue).toArray());
    assertThat(seconds.size())
        .isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
  }
}
