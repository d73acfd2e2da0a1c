package io.servicebook.server.kpi;

import io.servicebook.kpi.Dimension;
import io.servicebook.kpi.GroupKey;
import io.servicebook.kpi.Health;
import io.servicebook.kpi.KpiValues;
import io.servicebook.kpi.Rollup;
import io.servicebook.kpi.Slicing;
import io.servicebook.kpi.VersionComparison;
import io.servicebook.kpi.Window;
import io.servicebook.server.protocols.ProtocolCatalog;
import io.servicebook.server.protocols.ProtocolReview;
import io.servicebook.server.protocols.ProtocolReviews;
import io.servicebook.server.protocols.PublishedProtocol;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * The KPI dashboard as the console shows it: tiles with their weekly trend over the rolling window,
 * the weeks as a table (what the trend lines are drawn from), each protocol's health against its
 * benchmarks, and the most frequent deviations. Values come formatted; "—" means no data.
 */
@Service
public class KpiDashboards {

  private static final String NONE = "—";

  private final KpiReports reports;
  private final ProtocolCatalog catalog;
  private final ProtocolReviews reviews;
  private final SurveyComments comments;
  private final OpenSuggestions suggestions;

  KpiDashboards(
      KpiReports reports,
      ProtocolCatalog catalog,
      ProtocolReviews reviews,
      SurveyComments comments,
      OpenSuggestions suggestions) {
    this.reports = reports;
    this.catalog = catalog;
    this.reviews = reviews;
    this.comments = comments;
    this.suggestions = suggestions;
  }

  /** One number with its weekly trend as SVG polyline points in a 100×30 box (empty: no line). */
  public record Tile(String key, String value, String detail, String points) {}

  /** One week of the window, as the table behind the trend lines shows it. */
  public record Week(
      String week,
      long cases,
      String resolved,
      String firstResponseP50,
      String slaAttainment,
      String csat,
      String escalation,
      String adherence) {}

  /** A protocol's health: {@code status} is ok, not_enough_data, at_risk or failing. */
  public record ProtocolHealth(
      String slug, String title, String status, long cases, List<String> concerns) {

    /** Failing first, then at risk, not enough data, ok. */
    int severity() {
      return switch (status) {
        case "failing" -> 0;
        case "at_risk" -> 1;
        case "not_enough_data" -> 2;
        default -> 3;
      };
    }
  }

  /**
   * A protocol its owner should look at now: failing or at risk against its benchmarks, or due for
   * review ({@code review_every} after publication, within {@link #REVIEW_SOON}), with the
   * evidence.
   */
  public record ReviewItem(
      String slug,
      String title,
      String owner,
      int version,
      String status,
      Optional<Instant> reviewDue,
      boolean reviewOverdue,
      List<String> concerns,
      List<String> mostLeftSteps,
      Evidence evidence) {}

  /**
   * What customers and agents said about a protocol in review: the lowest-scored survey comments in
   * the window, and the agents' open suggestions on its steps.
   */
  public record Evidence(
      List<SurveyComments.Comment> lowestComments, OpenSuggestions.Summary suggestions) {}

  /** How many of the lowest-scored comments and of the newest open suggestions an item shows. */
  static final int EVIDENCE_COMMENTS = 5;

  static final int EVIDENCE_SUGGESTIONS = 3;

  /** How far ahead a coming review puts a protocol in the queue. */
  static final Duration REVIEW_SOON = Duration.ofDays(14);

  /** A step where agents leave the protocol, and why. */
  public record Deviation(String step, String reason, long count) {}

  /** The dashboard of one protocol, or of all when {@code protocol} is empty. */
  public record Dashboard(
      Optional<String> protocol,
      List<PublishedProtocol> protocols,
      Window window,
      long cases,
      List<Tile> tiles,
      List<Week> weeks,
      List<ProtocolHealth> health,
      List<ReviewItem> reviewQueue,
      List<Deviation> deviations,
      KpiCharts charts) {}

  /** Empty when {@code protocol} names no published protocol. */
  public Optional<Dashboard> of(Optional<String> protocol) {
    if (protocol.isPresent() && catalog.latest(protocol.get()).isEmpty()) {
      return Optional.empty();
    }
    Window window = reports.defaultWindow();
    KpiReports.Report report =
        reports.report(
            new KpiQuery(protocol, Optional.empty(), window),
            Slicing.by(reports.zone(), Dimension.WEEK));
    KpiValues all = report.overall().kpis();
    List<KpiValues> byWeek = report.groups().values().stream().map(Rollup::kpis).toList();
    List<PublishedProtocol> protocols =
        catalog.latestOfEach().stream()
            .sorted(Comparator.comparing(PublishedProtocol::title))
            .toList();
    List<PublishedProtocol> shown =
        protocol.isPresent() ? List.of(catalog.latest(protocol.get()).get()) : protocols;
    Map<String, KpiReports.ProtocolHealth> measured = reports.health(shown);
    List<ProtocolHealth> health = health(measured);
    return Optional.of(
        new Dashboard(
            protocol,
            protocols,
            window,
            all.cases(),
            tiles(all, byWeek),
            weeks(report),
            health,
            reviewQueue(shown, health, measured, window),
            all.deviationReasons().stream()
                .filter(r -> r.count() > 0)
                .sorted(Comparator.comparingLong(KpiValues.ReasonCount::count).reversed())
                .limit(10)
                .map(r -> new Deviation(r.step(), r.reason().orElse(""), r.count()))
                .toList(),
            charts(new ChartSources(report, compared(protocol, window)))));
  }

