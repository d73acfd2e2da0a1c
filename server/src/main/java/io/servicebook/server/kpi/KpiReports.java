package io.servicebook.server.kpi;

import io.servicebook.kpi.GroupKey;
import io.servicebook.kpi.Health;
import io.servicebook.kpi.Kpis;
import io.servicebook.kpi.MeasuredCase;
import io.servicebook.kpi.Rollup;
import io.servicebook.kpi.Slicing;
import io.servicebook.kpi.VersionComparison;
import io.servicebook.kpi.Window;
import io.servicebook.protocol.Protocol;
import io.servicebook.server.protocols.ProtocolCatalog;
import io.servicebook.server.protocols.PublishedProtocol;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The KPI reports: the rollups of a query's cases, overall and per group, a protocol's health
 * against its benchmarks over the rolling window, and two versions compared.
 */
@Service
class KpiReports {

  private final MeasuredCases measured;
  private final ProtocolCatalog catalog;
  private final KpiSettings settings;
  private final Clock clock;

  KpiReports(MeasuredCases measured, ProtocolCatalog catalog, KpiSettings settings, Clock clock) {
    this.measured = measured;
    this.catalog = catalog;
    this.settings = settings;
    this.clock = clock;
  }

  /** The rollup of all the query's cases, and of each group when sliced. */
  record Report(
      KpiQuery query, Slicing slicing, Rollup overall, SortedMap<GroupKey, Rollup> groups) {}

  @Transactional(readOnly = true)
  public Report report(KpiQuery query, Slicing slicing) {
    List<MeasuredCase> cases = measured.of(query);
    return new Report(query, slicing, Rollup.of(cases), Kpis.aggregate(cases, slicing));
  }

  /** The window the API uses when none is asked for: the rolling window up to now. */
  Window defaultWindow() {
    return Window.last(settings.window(), clock);
  }

  /** A protocol's health over the rolling window, measured against its latest version's targets. */
  record ProtocolHealth(PublishedProtocol protocol, Window window, long cases, Health health) {}

  @Transactional(readOnly = true)
  public Optional<ProtocolHealth> health(String slug) {
    return catalog
        .latest(slug)
        .map(
            latest -> {
              Protocol model = catalog.model(latest);
              Window window = defaultWindow();
              Rollup rollup =
                  Rollup.of(measured.of(new KpiQuery(Optional.of(slug), Optional.empty(), window)));
              return new ProtocolHealth(
                  latest,
                  window,
                  rollup.cases(),
                  Kpis.health(model.benchmarks(), rollup, Health.Rules.DEFAULT));
            });
  }

  /** Version {@code newer} against {@code older}, over the cases of each created in the window. */
  @Transactional(readOnly = true)
  public VersionComparison compare(String slug, int older, int newer, Window window) {
    return Kpis.compare(
        rollupOf(slug, older, window),
        rollupOf(slug, newer, window),
        VersionComparison.Rules.DEFAULT);
  }

  private Rollup rollupOf(String slug, int version, Window window) {
    return Rollup.of(measured.of(new KpiQuery(Optional.of(slug), Optional.of(version), window)));
  }

  boolean hasProtocol(String slug) {
    return catalog.latest(slug).isPresent();
  }

  boolean hasVersion(String slug, int version) {
    return catalog.version(slug, version).isPresent();
  }
}
