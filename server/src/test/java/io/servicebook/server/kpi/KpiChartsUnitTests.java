package io.servicebook.server.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicebook.kpi.Dimension;
import io.servicebook.kpi.GroupKey;
import io.servicebook.kpi.KpiValues;
import io.servicebook.kpi.Rollup;
import io.servicebook.kpi.VersionComparison;
import io.servicebook.protocol.Kpi;
import io.servicebook.protocol.SurveyKind;
import io.servicebook.sla.SlaTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KpiChartsUnitTests {

  @Test
  void theHeatmapGivesTheMostFrequentReasonsAColumnEachAndTheRestOne() {
    List<KpiValues.ReasonCount> reasons = new ArrayList<>();
    for (int n = 10; n >= 1; n--) {
      reasons.add(new KpiValues.ReasonCount("pay", Optional.of("reason " + n), n, Set.of()));
    }
    reasons.add(new KpiValues.ReasonCount("greet", Optional.empty(), 3, Set.of()));

    KpiCharts.Heatmap heatmap = KpiCharts.heatmap(values(reasons, Map.of(), Map.of()));

    assertThat(heatmap.columns()).hasSize(KpiCharts.REASON_COLUMNS + 1);
    assertThat(heatmap.columns().getFirst().reason()).isEqualTo("reason 10");
    assertThat(heatmap.columns().getLast().others()).isTrue();
    assertThat(heatmap.rows()).extracting(KpiCharts.HeatRow::step).containsExactly("pay", "greet");
    KpiCharts.HeatRow pay = heatmap.rows().getFirst();
    assertThat(pay.total()).isEqualTo(55);
    // seven reasons and "none" (3, before "reason 3" at 3) have a column: reasons 3, 2, 1 share one
    assertThat(pay.cells().getLast().count()).isEqualTo(6);
    assertThat(pay.cells().getFirst().shade()).isEqualTo(SvgCharts.SHADES);
    assertThat(heatmap.max()).isEqualTo(10);
    // deviations without a reason are a column of their own: 3 of 10 is the second shade
    int none =
        heatmap
            .columns()
            .indexOf(
                heatmap.columns().stream()
                    .filter(c -> c.reason().isEmpty() && !c.others())
                    .findFirst()
                    .orElseThrow());
    assertThat(heatmap.rows().getLast().cells().get(none).count()).isEqualTo(3);
    assertThat(heatmap.rows().getLast().cells().get(none).shade()).isEqualTo(2);
  }

  @Test
  void theHeatmapShowsTheStepsWithTheMostDeviationsAndTheCsvHasThemAll() {
    List<KpiValues.ReasonCount> reasons = new ArrayList<>();
    int steps = KpiCharts.HEAT_ROWS + 5;
    for (int n = 1; n <= steps; n++) {
      reasons.add(new KpiValues.ReasonCount("step-" + n, Optional.of("why"), n, Set.of()));
    }

    KpiCharts.Heatmap heatmap = KpiCharts.heatmap(values(reasons, Map.of(), Map.of()));

    assertThat(heatmap.rows()).hasSize(steps);
    assertThat(heatmap.shown()).hasSize(KpiCharts.HEAT_ROWS);
    assertThat(heatmap.hidden()).isEqualTo(5);
    // most deviations first: step-25 down to step-6 are drawn, step-5 to step-1 are not
    assertThat(heatmap.shown().getFirst().step()).isEqualTo("step-" + steps);
    assertThat(heatmap.shown().getLast().step()).isEqualTo("step-6");
    assertThat(heatmap.height()).isEqualTo(120 + KpiCharts.HEAT_ROWS * 30 + 10);
    assertThat(DashboardTables.heatmapRows(heatmap)).hasSize(steps + 1);
  }

  @Test
  void aComparisonDrawsEachIntervalAroundZeroOnItsRowsOwnScale() {
    VersionComparison compared =
        new VersionComparison(
            List.of(
                new VersionComparison.KpiDifference(
                    Kpi.ESCALATION_RATE,
                    new VersionComparison.Side(40, Optional.of(0.2)),
                    new VersionComparison.Side(50, Optional.of(0.3)),
                    new VersionComparison.Estimate.Interval(
                        0.1, -0.05, 0.25, VersionComparison.Method.NEWCOMBE_WILSON)),
                new VersionComparison.KpiDifference(
                    Kpi.CSAT_AVG,
                    new VersionComparison.Side(3, Optional.of(4.0)),
                    new VersionComparison.Side(0, Optional.empty()),
                    new VersionComparison.Estimate.NotEnoughData(30))));

    KpiCharts.Comparison chart = KpiCharts.comparison("refunds", 2, 3, compared);

    KpiCharts.Difference escalation = chart.rows().getFirst();
    assertThat(escalation.olderValue()).isEqualTo("20 %");
    assertThat(escalation.newerN()).isEqualTo(50);
    KpiCharts.Interval interval = escalation.interval().orElseThrow();
    assertThat(interval.difference()).isEqualTo("+10.0 pp");
    assertThat(interval.low()).isEqualTo("−5.0 pp");
    assertThat(interval.significant()).isFalse();
    // reach 0.275 either side of 470, 150 wide
    assertThat(interval.lowX()).isEqualTo("442.7");
    assertThat(interval.differenceX()).isEqualTo("524.5");
    assertThat(interval.highX()).isEqualTo("606.4");
    KpiCharts.Difference csat = chart.rows().getLast();
    assertThat(csat.interval()).isEmpty();
    assertThat(csat.minimum()).isEqualTo(30);
    assertThat(csat.newerValue()).isEqualTo("—");
  }

  @Test
  void slaLinesRunFromZeroAtTheBottomToAHundredAtTheTopAndSkipWeeksWithoutCycles() {
    SortedMap<GroupKey, Rollup> weeks = new TreeMap<>();
    weeks.put(week("2026-W47"), Rollup.empty());
    weeks.put(week("2026-W48"), Rollup.empty());

    KpiCharts.SlaChart empty = KpiCharts.sla(weeks);

    assertThat(empty.isEmpty()).as("no cycle decided: no line").isTrue();
    assertThat(empty.weeks())
        .extracting(KpiCharts.Tick::label)
        .containsExactly("2026-W47", "2026-W48");
    assertThat(empty.yTicks().getFirst()).isEqualTo(new KpiCharts.Tick("186.0", "0 %"));
    assertThat(empty.yTicks().getLast()).isEqualTo(new KpiCharts.Tick("12.0", "100 %"));
  }

  @Test
  void csatBarsAreAsTallAsTheirCountAgainstTheMostGivenScore() {
    SortedMap<Integer, Long> csat = new TreeMap<>(Map.of(2, 1L, 5, 3L));

    KpiCharts.ScoreChart chart =
        KpiCharts.csat(values(List.of(), Map.of(SurveyKind.CSAT, csat), Map.of()));

    assertThat(chart.bars()).extracting(KpiCharts.Bar::count).containsExactly(0L, 1L, 0L, 0L, 3L);
    assertThat(chart.bars().get(4).height()).isEqualTo("130.0");
    assertThat(chart.bars().get(1).height()).isEqualTo("43.3");
    assertThat(chart.bars().get(1).share()).isEqualTo("25 %");
  }

  @Test
  void shadesGrowWithTheCountAndLongLabelsAreCut() {
    assertThat(SvgCharts.shade(0, 10)).isZero();
    assertThat(SvgCharts.shade(1, 10)).isEqualTo(1);
    assertThat(SvgCharts.shade(10, 10)).isEqualTo(SvgCharts.SHADES);
    assertThat(SvgCharts.shortened("the customer was in a great hurry", 12))
        .isEqualTo("the custome…");
    assertThat(SvgCharts.shortened("short", 12)).isEqualTo("short");
  }

  private static GroupKey week(String week) {
    return new GroupKey(List.of(Dimension.WEEK), List.of(week));
  }

  /** The values of no cases, with these deviations, survey scores and SLA attainment. */
  private static KpiValues values(
      List<KpiValues.ReasonCount> reasons,
      Map<SurveyKind, SortedMap<Integer, Long>> scores,
      Map<SlaTarget, KpiValues.Share> sla) {
    KpiValues e = Rollup.empty().kpis();
    long csatN =
        scores.getOrDefault(SurveyKind.CSAT, new TreeMap<>()).values().stream()
            .mapToLong(Long::longValue)
            .sum();
    return new KpiValues(
        e.cases(),
        e.resolutionRate(),
        e.firstResponse(),
        e.firstResponseBusiness(),
        e.resolution(),
        e.resolutionBusiness(),
        sla.isEmpty() ? e.slaAttainment() : sla,
        e.slaAttainmentOverall(),
        e.firstContactResolution(),
        e.reopenRate(),
        e.escalationRate(),
        e.followUpCompletion(),
        e.adherence(),
        e.runsWithoutDeviation(),
        reasons,
        e.compensationSpent(),
        new KpiValues.Mean(csatN, 0),
        e.csatSatisfied(),
        e.nps(),
        e.cesAverage(),
        e.surveyResponseRate(),
        scores,
        e.drilldown());
  }
}
