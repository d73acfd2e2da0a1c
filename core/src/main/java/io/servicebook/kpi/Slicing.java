package io.servicebook.kpi;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/** How cases are grouped: by these dimensions, with periods in this time zone. */
public record Slicing(List<Dimension> by, ZoneId zone) {

  public Slicing {
    by = List.copyOf(by);
    Objects.requireNonNull(zone, "zone");
    if (new HashSet<>(by).size() != by.size()) {
      throw new IllegalArgumentException("Group by each dimension once, not " + by + ".");
    }
  }

  /** All cases in one group. */
  public static Slicing none() {
    return new Slicing(List.of(), ZoneOffset.UTC);
  }

  public static Slicing by(ZoneId zone, Dimension... dimensions) {
    return new Slicing(List.of(dimensions), zone);
  }
}
