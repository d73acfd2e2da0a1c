package io.servicebook.kpi;

import io.servicebook.protocol.Benchmark;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * KPIs of protocols: groups measured cases into rollups, checks benchmarks and compares versions.
 * Every definition is in {@code docs/kpis.md}.
 */
public final class Kpis {

  private Kpis() {}

  /** The rollup of each group of cases, in the order of their keys. */
  public static SortedMap<GroupKey, Rollup> aggregate(
      Collection<MeasuredCase> cases, Slicing slicing) {
    TreeMap<GroupKey, Rollup> groups = new TreeMap<>();
    for (MeasuredCase kase : cases) {
      groups.computeIfAbsent(GroupKey.of(kase, slicing), key -> Rollup.empty()).add(kase);
    }
    return Collections.unmodifiableSortedMap(groups);
  }

  /** The group a case counts in, for a server that keeps rollups as cases change. */
  public static GroupKey groupOf(MeasuredCase kase, Slicing slicing) {
    return GroupKey.of(kase, slicing);
  }

  /** The rollup of the cases created within a window. */
  public static Rollup within(Collection<MeasuredCase> cases, Window window) {
    return Rollup.of(cases.stream().filter(window::contains).toList());
  }

  /** How a protocol stands against its benchmarks, given the rollup of a window. */
  public static Health health(List<Benchmark> benchmarks, Rollup window, Health.Rules rules) {
    return Health.evaluate(benchmarks, window.kpis(), rules);
  }

  /** Each KPI of the newer version against the older one. */
  public static VersionComparison compare(
      Rollup older, Rollup newer, VersionComparison.Rules rules) {
    return VersionComparison.compare(older, newer, rules);
  }
}
