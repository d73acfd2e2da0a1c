package io.servicebook.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicebook.followups.FollowUpStatus;
import io.servicebook.kpi.MeasuredCase.SlaOutcome.Result;
import io.servicebook.protocol.Channel;
import io.servicebook.protocol.SurveyKind;
import io.servicebook.sla.SlaTarget;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A rollup kept incrementally is the rollup of a scan: merging the rollups of two sets of cases
 * gives the rollup of their union, taking a case out undoes putting it in, and the groups of a
 * slicing add up to all cases.
 */
class RollupProperties {

  @Property(tries = 200)
  void mergingTwoRollupsEqualsAggregatingTheUnion(
      @ForAll("cases") List<MeasuredCase> cases, @ForAll @IntRange(max = 40) int cut) {
    int at = Math.min(cut, cases.size());
    Rollup a = Rollup.of(cases.subList(0, at));
    Rollup b = Rollup.of(cases.subList(at, cases.size()));

    Rollup merged = a.plus(b);

    assertThat(merged.cases()).isEqualTo(cases.size());
    assertThat(merged).isEqualTo(Rollup.of(cases));
    assertThat(merged.kpis()).isEqualTo(Rollup.of(cases).kpis());
    assertThat(b.plus(a)).isEqualTo(merged);
  }

  @Property(tries = 200)
  void removingACaseUndoesAddingIt(
      @ForAll("cases") List<MeasuredCase> cases, @ForAll @IntRange(max = 40) int pick) {
    if (cases.isEmpty()) {
      return;
    }
    MeasuredCase taken = cases.get(pick % cases.size());
    List<MeasuredCase> others = new ArrayList<>(cases);
    others.remove(taken);

    Rollup rollup = Rollup.of(cases).remove(taken);

    assertThat(rollup).isEqualTo(Rollup.of(others));
    assertThat(rollup.kpis()).isEqualTo(Rollup.of(others).kpis());
  }

  @Property(tries = 100)
  void theGroupsOfASlicingMergeIntoTheRollupOfAllCases(@ForAll("cases") List<MeasuredCase> cases) {
    Slicing slicing =
        Slicing.by(
            ZoneId.of("Europe/Berlin"), Dimension.VERSION, Dimension.CHANNEL, Dimension.WEEK);

    Rollup all =
        Kpis.aggregate(cases, slicing).values().stream().reduce(Rollup.empty(), Rollup::plus);

    assertThat(all).isEqualTo(Rollup.of(cases));
  }

  @Property(tries = 200)
  void theMedianAndP90AreMeasuredValuesWithTheirShareOfValuesAtOrBelow(
      @ForAll("cases") List<MeasuredCase> cases) {
    List<Long> seconds =
        cases.stream()
            .flatMap(c -> c.firstResponseBusiness().stream())
            .map(d -> d.toSeconds())
            .sorted()
            .collect(Collectors.toList());
    KpiValues.Percentiles p = Rollup.of(cases).kpis().firstResponseBusiness();
    if (seconds.isEmpty()) {
      assertThat(p.p50()).isEmpty();
      return;
    }
    for (int percent : new int[] {50, 90}) {
      long value = (percent == 50 ? p.p50() : p.p90()).orElseThrow();
      long atOrBelow = seconds.stream().filter(s -> s <= value).count();
      long below = seconds.stream().filter(s -> s < value).count();
      assertThat(seconds).contains(value);
      assertThat(atOrBelow * 100).isGreaterThanOrEqualTo((long) percent * seconds.size());
      assertThat(below * 100).isLessThan((long) percent * seconds.size());
    }
  }

  @Property(tries = 50)
  void aCaseIsNeverCountedTwice(@ForAll("cases") List<MeasuredCase> cases) {
    if (cases.isEmpty()) {
      return;
    }
    Rollup rollup = Rollup.of(cases);

    assertThatThrownBy(() -> rollup.add(cases.get(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("remove its old facts");
    assertThatThrownBy(() -> rollup.plus(Rollup.of(cases.subList(0, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("count them twice");
  }

  @Provide
  Arbitrary<List<MeasuredCase>> cases() {
    return randomCases();
  }

  /** Up to 40 random cases with distinct ids. */
  static Arbitrary<List<MeasuredCase>> randomCases() {
    return Arbitraries.longs()
        .list()
        .ofMaxSize(40)
        .map(
            seeds -> {
              List<MeasuredCase> cases = new ArrayList<>();
              for (int i = 0; i < seeds.size(); i++) {
                cases.add(randomCase("case-" + i, new SplittableRandom(seeds.get(i))));
              }
              return cases;
            });
  }

  /** A case with every fact drawn at random, from few values so that groups and ties occur. */
  static MeasuredCase randomCase(String id, SplittableRandom random) {
    MeasuredCases c =
        MeasuredCases.aCase(id)
            .version(1 + random.nextInt(3))
            .agent(random.nextInt(4) == 0 ? null : "agent-" + random.nextInt(3))
            .team(random.nextBoolean() ? "team-a" : "team-b")
            .channel(Channel.values()[random.nextInt(3)])
            .language(random.nextBoolean() ? "en" : "es")
            .tier(random.nextInt(5) == 0 ? "vip" : "standard")
            .createdAt(MeasuredCases.CREATED.plusSeconds(random.nextLong(60L * 24 * 3600)));
    if (random.nextInt(5) > 0) {
      long wall = random.nextLong(20) * 300;
      c.firstResponseAfter(wall, wall / (1 + random.nextInt(2)));
    }
    if (random.nextBoolean()) {
      long wall = 3600 + random.nextLong(10) * 3600;
      c.resolvedAfter(wall, wall / 2);
    }
    for (SlaTarget target : SlaTarget.values()) {
      for (int k = random.nextInt(3); k > 0; k--) {
        c.sla(target, Result.values()[random.nextInt(3)]);
      }
    }
    if (random.nextInt(5) == 0) {
      c.reopened();
    }
    if (random.nextInt(4) == 0) {
      c.escalated();
    }
    c.contacts(random.nextInt(4));
    for (int k = random.nextInt(3); k > 0; k--) {
      c.followUp(FollowUpStatus.values()[random.nextInt(FollowUpStatus.values().length)]);
    }
    if (random.nextInt(4) > 0) {
      List<MeasuredCase.RunDeviation> deviations = new ArrayList<>();
      for (int k = random.nextInt(3); k > 0; k--) {
        String reason =
            List.of("", "in a hurry", "In a  hurry", "system down").get(random.nextInt(4));
        deviations.add(
            MeasuredCases.deviation("step-" + random.nextInt(3), reason.isEmpty() ? null : reason));
      }
      c.run(random.nextBoolean(), deviations.toArray(MeasuredCase.RunDeviation[]::new));
    }
    if (random.nextInt(4) == 0) {
      c.compensation(
          random.nextInt(1, 100) + "." + random.nextInt(10), random.nextBoolean() ? "EUR" : "USD");
    }
    for (SurveyKind kind : SurveyKind.values()) {
      if (random.nextBoolean()) {
        c.survey(
            kind,
            random.nextInt(3) == 0
                ? null
                : kind.min() + random.nextInt(kind.max() - kind.min() + 1));
      }
    }
    return c.build();
  }
}
