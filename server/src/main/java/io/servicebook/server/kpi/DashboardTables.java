package io.servicebook.server.kpi;

import io.servicebook.kpi.Dimension;
import io.servicebook.kpi.GroupKey;
import io.servicebook.kpi.KpiValues;
import io.servicebook.kpi.Rollup;
import io.servicebook.kpi.VersionComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's tables as CSV, one header row and the rows the page shows, in {@link KpiTable}'s
 * CSV: shares from 0 to 1, times in business seconds, an empty cell for no data, like the API's
 * CSV.
 */
final class DashboardTables {

  static final List<String> NAMES =
      List.of("weeks", "sla", "csat", "nps", "deviations", "heatmap", "comparison", "health");

  static String csv(
      String table,
      KpiDashboards.Dashboard dashboard,
      KpiCharts charts,
      KpiDashboards.ChartSources sources) {
    List<List<String>> rows =
        switch (table) {
          case "weeks" -> weeks(sources.weeks());
          case "sla" -> sla(charts.sla());
          case "csat" -> bars("score", charts.csat().bars());
          case "nps" -> bars("group", charts.nps().groups());
          case "deviations" -> deviations(dashboard.deviations());
          case "heatmap" -> heatmapRows(charts.heatmap());
          case "comparison" -> comparison(sources.compared());
          case "health" -> health(dashboard.health());
          default -> throw new IllegalStateException("Bug: no CSV table `" + table + "`.");
        };
    StringBuilder csv = new StringBuilder();
    rows.forEach(row -> csv.append(KpiTable.line(row)));
    return csv.toString();
  }

  private static List<List<String>> weeks(KpiReports.Report report) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "week",
            "cases",
            "resolved",
            "resolution_rate",
            "first_response_p50_seconds",
            "sla_attainment",
            "csat_avg",
            "escalation_rate",
            "adherence"));
    for (Map.Entry<GroupKey, Rollup> group : report.groups().entrySet()) {
      KpiValues v = group.getValue().kpis();
      rows.add(
          List.of(
              group.getKey().value(Dimension.WEEK).orElse(""),
              String.valueOf(v.cases()),
              String.valueOf(v.resolutionRate().count()),
              cell(v.resolutionRate().value()),
              cell(v.firstResponseBusiness().p50()),
              cell(v.slaAttainmentOverall().value()),
              cell(v.csatAverage().value()),
              cell(v.escalationRate().value()),
              cell(v.adherence().value())));
    }
    return rows;
  }

  private static List<List<String>> sla(KpiCharts.SlaChart chart) {
    List<String> header = new ArrayList<>(List.of("week"));
    chart
        .lines()
        .forEach(
            l -> header.addAll(List.of(l.target() + "_met", l.target() + "_decided", l.target())));
    List<List<String>> rows = new ArrayList<>(List.of(header));
    for (int week = 0; week < chart.weeks().size(); week++) {
      List<String> row = new ArrayList<>(List.of(chart.weeks().get(week).label()));
      for (KpiCharts.SlaLine line : chart.lines()) {
        KpiCharts.SlaPoint point = line.cells().get(week);
        row.add(String.valueOf(point.met()));
        row.add(String.valueOf(point.decided()));
        row.add(point.known() ? String.valueOf((double) point.met() / point.decided()) : "");
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<List<String>> bars(String label, List<KpiCharts.Bar> bars) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of(label, "answers"));
    bars.forEach(b -> rows.add(List.of(b.label(), String.valueOf(b.count()))));
    return rows;
  }

  private static List<List<String>> deviations(List<KpiDashboards.Deviation> deviations) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("step", "reason", "count"));
    deviations.forEach(d -> rows.add(List.of(d.step(), d.reason(), String.valueOf(d.count()))));
    return rows;
  }

  /** The heatmap's table with every step, also those the chart leaves out. */
  static List<List<String>> heatmapRows(KpiCharts.Heatmap heatmap) {
    List<String> header = new ArrayList<>(List.of("step"));
    heatmap
        .columns()
        .forEach(
            c ->
                header.add(
                    c.others()
                        ? "other reasons"
                        : c.reason().isEmpty() ? "no reason" : c.reason()));
    header.add("total");
    List<List<String>> rows = new ArrayList<>(List.of(header));
    for (KpiCharts.HeatRow step : heatmap.rows()) {
      List<String> row = new ArrayList<>(List.of(step.step()));
      step.cells().forEach(c -> row.add(String.valueOf(c.count())));
      row.add(String.valueOf(step.total()));
      rows.add(row);
    }
    return rows;
  }

  private static List<List<String>> comparison(Optional<KpiDashboards.Compared> compared) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "kpi",
            "older_version",
            "older_n",
            "older_value",
            "newer_version",
            "newer_n",
            "newer_value",
            "difference",
            "low",
            "high",
            "significant",
            "not_enough_data"));
    compared.ifPresent(
        c -> {
          for (VersionComparison.KpiDifference d : c.comparison().differences()) {
            List<String> row =
                new ArrayList<>(
                    List.of(
                        d.kpi().key(),
                        String.valueOf(c.older()),
                        String.valueOf(d.older().n()),
                        cell(d.older().value()),
                        String.valueOf(c.newer()),
                        String.valueOf(d.newer().n()),
                        cell(d.newer().value())));
            switch (d.estimate()) {
              case VersionComparison.Estimate.Interval i ->
                  row.addAll(
                      List.of(
                          String.valueOf(i.difference()),
                          String.valueOf(i.low()),
                          String.valueOf(i.high()),
                          String.valueOf(i.isSignificant()),
                          "false"));
              case VersionComparison.Estimate.NotEnoughData n ->
                  row.addAll(List.of("", "", "", "", "true"));
            }
            rows.add(row);
          }
        });
    return rows;
  }

  private static List<List<String>> health(List<KpiDashboards.ProtocolHealth> health) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("protocol", "title", "status", "cases", "concerns"));
    health.forEach(
        h ->
            rows.add(
                List.of(
                    h.slug(),
                    h.title(),
                    h.status(),
                    String.valueOf(h.cases()),
                    String.join("; ", h.concerns()))));
    return rows;
  }

  private static String cell(Optional<? extends Number> value) {
    return value.map(String::valueOf).orElse("");
  }

  private DashboardTables() {}
}
