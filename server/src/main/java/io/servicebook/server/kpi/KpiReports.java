package io.servicebook.server.kpi;

import io.servicebook.kpi.Dimension;
import io.servicebook.kpi.GroupKey;
import io.servicebook.kpi.Health;
import io.servicebook.kpi.KpiValues;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** How long a computed report is reused at most, and how many are kept. */
  static final Duration CACHED_FOR = Duration.ofMinutes(1);

  static final int CACHED_REPORTS = 64;

  private final MeasuredCases measured;
  private final KpiRepository repository;
  private final ProtocolCatalog catalog;
  private final KpiSettings settings;
  private final Clock clock;
  private final ReportCache cache;
  private final RollupStore rollups;

  KpiReports(
      MeasuredCases measured,
      KpiRepository repository,
      ProtocolCatalog catalog,
      KpiSettings settings,
      Clock clock,
      RollupStore rollups) {
    this.rollups = rollups;
    this.measured = measured;
    this.repository = repository;
    this.catalog = catalog;
    this.settings = settings;
    this.clock = clock;
    this.cache = new ReportCache(CACHED_REPORTS, CACHED_FOR, clock);
  }

  /** The rollup of all the query's cases, and of each group when sliced. */
  record Report(
      KpiQuery query, Slicing slicing, Rollup overall, SortedMap<GroupKey, Rollup> groups) {}

  /**
   * The report from the rollups kept as cases change when they can answer it (a window of whole
   * days in the rollups' zone, see {@link RollupStore#answer}), else from the cases themselves. A
   * report from the rollups has no case ids behind its numbers: {@link #withCases} has them.
   */
  @Transactional(readOnly = true)
  public Report report(KpiQuery query, Slicing slicing) {
    return rollups
        .answer(query, slicing)
        .map(answer -> new Report(query, slicing, answer.overall(), answer.groups()))
        .orElseGet(() -> withCases(query, slicing));
  }

  /** The report computed from the cases, with the ids of the cases behind every number. */
  @Transactional(readOnly = true)
  public Report withCases(KpiQuery query, Slicing slicing) {
    return cache.report(
        query,
        slicing,
        repository.dataState(),
        () -> {
          List<MeasuredCase> cases = measured.of(query);
          Report report =
              new Report(query, slicing, Rollup.of(cases), Kpis.aggregate(cases, slicing));
          // a cached report is read by several requests at once: reading its KPIs once here
          // merges what a rollup merges lazily, so that later reads change nothing
          report.overall().kpis();
          report.groups().values().forEach(Rollup::kpis);
          return report;
        });
  }

  /**
   * The window the API uses when none is asked for: the last days of the rolling window's length up
   * to the end of today in the rollups' zone (today included), which the rollups answer. A window
   * that is not a number of whole days ends at the next whole minute instead, so that the same
   * question asked again within the minute is the same query.
   */
  Window defaultWindow() {
    Instant now = clock.instant();
    Duration length = settings.window();
    if (length.toSeconds() % Duration.ofDays(1).toSeconds() == 0) {
      LocalDate tomorrow = LocalDate.ofInstant(now, zone()).plusDays(1);
      return new Window(
          tomorrow.minusDays(length.toDays()).atStartOfDay(zone()).toInstant(),
          tomorrow.atStartOfDay(zone()).toInstant());
    }
    Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
    Instant to = minute.equals(now) ? now : minute.plus(Duration.ofMinutes(1));
    return new Window(to.minus(length), to);
  }

  /** The time zone of the rollups' days, and of the dashboards' periods. */
  public ZoneId zone() {
    return rollups.zone();
  }

  /** A protocol's health over the rolling window, measured against its latest version's targets. */
  record ProtocolHealth(
      PublishedProtocol protocol, Window window, long cases, Health health, KpiValues values) {}

  @Transactional(readOnly = true)
  public Optional<ProtocolHealth> health(String slug) {
    return catalog
        .latest(slug)
        .map(
            latest -> {
              Protocol model = catalog.model(latest);
              Window window = defaultWindow();
              Rollup rollup = overall(new KpiQuery(Optional.of(slug), Optional.empty(), window));
              return healthOf(latest, window, rollup);
            });
  }

  /**
   * The health of each of these protocols over the rolling window, by slug: one report grouped by
   * protocol instead of one per protocol.
   */
  @Transactional(readOnly = true)
  public Map<String, ProtocolHealth> health(Collection<PublishedProtocol> protocols) {
    Window window = defaultWindow();
    if (protocols.size() == 1) {
      PublishedProtocol only = protocols.iterator().next();
      return Map.of(
          only.slug(),
          healthOf(
              only,
              window,
              overall(new KpiQuery(Optional.of(only.slug()), Optional.empty(), window))));
    }
    Map<String, Rollup> bySlug = new HashMap<>();
    report(
            new KpiQuery(Optional.empty(), Optional.empty(), window),
            Slicing.by(zone(), Dimension.PROTOCOL))
        .groups()
        .forEach((key, rollup) -> bySlug.put(key.value(Dimension.PROTOCOL).orElseThrow(), rollup));
    Map<String, ProtocolHealth> health = new LinkedHashMap<>();
    for (PublishedProtocol p : protocols) {
      health.put(p.slug(), healthOf(p, window, bySlug.getOrDefault(p.slug(), Rollup.counting())));
    }
    return health;
  }

  private ProtocolHealth healthOf(PublishedProtocol latest, Window window, Rollup rollup) {
    return new ProtocolHealth(
        latest,
        window,
        rollup.cases(),
        Kpis.health(catalog.model(latest).benchmarks(), rollup, Health.Rules.DEFAULT),
        rollup.kpis());
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
    return overall(new KpiQuery(Optional.of(slug), Optional.of(version), window));
  }

  private Rollup overall(KpiQuery query) {
    return report(query, Slicing.none()).overall();
  }

  boolean hasProtocol(String slug) {
    return catalog.latest(slug).isPresent();
  }

  boolean hasVersion(String slug, int version) {
    return catalog.version(slug, version).isPresent();
  }
}
