package io.servicebook.kpi;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Sorted values with how often each occurs; exact, mergeable, and values can be taken out again.
 * Values are counted in a hash table (reports add hundreds of thousands of them) and sorted once
 * when read in order, until the next change.
 */
final class Multiset<K extends Comparable<? super K>> {

  private final HashMap<K, Long> counts = new HashMap<>();
  private TreeMap<K, Long> sorted;
  private long size;

  void add(K value, long times) {
    if (times == 0) {
      return;
    }
    sorted = null;
    if (times > 0) {
      // one walk down the tree: adding is what reports do most, hundreds of thousands of times
      counts.merge(value, times, Long::sum);
      size += times;
      return;
    }
    long now = counts.getOrDefault(value, 0L) + times;
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

  void addAll(Multiset<K> other) {
    other.counts.forEach(this::add);
  }

  void removeAll(Multiset<K> other) {
    other.counts.forEach((value, times) -> add(value, -times));
  }

  long size() {
    return size;
  }

  long count(K value) {
    return counts.getOrDefault(value, 0L);
  }

  NavigableMap<K, Long> counts() {
    if (sorted == null) {
      sorted = new TreeMap<>(counts);
    }
    return java.util.Collections.unmodifiableNavigableMap(sorted);
  }

  /** The value at 1-based rank {@code rank} in sorted order. */
  K atRank(long rank) {
    if (rank < 1 || rank > size) {
      throw new IllegalStateException("Bug: rank " + rank + " of " + size + " values.");
    }
    long seen = 0;
    for (Map.Entry<K, Long> entry : counts().entrySet()) {
      seen += entry.getValue();
      if (seen >= rank) {
        return entry.getKey();
      }
    }
    throw new IllegalStateException("Bug: the counts do not add up to " + size + ".");
  }

  Multiset<K> copy() {
    Multiset<K> copy = new Multiset<>();
    copy.addAll(this);
    return copy;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Multiset<?> that && counts.equals(that.counts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(counts);
  }

  @Override
  public String toString() {
    return counts().toString();
  }
}