  private static List<Tile> tiles(KpiValues all, List<KpiValues> weeks) {
    List<Tile> tiles = new ArrayList<>();
    tiles.add(
        tile(
            "cases", String.valueOf(all.cases()), "", weeks, v -> Optional.of((double) v.cases())));
    tiles.add(
        tile(
            "resolved",
            percent(all.resolutionRate()),
            of(all.resolutionRate()),
            weeks,
            v -> v.resolutionRate().value()));
    tiles.add(
        tile(
            "firstResponse",
            duration(all.firstResponseBusiness().p50()),
            "p90 " + duration(all.firstResponseBusiness().p90()),
            weeks,
            v -> v.firstResponseBusiness().p50().map(Long::doubleValue)));
    tiles.add(
        tile(
            "sla",
            percent(all.slaAttainmentOverall()),
            of(all.slaAttainmentOverall()),
            weeks,
            v -> v.slaAttainmentOverall().value()));
    tiles.add(
        tile(
            "csat",
            mean(all.csatAverage()),
            "n = " + all.csatAverage().n(),
            weeks,
            v -> v.csatAverage().value()));
    tiles.add(
        tile(
            "nps",
            all.nps().value().map(n -> String.format(Locale.ROOT, "%+.0f", n)).orElse(NONE),
            "n = " + all.nps().n(),
            weeks,
            v -> v.nps().value()));
    tiles.add(
        tile(
            "escalation",
            percent(all.escalationRate()),
            of(all.escalationRate()),
            weeks,
            v -> v.escalationRate().value()));
    tiles.add(
        tile(
            "adherence",
            percent(all.adherence()),
            of(all.adherence()),
            weeks,
            v -> v.adherence().value()));
    return tiles;
  }

  private static Tile tile(
      String key,
      String value,
      String detail,
      List<KpiValues> weeks,
      Function<KpiValues, Optional<Double>> measure) {
    return new Tile(key, value, detail, points(weeks.stream().map(measure).toList()));
  }

  /** The trend as polyline points: weeks left to right, lowest value at the bottom. */
  static String points(List<Optional<Double>> values) {
    return SvgCharts.sparkline(values);
  }

  private static List<Week> weeks(KpiReports.Report report) {
    List<Week> weeks = new ArrayList<>();
    for (Map.Entry<GroupKey, Rollup> group : report.groups().entrySet()) {
      KpiValues v = group.getValue().kpis();
      weeks.add(
          new Week(
              group.getKey().value(Dimension.WEEK).orElse(NONE),
              v.cases(),
              percent(v.resolutionRate()),
              duration(v.firstResponseBusiness().p50()),
              percent(v.slaAttainmentOverall()),
              mean(v.csatAverage()),
              percent(v.escalationRate()),
              percent(v.adherence())));
    }
    return weeks;
  }

  private static List<ProtocolHealth> health(Map<String, KpiReports.ProtocolHealth> measured) {
    List<ProtocolHealth> rows = new ArrayList<>();
    for (KpiReports.ProtocolHealth h : measured.values()) {
      rows.add(
          new ProtocolHealth(
              h.protocol().slug(),
              h.protocol().title(),
              h.health().status().name().toLowerCase(Locale.ROOT),
              h.cases(),
              h.health().concerns().stream().map(Health.Check::evidence).toList()));
    }
    rows.sort(
        Comparator.comparingInt(ProtocolHealth::severity).thenComparing(ProtocolHealth::title));
    return rows;
  }

