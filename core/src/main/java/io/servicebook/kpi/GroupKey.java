package io.servicebook.kpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which group a rollup is of: one value per dimension grouped by, such as channel {@code chat} and
 * week {@code 2026-W48}. Keys sort by their values, versions by number.
 */
public record GroupKey(List<Dimension> dimensions, List<String> values)
    implements Comparable<GroupKey> {

  /** The one group of all cases, when nothing is grouped by. */
  public static final GroupKey ALL = new GroupKey(List.of(), List.of());

  public GroupKey {
    dimensions = List.copyOf(dimensions);
    values = List.copyOf(values);
    if (dimensions.size() != values.size()) {
      throw new IllegalArgumentException(
          "A group key has one value per dimension: " + dimensions + " " + values);
    }
  }

  static GroupKey of(MeasuredCase kase, Slicing slicing) {
    List<String> values = new ArrayList<>();
    slicing.by().forEach(d -> values.add(d.valueOf(kase, slicing.zone())));
    return new GroupKey(slicing.by(), values);
  }

  /** The group's value in a dimension; empty when not grouped by it. */
  public Optional<String> value(Dimension dimension) {
    int index = dimensions.indexOf(dimension);
    return index < 0 ? Optional.empty() : Optional.of(values.get(index));
  }

  @Override
  public int compareTo(GroupKey other) {
    for (int i = 0; i < Math.min(values.size(), other.values.size()); i++) {
      int c = compare(dimensions.get(i), values.get(i), other.values.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(values.size(), other.values.size());
  }

  private static int compare(Dimension dimension, String a, String b) {
    return dimension == Dimension.VERSION
        ? Integer.compare(Integer.parseInt(a), Integer.parseInt(b))
        : a.compareTo(b);
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      parts.add(dimensions.get(i).key() + "=" + values.get(i));
    }
    return parts.isEmpty() ? "all" : String.join(", ", parts);
  }
}
