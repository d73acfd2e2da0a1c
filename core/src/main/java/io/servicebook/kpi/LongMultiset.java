package io.servicebook.kpi;

import com.carrotsearch.hppc.LongLongHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whole numbers (durations in seconds) with how often each occurs: what {@link Multiset} is for
 * other values, without a boxed number per value. A report over a month of a large service merges
 * hundreds of thousands of them from stored rollups, whose text lists them in ascending order, and
 * reads a few percentiles. So the values are kept as sorted arrays; sorted runs added (a stored
 * line, another multiset) wait and are merged pairwise when next read, and single values wait in a
 * primitive hash table until then.
 */
final class LongMultiset {

  private static final long[] NONE = {};

  /** Added one at a time this many values or fewer, another multiset waits with the singles. */
  private static final int SMALL = 16;

  /**
   * The distinct values in ascending order with their counts (all positive), as of the last merge.
   * Never changed in place, so another multiset may share them.
   */
  private Sorted merged = new Sorted(NONE, NONE);

  /** Sorted runs with positive counts, to be merged in. */
  private final List<Sorted> runs = new ArrayList<>();

  /**
   * Single values to be merged in, in no order. A count may be negative (a value taken out), but
   * never below what {@code merged} holds of it.
   */
  private final LongLongHashMap singles = new LongLongHashMap();

  private long size;

  /** Distinct values in ascending order, and how often each occurs; not to be changed. */
  record Sorted(long[] values, long[] counts) {

    int distinct() {
      return values.length;
    }
  }

  void add(long value, long times) {
    if (times == 0) {
      return;
    }
    if (times < 0) {
      mergeRuns();
      if (count(value) + times < 0) {
        throw new IllegalStateException(
            "Bug: took " + value + " out of a rollup more often than it was put in.");
      }
    }
    if (singles.addTo(value, times) == 0) {
      singles.remove(value);
    }
    size += times;
  }

  void addAll(LongMultiset other) {
    if (other.size == 0) {
      return;
    }
    Sorted sorted = other.sorted();
    if (sorted.distinct() <= SMALL) {
      for (int i = 0; i < sorted.distinct(); i++) {
        add(sorted.values()[i], sorted.counts()[i]);
      }
    } else {
      runs.add(sorted);
      size += other.size;
    }
  }

  /**
   * Adds values given in strictly ascending order with positive counts, as a stored rollup lists
   * them: merged with the rest when next read, without hashing each one.
   *
   * @throws IllegalArgumentException if they are not in strictly ascending order or a count is not
   *     positive; nothing is added then
   */
  void addAscending(long[] values, long[] counts, int length) {
    long added = 0;
    for (int i = 0; i < length; i++) {
      if (counts[i] <= 0) {
        throw new IllegalArgumentException("a count must be positive, not " + counts[i]);
      }
      if (i > 0 && values[i] <= values[i - 1]) {
        throw new IllegalArgumentException(
            "values must be in ascending order, and " + values[i] + " follows " + values[i - 1]);
      }
      added += counts[i];
    }
    if (length == 0) {
      return;
    }
    runs.add(new Sorted(Arrays.copyOf(values, length), Arrays.copyOf(counts, length)));
    size += added;
  }

  void removeAll(LongMultiset other) {
    Sorted sorted = other.sorted();
    mergeRuns();
    for (int i = 0; i < sorted.distinct(); i++) {
      if (count(sorted.values()[i]) < sorted.counts()[i]) {
        throw new IllegalStateException(
            "Bug: took " + sorted.values()[i] + " out of a rollup more often than it was put in.");
      }
    }
    for (int i = 0; i < sorted.distinct(); i++) {
      add(sorted.values()[i], -sorted.counts()[i]);
    }
  }

  long size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  long count(long value) {
    mergeRuns();
    int at = Arrays.binarySearch(merged.values(), value);
    return (at < 0 ? 0 : merged.counts()[at]) + singles.getOrDefault(value, 0);
  }

  /** All values merged into sorted arrays. */
  Sorted sorted() {
    mergeRuns();
    if (!singles.isEmpty()) {
      long[] values = singles.keys().toArray();
      Arrays.sort(values);
      long[] counts = new long[values.length];
      for (int i = 0; i < values.length; i++) {
        counts[i] = singles.get(values[i]);
      }
      singles.clear();
      // after the runs: a single taken out is only ever taken out of all that was put in
      merged = merge(merged, new Sorted(values, counts));
    }
    return merged;
  }

  /** The value at 1-based rank {@code rank} in sorted order. */
  long atRank(long rank) {
    if (rank < 1 || rank > size) {
      throw new IllegalStateException("Bug: rank " + rank + " of " + size + " values.");
    }
    Sorted in = sorted();
    long seen = 0;
    for (int i = 0; i < in.distinct(); i++) {
      seen += in.counts()[i];
      if (seen >= rank) {
        return in.values()[i];
      }
    }
    throw new IllegalStateException("Bug: the counts do not add up to " + size + ".");
  }

  /** Merges the waiting runs into {@code merged}, two at a time, as a merge sort does. */
  private void mergeRuns() {
    if (runs.isEmpty()) {
      return;
    }
    List<Sorted> level = new ArrayList<>(runs.size() + 1);
    if (merged.distinct() > 0) {
      level.add(merged);
    }
    level.addAll(runs);
    runs.clear();
    while (level.size() > 1) {
      List<Sorted> next = new ArrayList<>((level.size() + 1) / 2);
      for (int i = 0; i + 1 < level.size(); i += 2) {
        next.add(merge(level.get(i), level.get(i + 1)));
      }
      if (level.size() % 2 == 1) {
        next.add(level.getLast());
      }
      level = next;
    }
    merged = level.getFirst();
  }

  /** The two summed; a value whose counts add up to 0 is left out. */
  private static Sorted merge(Sorted a, Sorted b) {
    long[] values = new long[a.distinct() + b.distinct()];
    long[] counts = new long[values.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.distinct() || j < b.distinct()) {
      long value;
      long count;
      if (j == b.distinct() || (i < a.distinct() && a.values()[i] < b.values()[j])) {
        value = a.values()[i];
        count = a.counts()[i++];
      } else if (i == a.distinct() || b.values()[j] < a.values()[i]) {
        value = b.values()[j];
        count = b.counts()[j++];
      } else {
        value = a.values()[i];
        count = a.counts()[i++] + b.counts()[j++];
      }
      if (count < 0) {
        throw new IllegalStateException(
            "Bug: took " + value + " out of a rollup more often than it was put in.");
      }
      if (count > 0) {
        values[n] = value;
        counts[n++] = count;
      }
    }
    return n == values.length
        ? new Sorted(values, counts)
        : new Sorted(Arrays.copyOf(values, n), Arrays.copyOf(counts, n));
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof LongMultiset that)) {
      return false;
    }
    Sorted mine = sorted();
    Sorted theirs = that.sorted();
    return Arrays.equals(mine.values(), theirs.values())
        && Arrays.equals(mine.counts(), theirs.counts());
  }

  @Override
  public int hashCode() {
    Sorted mine = sorted();
    return 31 * Arrays.hashCode(mine.values()) + Arrays.hashCode(mine.counts());
  }

  @Override
  public String toString() {
    Sorted in = sorted();
    StringBuilder text = new StringBuilder("{");
    for (int i = 0; i < in.distinct(); i++) {
      text.append(i == 0 ? "" : ", ").append(in.values()[i]).append('=').append(in.counts()[i]);
    }
    return text.append('}').toString();
  }
}