  private List<ReviewItem> reviewQueue(
      List<PublishedProtocol> protocols,
      List<ProtocolHealth> health,
      Map<String, KpiReports.ProtocolHealth> measured,
      Window window) {
    Instant soon = window.to().plus(REVIEW_SOON);
    Map<String, List<SurveyComments.Comment>> lowest =
        comments.lowestScored(
            protocols.stream().map(PublishedProtocol::slug).toList(),
            window.from(),
            window.to(),
            EVIDENCE_COMMENTS);
    List<ReviewItem> queue = new ArrayList<>();
    Map<String, ProtocolReview> confirmed = reviews.latestOfEach();
    for (PublishedProtocol p : protocols) {
      String status =
          health.stream()
              .filter(h -> h.slug().equals(p.slug()))
              .map(ProtocolHealth::status)
              .findFirst()
              .orElse("not_enough_data");
      Optional<Instant> due = reviews.due(p, Optional.ofNullable(confirmed.get(p.slug())));
      boolean falling = status.equals("failing") || status.equals("at_risk");
      if (!falling && due.filter(d -> d.isBefore(soon)).isEmpty()) {
        continue;
      }
      KpiValues values = measured.get(p.slug()).values();
      queue.add(
          new ReviewItem(
              p.slug(),
              p.title(),
              p.owner() == null ? "" : p.owner(),
              p.version(),
              status,
              due,
              due.filter(d -> d.isBefore(window.to())).isPresent(),
              health.stream()
                  .filter(h -> h.slug().equals(p.slug()))
                  .flatMap(h -> h.concerns().stream())
                  .toList(),
              mostLeftSteps(values),
              new Evidence(
                  lowest.getOrDefault(p.slug(), List.of()),
                  suggestions.of(p.slug(), EVIDENCE_SUGGESTIONS))));
    }
    queue.sort(
        Comparator.comparing((ReviewItem r) -> !r.status().equals("failing"))
            .thenComparing(r -> r.reviewDue().orElse(Instant.MAX)));
    return queue;
  }

  /** The three steps agents leave most often, as {@code step (n)}. */
  private static List<String> mostLeftSteps(KpiValues values) {
    Map<String, Long> byStep = new java.util.TreeMap<>();
    values.deviationReasons().forEach(r -> byStep.merge(r.step(), r.count(), Long::sum));
    return byStep.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(3)
        .map(e -> e.getKey() + " (" + e.getValue() + ")")
        .toList();
  }

  private static String percent(KpiValues.Share share) {
    return share.value().map(v -> Math.round(v * 100) + " %").orElse(NONE);
  }

  private static String of(KpiValues.Share share) {
    return share.count() + " / " + share.of();
  }

  private static String mean(KpiValues.Mean mean) {
    return mean.value().map(v -> String.format(Locale.ROOT, "%.2f", v)).orElse(NONE);
  }

  /** Seconds as {@code 1d 4h}, {@code 2h 5m}, {@code 45m} or {@code 30s}. */
  static String duration(Optional<Long> seconds) {
    if (seconds.isEmpty()) {
      return NONE;
    }
    Duration d = Duration.ofSeconds(seconds.get());
    if (d.toDays() > 0) {
      return d.toDays() + "d " + d.toHoursPart() + "h";
    }
    if (d.toHours() > 0) {
      return d.toHours() + "h " + d.toMinutesPart() + "m";
    }
    return d.toMinutes() > 0 ? d.toMinutes() + "m" : d.getSeconds() + "s";
  }

  // --- charts and the CSV of every table ---

  /**
   * The charts of a dashboard (SLA per week, CSAT and NPS answers, deviations by step and reason,
   * and for one protocol its latest version against the one before), over the dashboard's window.
   */
  public KpiCharts charts(Dashboard dashboard) {
    return dashboard.charts();
  }

  private static KpiCharts charts(ChartSources sources) {
    KpiValues all = sources.weeks().overall().kpis();
    return new KpiCharts(
        KpiCharts.sla(sources.weeks().groups()),
        KpiCharts.csat(all),
        KpiCharts.nps(all),
        KpiCharts.heatmap(all),
        sources
            .compared()
            .map(c -> KpiCharts.comparison(c.slug(), c.older(), c.newer(), c.comparison())),
        KpiCharts.DRILL);
  }

  /**
   * A table of the dashboard as CSV (RFC 4180), by the name in its address (weeks, sla, csat, nps,
   * deviations, heatmap, comparison, health); empty when there is no such table.
   */
  public Optional<String> csv(Dashboard dashboard, String table) {
    if (!DashboardTables.NAMES.contains(table)) {
      return Optional.empty();
    }
    ChartSources sources = sources(dashboard);
    return Optional.of(DashboardTables.csv(table, dashboard, charts(sources), sources));
  }

  /** What the charts are drawn from: the dashboard's report by week and two versions compared. */
  record ChartSources(KpiReports.Report weeks, Optional<Compared> compared) {}

  /** Version {@code newer} of {@code slug} against {@code older}. */
  record Compared(String slug, int older, int newer, VersionComparison comparison) {}

  private ChartSources sources(Dashboard dashboard) {
    KpiReports.Report weeks =
        reports.report(
            new KpiQuery(dashboard.protocol(), Optional.empty(), dashboard.window()),
            Slicing.by(reports.zone(), Dimension.WEEK));
    return new ChartSources(weeks, compared(dashboard.protocol(), dashboard.window()));
  }

  /** The protocol's latest version against the one before, when one protocol is shown. */
  private Optional<Compared> compared(Optional<String> protocol, Window window) {
    return protocol
        .flatMap(catalog::latest)
        .flatMap(
            latest ->
                catalog.versions(latest.slug()).stream()
                    .filter(v -> v < latest.version())
                    .max(Integer::compare)
                    .map(
                        older ->
                            new Compared(
                                latest.slug(),
                                older,
                                latest.version(),
                                reports.compare(latest.slug(), older, latest.version(), window))));
  }
}
