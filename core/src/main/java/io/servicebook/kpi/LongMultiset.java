package io.servicebook.kpi;

import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.cursors.LongLongCursor;
import java.util.Arrays;

/**
 * Whole numbers (durations in seconds) with how often each occurs: what {@link Multiset} is for
 * other values, without a boxed number per value. A report over a month of a large service adds
 * hundreds of thousands of them and reads a few percentiles: they are counted in a primitive hash
 * table and sorted once when read in order, until the next change.
 */
final class LongMultiset {

  private final LongLongHashMap counts = new LongLongHashMap();
  private long size;

  /** The distinct values in ascending order and their counts; null after a change. */
  private Sorted sorted;

  /** Distinct values in ascending order, and how often each occurs. */
  record Sorted(long[] values, long[] counts) {

    int distinct() {
      return values.length;
    }
  }

  void add(long value, long times) {
    if (times == 0) {
      return;
    }
    sorted = null;
    if (times > 0) {
      // one probe: adding is what reports do most
      counts.addTo(value, times);
      size += times;
      return;
    }
    long now = counts.getOrDefault(value, 0) + times;
    if (now < 0) {
      throw new IllegalStateException(
          "Bug: took " + value + " out of a rollup more often than it was put in.");
    }
    if (now == 0) {
      counts.remove(value);
    } else {
      counts.put(value, now);
    }
    size += times;
  }

  void addAll(LongMultiset other) {
    for (LongLongCursor entry : other.counts) {
      add(entry.key, entry.value);
    }
  }

  void removeAll(LongMultiset other) {
    for (LongLongCursor entry : other.counts) {
      add(entry.key, -entry.value);
    }
  }

  long size() {
    return size;
  }

  long count(long value) {
    return counts.getOrDefault(value, 0);
  }

  boolean isEmpty() {
    return size == 0;
  }

  Sorted sorted() {
    if (sorted == null) {
      long[] values = counts.keys().toArray();
      Arrays.sort(values);
      long[] each = new long[values.length];
      for (int i = 0; i < values.length; i++) {
        each[i] = counts.get(values[i]);
      }
      sorted = new Sorted(values, each);
    }
    return sorted;
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

  @Override
  public boolean equals(Object other) {
    return other instanceof LongMultiset that && counts.equals(that.counts);
  }

  @Override
  public int hashCode() {
    return counts.hashCode();
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
