package io.servicebook.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A counting rollup, as a server stores it, gives the same KPIs as the rollup of the cases
 * themselves: one case's share taken out and its new share put in is the rollup of the changed
 * cases, and the text form reads back to the same rollup.
 */
class CountingRollupProperties {

  @Property(tries = 200)
  void theTextFormReadsBackToTheSameNumbers(@ForAll("cases") List<MeasuredCase> cases) {
    Rollup counting = Rollup.of(cases).countsOnly();

    Rollup read = Rollup.decode(counting.encode());

    assertThat(read).isEqualTo(counting);
    assertThat(withoutCases(read.kpis())).isEqualTo(withoutCases(Rollup.of(cases).kpis()));
  }

  @Property(tries = 200)
  void replacingACasesShareEqualsTheRollupOfTheChangedCases(
      @ForAll("cases") List<MeasuredCase> cases,
      @ForAll @IntRange(max = 40) int pick,
      @ForAll long seed) {
    if (cases.isEmpty()) {
      return;
    }
    MeasuredCase before = cases.get(pick % cases.size());
    MeasuredCase after = RollupProperties.randomCase(before.caseId(), new SplittableRandom(seed));
    List<MeasuredCase> changed = new ArrayList<>(cases);
    changed.set(pick % cases.size(), after);
    Rollup stored = Rollup.decode(Rollup.of(cases).countsOnly().encode());

    stored.exclude(share(before)).include(share(after));

    assertThat(stored).isEqualTo(Rollup.of(changed).countsOnly());
    assertThat(withoutCases(stored.kpis())).isEqualTo(withoutCases(Rollup.of(changed).kpis()));
  }

  @Property(tries = 100)
  void sharesOfDaysAddUpToTheirWindow(@ForAll("cases") List<MeasuredCase> cases) {
    Rollup sum = Rollup.counting();
    cases.forEach(c -> sum.include(share(c)));

    assertThat(sum).isEqualTo(Rollup.of(cases).countsOnly());
    assertThat(sum.cases()).isEqualTo(cases.size());
  }

  @Test
  void reasonsWithAnyCharacterSurviveTheTextForm() {
    MeasuredCase odd =
        MeasuredCases.aCase("odd")
            .run(
                true,
                MeasuredCases.deviation("step/1", "100% sure: a/b c\nnext line"),
                MeasuredCases.deviation("ünïcode", null))
            .build();
    Rollup counting = Rollup.of(List.of(odd)).countsOnly();

    Rollup read = Rollup.decode(counting.encode());

    assertThat(read.kpis().deviationReasons())
        .extracting(KpiValues.ReasonCount::step, r -> r.reason().orElse("-"))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("step/1", "100% sure: a/b c next line"),
            org.assertj.core.groups.Tuple.tuple("ünïcode", "-"));
  }

  @Test
  void takingOutMoreThanWasCountedIsRefused() {
    Rollup one = Rollup.of(List.of(MeasuredCases.aCase("a").build())).countsOnly();

    assertThatThrownBy(() -> Rollup.counting().exclude(one))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("more often than it was put in");
  }

  @Test
  void aRollupThatKeepsItsCasesIsNotCombinedInPlace() {
    Rollup tracking = Rollup.of(List.of(MeasuredCases.aCase("a").build()));

    assertThatThrownBy(() -> tracking.include(Rollup.counting()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Only counting rollups");
  }

  @Test
  void aDamagedTextNamesTheLine() {
    assertThatThrownBy(() -> Rollup.decode("rollup 1\nfacet CASES:2\nfr 60:x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("fr 60:x");
    assertThatThrownBy(() -> Rollup.decode("hello"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 1");
  }

  private static Rollup share(MeasuredCase kase) {
    return Rollup.counting().add(kase);
  }

  /** The KPIs without the case ids behind them, which a counting rollup does not keep. */
  private static KpiValues withoutCases(KpiValues values) {
    return new KpiValues(
        values.cases(),
        values.resolutionRate(),
        values.firstResponse(),
        values.firstResponseBusiness(),
        values.resolution(),
        values.resolutionBusiness(),
        values.slaAttainment(),
        values.slaAttainmentOverall(),
        values.firstContactResolution(),
        values.reopenRate(),
        values.escalationRate(),
        values.followUpCompletion(),
        values.adherence(),
        values.runsWithoutDeviation(),
        values.deviationReasons().stream()
            .map(
                r ->
                    new KpiValues.ReasonCount(
                        r.step(), r.reason(), r.count(), new java.util.TreeSet<>()))
            .toList(),
        values.compensationSpent(),
        values.csatAverage(),
        values.csatSatisfied(),
        values.nps(),
        values.cesAverage(),
        values.surveyResponseRate(),
        values.scores(),
        java.util.Map.of());
  }

  @Provide
  Arbitrary<List<MeasuredCase>> cases() {
    return RollupProperties.randomCases();
  }
}
