package io.servicebook.server.kpi;

import io.servicebook.kpi.Dimension;
import io.servicebook.kpi.GroupKey;
import io.servicebook.kpi.KpiValues;
import io.servicebook.kpi.Rollup;
import io.servicebook.kpi.VersionComparison;
import io.servicebook.protocol.Kpi;
import io.servicebook.protocol.SurveyKind;
import io.servicebook.sla.SlaTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The charts of the KPI dashboard, each with the table it is drawn from (what a screen reader
 * reads, and what the CSV export writes): SLA attainment per week and target, the CSAT answers, the
 * NPS groups, deviations by step and reason, and the latest version against the one before.
 * Coordinates are in each chart's SVG viewBox; values come formatted, "—" means no data.
 *
 * @param drill which cases a number opens to, by the key of its tile (and week table column)
 */
public record KpiCharts(
    SlaChart sla,
    ScoreChart csat,
    NpsChart nps,
    Heatmap heatmap,
    Optional<Comparison> comparison,
    Map<String, String> drill) {

  private static final String NONE = "—";

  /** The facets behind the tiles' numbers: the cases each share counts, or all it counts. */
  static final Map<String, String> DRILL =
      Map.of(
          "cases", "cases",
          "resolved", "resolved",
          "firstResponse", "first_responded",
          "sla", "sla_met",
          "csat", "csat_answered",
          "nps", "nps_answered",
          "escalation", "escalated",
          "adherence", "run_adherent");

  /** A mark on an axis: where it is and what it reads. */
  public record Tick(String at, String label) {}

  /**
   * SLA attainment per week: one line per target with cycles decided in the window, from 0 % at the
   * bottom to 100 % at the top.
   */
  public record SlaChart(
      int width, int height, List<Tick> yTicks, List<Tick> weeks, List<SlaLine> lines) {

    public boolean isEmpty() {
      return lines.isEmpty();
    }
  }

  /** One target's line, and its value in each week ({@code cells}, in the order of the weeks). */
  public record SlaLine(String target, String points, List<SlaPoint> cells) {}

  /** A target's attainment in one week: {@code met} of {@code decided} cycles; x empty: no data. */
  public record SlaPoint(String week, String x, String y, String value, long met, long decided) {

    public boolean known() {
      return decided > 0;
    }
  }

  /** A bar: its label and count, its share of all, where it stands, its middle and just above. */
  public record Bar(
      String label,
      long count,
      String share,
      String x,
      String y,
      String width,
      String height,
      String centre,
      String above) {}

  /** How many answers gave each CSAT score, 1 to 5. */
  public record ScoreChart(int width, int height, long answers, String average, List<Bar> bars) {}

  /** The NPS answers as one bar of promoters, passives and detractors, left to right. */
  public record NpsChart(String nps, long answers, List<Bar> groups) {}

  /**
   * Deviations by step (rows, most deviations first) and reason (columns); the most frequent
   * reasons get their own column, the rest share one. The chart and its table show the first {@link
   * #HEAT_ROWS} steps; the CSV has them all.
   */
  public record Heatmap(
      int width, int height, long max, List<HeatColumn> columns, List<HeatRow> rows) {

    public boolean isEmpty() {
      return rows.isEmpty();
    }

    /** The steps the chart and its table show. */
    public List<HeatRow> shown() {
      return rows.subList(0, Math.min(HEAT_ROWS, rows.size()));
    }

    /** How many steps with fewer deviations only the CSV lists. */
    public int hidden() {
      return rows.size() - shown().size();
    }
  }

  /**
   * A reason's column: {@code reason} is empty for deviations without a reason, and for the column
   * of the other reasons ({@code others}); normalised, as a drill-down by step and reason takes it.
   */
  public record HeatColumn(String reason, boolean others, String label, String x, String labelX) {}

  /** A step's row: its count per column and in all. */
  public record HeatRow(String step, String y, long total, List<HeatCell> cells) {}

  /** One cell: how often, and its shade (0: none, up to {@link SvgCharts#SHADES}). */
  public record HeatCell(long count, String x, int shade) {}

  /** Version {@code newer} of {@code protocol} against {@code older}, KPI by KPI. */
  public record Comparison(
      String protocol, int older, int newer, int width, int height, List<Difference> rows) {}

  /**
   * One KPI's difference newer − older: the interval bar from {@code low} to {@code high} around
   * the difference, on the row's own scale centred on 0; without {@code interval}, not enough data
   * (fewer than {@code minimum} on a side).
   */
  public record Difference(
      String kpi,
      String y,
      long olderN,
      String olderValue,
      long newerN,
      String newerValue,
      Optional<Interval> interval,
      int minimum) {}

  /** The difference and its 95 % confidence interval, as text and as x positions. */
  public record Interval(
      String difference,
      String low,
      String high,
      boolean significant,
      String lowX,
      String highX,
      String differenceX) {}

  // --- SLA attainment per week ---

  static final int SLA_WIDTH = 640;
  static final int SLA_HEIGHT = 220;
  private static final double SLA_LEFT = 48;
  private static final double SLA_RIGHT = 630;
  private static final double SLA_TOP = 12;
  private static final double SLA_BOTTOM = 186;

  static SlaChart sla(SortedMap<GroupKey, Rollup> weeks) {
    List<String> names = new ArrayList<>();
    List<KpiValues> values = new ArrayList<>();
    weeks.forEach(
        (key, rollup) -> {
          names.add(key.value(Dimension.WEEK).orElse(NONE));
          values.add(rollup.kpis());
        });
    List<Tick> yTicks = new ArrayList<>();
    for (int percent = 0; percent <= 100; percent += 25) {
      yTicks.add(new Tick(SvgCharts.y(percent, 0, 100, SLA_BOTTOM, SLA_TOP), percent + " %"));
    }
    List<Tick> xTicks = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      xTicks.add(new Tick(SvgCharts.number(slaX(i, names.size())), names.get(i)));
    }
    List<SlaLine> lines = new ArrayList<>();
    for (SlaTarget target : SlaTarget.values()) {
      List<KpiValues.Share> shares =
          values.stream()
              .map(v -> v.slaAttainment().getOrDefault(target, KpiValues.Share.NONE))
              .toList();
      if (shares.stream().allMatch(s -> s.of() == 0)) {
        continue;
      }
      List<SlaPoint> cells = new ArrayList<>();
      for (int i = 0; i < shares.size(); i++) {
        KpiValues.Share share = shares.get(i);
        Optional<Double> value = share.value();
        cells.add(
            new SlaPoint(
                names.get(i),
                value.isPresent() ? SvgCharts.number(slaX(i, shares.size())) : "",
                value.map(v -> SvgCharts.y(v * 100, 0, 100, SLA_BOTTOM, SLA_TOP)).orElse(""),
                percent(value),
                share.count(),
                share.of()));
      }
      String points =
          SvgCharts.line(
              shares.stream().map(s -> s.value().map(v -> v * 100)).toList(),
              i -> slaX(i, shares.size()),
              0,
              100,
              SLA_BOTTOM,
              SLA_TOP);
      lines.add(new SlaLine(target.name().toLowerCase(Locale.ROOT), points, cells));
    }
    return new SlaChart(SLA_WIDTH, SLA_HEIGHT, yTicks, xTicks, lines);
  }

  private static double slaX(int i, int n) {
    return SvgCharts.band(i, n, SLA_LEFT, SLA_RIGHT);
  }

  // --- CSAT and NPS ---

  private static final double CSAT_WIDTH = 320;
  private static final double CSAT_HEIGHT = 180;
  private static final double CSAT_TOP = 20;
  private static final double CSAT_BOTTOM = 150;

  static ScoreChart csat(KpiValues v) {
    SortedMap<Integer, Long> counts = v.scores().getOrDefault(SurveyKind.CSAT, new TreeMap<>());
    long answers = v.csatAverage().n();
    long most = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
    List<Bar> bars = new ArrayList<>();
    double slot = (CSAT_WIDTH - 20) / 5;
    for (int score = 1; score <= 5; score++) {
      long count = counts.getOrDefault(score, 0L);
      double height = most == 0 ? 0 : (double) count / most * (CSAT_BOTTOM - CSAT_TOP);
      double left = 10 + (score - 1) * slot;
      bars.add(
          new Bar(
              String.valueOf(score),
              count,
              share(count, answers),
              SvgCharts.number(left + slot * 0.15),
              SvgCharts.number(CSAT_BOTTOM - height),
              SvgCharts.number(slot * 0.7),
              SvgCharts.number(height),
              SvgCharts.number(left + slot / 2),
              SvgCharts.number(CSAT_BOTTOM - height - 4)));
    }
    return new ScoreChart(
        (int) CSAT_WIDTH,
        (int) CSAT_HEIGHT,
        answers,
        v.csatAverage().value().map(a -> String.format(Locale.ROOT, "%.2f", a)).orElse(NONE),
        bars);
  }

  private static final double NPS_WIDTH = 320;

  static NpsChart nps(KpiValues v) {
    KpiValues.Nps nps = v.nps();
    long n = nps.n();
    long[] counts = {nps.promoters(), nps.passives(), nps.detractors()};
    String[] names = {"promoters", "passives", "detractors"};
    List<Bar> groups = new ArrayList<>();
    double x = 0;
    for (int i = 0; i < counts.length; i++) {
      double width = n == 0 ? 0 : (double) counts[i] / n * NPS_WIDTH;
      groups.add(
          new Bar(
              names[i],
              counts[i],
              share(counts[i], n),
              SvgCharts.number(x),
              "0",
              SvgCharts.number(width),
              "32",
              SvgCharts.number(x + width / 2),
              "20"));
      x += width;
    }
    return new NpsChart(
        nps.value().map(value -> String.format(Locale.ROOT, "%+.0f", value)).orElse(NONE),
        n,
        groups);
  }

  // --- deviations by step and reason ---

  /** How many reasons get a column of their own; the rest share one. */
  static final int REASON_COLUMNS = 8;

  /**
   * How many steps the heatmap shows, those with the most deviations: over all protocols there are
   * a hundred and more, a page no one reads to the end and slow to draw.
   */
  static final int HEAT_ROWS = 20;

  private static final double HEAT_LEFT = 150;
  private static final double HEAT_TOP = 120;
  private static final double HEAT_CELL = 44;
  private static final double HEAT_ROW = 30;

  static Heatmap heatmap(KpiValues v) {
    Map<String, Long> byReason = new LinkedHashMap<>();
    Map<String, Map<String, Long>> byStep = new TreeMap<>();
    for (KpiValues.ReasonCount r : v.deviationReasons()) {
      if (r.count() <= 0) {
        continue;
      }
      String reason = r.reason().orElse("");
      byReason.merge(reason, r.count(), Long::sum);
      byStep
          .computeIfAbsent(r.step(), s -> new LinkedHashMap<>())
          .merge(reason, r.count(), Long::sum);
    }
    List<String> reasons =
        byReason.entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .map(Map.Entry::getKey)
            .toList();
    List<String> own = reasons.subList(0, Math.min(REASON_COLUMNS, reasons.size()));
    boolean others = reasons.size() > own.size();
    List<HeatColumn> columns = new ArrayList<>();
    for (int i = 0; i < own.size(); i++) {
      columns.add(
          new HeatColumn(
              own.get(i),
              false,
              SvgCharts.shortened(own.get(i), 20),
              SvgCharts.number(heatX(i)),
              SvgCharts.number(heatX(i) + HEAT_CELL / 2)));
    }
    if (others) {
      columns.add(
          new HeatColumn(
              "",
              true,
              "",
              SvgCharts.number(heatX(own.size())),
              SvgCharts.number(heatX(own.size()) + HEAT_CELL / 2)));
    }
    List<Map.Entry<String, Map<String, Long>>> steps =
        byStep.entrySet().stream()
            .sorted(
                Comparator.comparingLong(
                        (Map.Entry<String, Map<String, Long>> e) -> total(e.getValue()))
                    .reversed()
                    .thenComparing(Map.Entry::getKey))
            .toList();
    long max = 0;
    List<long[]> counts = new ArrayList<>();
    for (Map.Entry<String, Map<String, Long>> step : steps) {
      long[] row = new long[columns.size()];
      step.getValue()
          .forEach(
              (reason, count) -> {
                int column = own.indexOf(reason);
                row[column < 0 ? own.size() : column] += count;
              });
      counts.add(row);
      for (long c : row) {
        max = Math.max(max, c);
      }
    }
    List<HeatRow> rows = new ArrayList<>();
    for (int r = 0; r < steps.size(); r++) {
      List<HeatCell> cells = new ArrayList<>();
      for (int c = 0; c < columns.size(); c++) {
        long count = counts.get(r)[c];
        cells.add(new HeatCell(count, columns.get(c).x(), SvgCharts.shade(count, max)));
      }
      rows.add(
          new HeatRow(
              steps.get(r).getKey(),
              SvgCharts.number(HEAT_TOP + r * HEAT_ROW),
              total(steps.get(r).getValue()),
              cells));
    }
    return new Heatmap(
        (int) (HEAT_LEFT + Math.max(1, columns.size()) * HEAT_CELL + 110),
        (int) (HEAT_TOP + Math.max(1, Math.min(HEAT_ROWS, rows.size())) * HEAT_ROW + 10),
        max,
        columns,
        rows);
  }

  private static double heatX(int column) {
    return HEAT_LEFT + column * HEAT_CELL;
  }

  private static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  // --- two versions compared ---

  private static final int CMP_WIDTH = 640;
  private static final double CMP_CENTRE = 470;
  private static final double CMP_HALF = 150;
  private static final double CMP_ROW = 30;
  private static final double CMP_TOP = 10;

  static Comparison comparison(String protocol, int older, int newer, VersionComparison compared) {
    List<Difference> rows = new ArrayList<>();
    List<VersionComparison.KpiDifference> differences = compared.differences();
    for (int i = 0; i < differences.size(); i++) {
      VersionComparison.KpiDifference d = differences.get(i);
      Kpi kpi = d.kpi();
      Optional<Interval> interval = Optional.empty();
      int minimum = 0;
      switch (d.estimate()) {
        case VersionComparison.Estimate.Interval e -> {
          double reach = Math.max(Math.abs(e.low()), Math.abs(e.high())) * 1.1;
          interval =
              Optional.of(
                  new Interval(
                      difference(kpi, e.difference()),
                      difference(kpi, e.low()),
                      difference(kpi, e.high()),
                      e.isSignificant(),
                      SvgCharts.number(SvgCharts.centred(e.low(), reach, CMP_CENTRE, CMP_HALF)),
                      SvgCharts.number(SvgCharts.centred(e.high(), reach, CMP_CENTRE, CMP_HALF)),
                      SvgCharts.number(
                          SvgCharts.centred(e.difference(), reach, CMP_CENTRE, CMP_HALF))));
        }
        case VersionComparison.Estimate.NotEnoughData n -> minimum = n.minimum();
      }
      rows.add(
          new Difference(
              kpi.key(),
              SvgCharts.number(CMP_TOP + i * CMP_ROW + CMP_ROW / 2),
              d.older().n(),
              value(kpi, d.older().value()),
              d.newer().n(),
              value(kpi, d.newer().value()),
              interval,
              minimum));
    }
    return new Comparison(
        protocol,
        older,
        newer,
        CMP_WIDTH,
        (int) (CMP_TOP * 2 + differences.size() * CMP_ROW),
        rows);
  }

  /** A KPI's value in its unit: a share as a percentage, a time as a duration, else a number. */
  static String value(Kpi kpi, Optional<Double> value) {
    if (value.isEmpty()) {
      return NONE;
    }
    double v = value.get();
    return switch (kpi.unit()) {
      case RATIO -> percent(value);
      case DURATION -> KpiDashboards.duration(Optional.of(Math.round(v)));
      case SCORE -> String.format(Locale.ROOT, kpi == Kpi.NPS ? "%+.0f" : "%.2f", v);
    };
  }

  /**
   * A difference in a KPI's unit, signed: percentage points for shares, a duration for times, else
   * a number.
   */
  static String difference(Kpi kpi, double d) {
    String sign = d < 0 ? "−" : "+";
    double size = Math.abs(d);
    return switch (kpi.unit()) {
      case RATIO -> sign + String.format(Locale.ROOT, "%.1f pp", size * 100);
      case DURATION -> sign + KpiDashboards.duration(Optional.of(Math.round(size)));
      case SCORE -> sign + String.format(Locale.ROOT, "%.2f", size);
    };
  }

  private static String percent(Optional<Double> share) {
    return share.map(v -> Math.round(v * 100) + " %").orElse(NONE);
  }

  private static String share(long count, long of) {
    return of == 0 ? NONE : Math.round(100.0 * count / of) + " %";
  }
}
