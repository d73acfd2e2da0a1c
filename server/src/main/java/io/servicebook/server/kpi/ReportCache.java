package io.servicebook.server.kpi;

import io.servicebook.kpi.Slicing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reports computed already, by query and data state: a report is reused while nothing was recorded
 * since (no audit event: every change of a case, run, escalation, follow-up or grant has one) and
 * for at most {@code ttl}, since clocks fall due as time passes. The least recently used give way
 * beyond {@code capacity}. Every node keeps its own; the key makes them agree.
 */
final class ReportCache {

  /** Which audit events are recorded: their number and the latest id. */
  record DataState(long events, long lastId) {}

  private record Key(KpiQuery query, Slicing slicing, DataState state) {}

  private record Cached(KpiReports.Report report, Instant until) {}

  private final int capacity;
  private final Duration ttl;
  private final Clock clock;
  private final Map<Key, Cached> cached;

  ReportCache(int capacity, Duration ttl, Clock clock) {
    this.capacity = capacity;
    this.ttl = ttl;
    this.clock = clock;
    this.cached = new LinkedHashMap<>(16, 0.75f, true);
  }

  /** The report of the query at this data state, computed unless a fresh one is kept. */
  KpiReports.Report report(
      KpiQuery query, Slicing slicing, DataState state, Supplier<KpiReports.Report> compute) {
    Key key = new Key(query, slicing, state);
    Instant now = clock.instant();
    synchronized (cached) {
      Cached hit = cached.get(key);
      if (hit != null && now.isBefore(hit.until())) {
        return hit.report();
      }
    }
    KpiReports.Report report = compute.get();
    synchronized (cached) {
      cached.put(key, new Cached(report, now.plus(ttl)));
      if (cached.size() > capacity) {
        cached.remove(cached.keySet().iterator().next());
      }
    }
    return report;
  }
}
