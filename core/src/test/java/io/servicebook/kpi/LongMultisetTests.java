package io.servicebook.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
      @ForAll @Size(max = 200) java.util.List<@LongRange(min = -50, max = 5_000) Long> values,
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
}
